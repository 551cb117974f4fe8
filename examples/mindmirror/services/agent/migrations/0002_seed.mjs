const NOTES = [
  ['n1', 'u1', 'Sleeps badly after late work sessions: suggest winding down by 22:00.', '2026-11-20T09:00:00Z'],
  ['n2', 'u1', 'Responds well to concrete numbers and small targets.', '2026-11-24T09:00:00Z'],
  ['n3', 'u2', 'Prefers short sessions that fit between meetings.', '2026-11-25T09:00:00Z'],
];

export function up(db) {
  const insert = db.prepare('INSERT INTO notes (id, user_id, text, written_at) VALUES (?, ?, ?, ?)');
  for (const note of NOTES) insert.run(...note);
}

export function down(db) {
  const remove = db.prepare('DELETE FROM notes WHERE id = ?');
  for (const [id] of NOTES) remove.run(id);
}
