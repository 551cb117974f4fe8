// The coach's reading of a day, from the numbers the other services give the agent (through
// @requires). Deterministic: the same numbers always give the same insight.
export const TARGETS = { moveMinutes: 30, meditateMinutes: 10, calories: 2000, habits: 3 };

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function coachInsight(day) {
  const { currentStreak, habitsCompletedToday, latestMood, caloriesToday, minutesMovedToday, minutesMeditatedToday } =
    day;
  // A quarter of the score each: movement, meditation, calories near the target, habits done.
  const parts = [
    Math.min(minutesMovedToday / TARGETS.moveMinutes, 1),
    Math.min(minutesMeditatedToday / TARGETS.meditateMinutes, 1),
    Math.max(0, 1 - Math.abs(caloriesToday - TARGETS.calories) / TARGETS.calories),
    Math.min(habitsCompletedToday / TARGETS.habits, 1),
  ];
  const score = Math.round(25 * parts.reduce((sum, part) => sum + part, 0));

  const suggestions = [];
  if (minutesMovedToday < TARGETS.moveMinutes) {
    suggestions.push(`Move ${plural(TARGETS.moveMinutes - minutesMovedToday, 'more minute')}: a brisk walk will do.`);
  }
  if (minutesMeditatedToday < TARGETS.meditateMinutes) {
    suggestions.push(`Meditate ${plural(TARGETS.meditateMinutes - minutesMeditatedToday, 'more minute')} before bed.`);
  }
  if (caloriesToday < TARGETS.calories * 0.8) {
    suggestions.push(`Have a proper dinner: you are ${TARGETS.calories - caloriesToday} kcal under your ${TARGETS.calories} kcal target.`);
  } else if (caloriesToday > TARGETS.calories * 1.2) {
    suggestions.push(`Keep dinner light: you are ${caloriesToday - TARGETS.calories} kcal over your ${TARGETS.calories} kcal target.`);
  }
  if (habitsCompletedToday < TARGETS.habits) {
    suggestions.push(`Complete ${plural(TARGETS.habits - habitsCompletedToday, 'more habit')} to close the day.`);
  }
  if (latestMood === 'LOW' || latestMood === 'AWFUL') {
    suggestions.push('Your last entry sounded low: write down one thing that went well today.');
  } else if (latestMood === null || latestMood === undefined) {
    suggestions.push('Write a few lines in your journal: how are you, really?');
  }
  if (suggestions.length === 0) suggestions.push('Everything is on track: rest well tonight.');

  const verdict = score >= 80 ? 'A strong day' : score >= 50 ? 'A good day, with room to grow' : 'A slow day: small steps count';
  const streak = currentStreak >= 2 ? `Your best streak is ${currentStreak} days.` : 'Start a streak today.';
  return { headline: `${verdict}. ${streak}`, suggestions, score };
}
