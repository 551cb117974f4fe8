const USERS = [
  ['u1', 'Ada Lovelace', 'ada@mindmirror.example', 'Europe/London'],
  ['u2', 'Grace Hopper', 'grace@mindmirror.example', 'America/New_York'],
];

export function up(db) {
  const insert = db.prepare('INSERT INTO users (id, name, email, timezone) VALUES (?, ?, ?, ?)');
  for (const user of USERS) insert.run(...user);
}

export function down(db) {
  const remove = db.prepare('DELETE FROM users WHERE id = ?');
  for (const [id] of USERS) remove.run(id);
}
