// Ada's day: one GraphQL query through the gateway (all seven subgraphs), rendered as cards.
const TODAY = '2026-11-27';
const QUERY = `query Day($id: ID!) {
  user(id: $id) {
    name
    habits { name frequency streak completedToday }
    currentStreak
    habitsCompletedToday
    journalEntries { writtenAt title body mood }
    latestMood
    meals { name eatenAt calories proteinGrams }
    caloriesToday
    workouts { kind startedAt ... on Activity { title minutes } }
    minutesMovedToday
    sessions { title minutes technique startedAt }
    minutesMeditatedToday
    coach { headline suggestions score }
  }
}`;

// el('li', {class: 'x'}, 'text', child, ...): an element; strings become text (never HTML).
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

const time = (iso) => iso.slice(11, 16);
const today = (items, field) => items.filter((item) => item[field].startsWith(TODAY));
const mood = (value) => (value ? el('span', { class: `mood ${value}` }, value) : null);

// A card: a title, a summary on the right, then a list (or a line saying it is empty).
function card(title, summary, items, empty) {
  const body = items.length ? el('ul', {}, ...items) : el('p', { class: 'muted' }, empty);
  return el('section', {}, el('h2', {}, title, el('span', {}, summary ?? '')), body);
}

// A list row: the time and a label on the left, details on the right.
const row = (at, label, details) =>
  el('li', {}, el('span', {}, at ? el('small', {}, time(at)) : null, at ? ' ' : null, label), el('small', {}, details));

function coachCard({ score, headline, suggestions }) {
  return el('section', { class: 'coach' },
    el('div', { class: 'score', title: 'score out of 100' }, String(score)),
    el('div', {}, el('h2', {}, 'Coach'), el('p', {}, headline), el('ul', {}, ...suggestions.map((s) => el('li', {}, s)))));
}

function entry(e) {
  const heading = el('div', {}, el('strong', {}, e.title ?? 'Untitled'), ' ',
    el('small', {}, `${e.writtenAt.slice(0, 10)} ${time(e.writtenAt)}`), ' ', mood(e.mood));
  return el('li', { class: 'entry' }, heading, el('p', {}, e.body));
}

function render(user) {
  const first = user.name.split(' ')[0];
  document.title = `${first}'s day · MindMirror`;
  document.getElementById('title').textContent = `${first}'s day`;
  document.getElementById('subtitle').textContent =
    `${user.name} · Friday 27 November 2026 · feeling ${user.latestMood?.toLowerCase() ?? 'unknown'}`;
  const check = (done) => (done ? el('span', { class: 'done' }, '✓ ') : '○ ');
  const habit = (h) => row(null, el('span', {}, check(h.completedToday), h.name),
    `${h.streak} ${h.frequency === 'DAILY' ? 'days' : 'weeks'}`);
  document.getElementById('day').replaceChildren(
    coachCard(user.coach),
    card('Habits', `${user.habitsCompletedToday} done · best streak ${user.currentStreak}`,
      user.habits.map(habit), 'No habits yet.'),
    card('Movement', `${user.minutesMovedToday} min today`,
      today(user.workouts, 'startedAt').map((w) => row(w.startedAt, w.title, `${w.kind.toLowerCase()} · ${w.minutes} min`)),
      'No workout yet today.'),
    card('Meditation', `${user.minutesMeditatedToday} min today`,
      today(user.sessions, 'startedAt').map((s) => row(s.startedAt, s.title, `${s.technique} · ${s.minutes} min`)),
      'No session yet today.'),
    card('Meals', `${user.caloriesToday} kcal today`,
      today(user.meals, 'eatenAt').map((m) => row(m.eatenAt, m.name, `${m.calories} kcal · ${m.proteinGrams} g protein`)),
      'Nothing eaten yet today.'),
    card('Journal', mood(user.latestMood), [...user.journalEntries].reverse().map(entry), 'No entries yet.'),
  );
}

function fail(message) {
  document.getElementById('subtitle').replaceChildren(el('span', { class: 'error' }, message));
}

try {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY, variables: { id: 'u1' }, operationName: 'Day' }),
  });
  const { data, errors } = await response.json();
  if (data?.user) render(data.user);
  if (errors?.length) fail(errors.map((e) => e.message).join('\n'));
  else if (!data?.user) fail('No user u1.');
} catch (error) {
  fail(`Cannot reach the gateway: ${error.message}`);
}
