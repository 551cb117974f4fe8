const SESSIONS = [
  ['s1', 'u1', 'Evening wind-down', 'Body scan', 15, '2026-11-26T21:30:00Z'],
  ['s2', 'u1', 'Morning sit', 'Breath counting', 8, '2026-11-27T07:15:00Z'],
  ['s3', 'u2', 'Lunchtime pause', 'Box breathing', 5, '2026-11-27T12:45:00Z'],
];

export function up(db) {
  const insert = db.prepare(
    'INSERT INTO sessions (id, user_id, title, technique, minutes, started_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const session of SESSIONS) insert.run(...session);
}

export function down(db) {
  const remove = db.prepare('DELETE FROM sessions WHERE id = ?');
  for (const [id] of SESSIONS) remove.run(id);
}
