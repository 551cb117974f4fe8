const HABITS = [
  ['h1', 'u1', 'Morning pages', 'DAILY', 12, '2026-11-27'],
  ['h2', 'u1', 'Drink 2 litres of water', 'DAILY', 5, '2026-11-27'],
  ['h3', 'u1', 'Read 20 pages', 'DAILY', 3, '2026-11-26'],
  ['h4', 'u1', 'Long walk in the park', 'WEEKLY', 4, '2026-11-22'],
  ['h5', 'u2', 'Review one pull request', 'DAILY', 30, '2026-11-27'],
  ['h6', 'u2', 'Stretch', 'DAILY', 2, '2026-11-25'],
];

export function up(db) {
  const insert = db.prepare(
    'INSERT INTO habits (id, user_id, name, frequency, streak, last_done) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const habit of HABITS) insert.run(...habit);
}

export function down(db) {
  const remove = db.prepare('DELETE FROM habits WHERE id = ?');
  for (const [id] of HABITS) remove.run(id);
}
