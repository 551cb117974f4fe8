const AUTHORS = [
  ['u1', 'Ada Lovelace'],
  ['u2', 'Grace Hopper'],
];

const ENTRIES = [
  ['j1', 'u1', '2026-11-25T21:10:00Z', 'Notes on the engine',
    "Finished my notes on Menabrea's paper. They are longer than the paper itself.", 'GOOD'],
  ['j2', 'u1', '2026-11-26T22:05:00Z', 'A heavy evening', 'Slept badly and the numbers would not line up.', 'LOW'],
  ['j3', 'u1', '2026-11-27T07:30:00Z', 'A clear morning',
    'Walked before breakfast. The Bernoulli table finally works out.', 'GREAT'],
  ['j4', 'u1', '2026-11-27T13:00:00Z', null, 'Lunch with Mary. A quiet afternoon ahead.', null],
  ['j5', 'u2', '2026-11-27T08:00:00Z', 'Found a moth',
    'Taped it into the logbook: the first actual case of a bug being found.', 'GOOD'],
];

export function up(db) {
  const author = db.prepare('INSERT INTO authors (user_id, name) VALUES (?, ?)');
  for (const row of AUTHORS) author.run(...row);
  const entry = db.prepare(
    'INSERT INTO entries (id, user_id, written_at, title, body, mood) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const row of ENTRIES) entry.run(...row);
}

export function down(db) {
  const entry = db.prepare('DELETE FROM entries WHERE id = ?');
  for (const [id] of ENTRIES) entry.run(id);
  const author = db.prepare('DELETE FROM authors WHERE user_id = ? AND NOT EXISTS (SELECT 1 FROM entries WHERE user_id = ?)');
  for (const [id] of AUTHORS) author.run(id, id);
}
