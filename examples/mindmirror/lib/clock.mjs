// MindMirror's clock is fixed so that every answer is deterministic: the day is 2026-11-27 and
// "now" (the time mutations stamp) is 20:00 UTC that day.
export const TODAY = '2026-11-27';
export const NOW = `${TODAY}T20:00:00Z`;
