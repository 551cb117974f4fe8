const WORKOUTS = [
  ['w1', 'u1', 'Evening yoga', 'YOGA', 20, '2026-11-26T18:30:00Z'],
  ['w2', 'u1', 'Morning run along the Thames', 'RUN', 26, '2026-11-27T06:50:00Z'],
  ['w3', 'u1', 'Walk to the library', 'WALK', 15, '2026-11-27T14:10:00Z'],
  ['w4', 'u2', 'Kettlebells', 'STRENGTH', 30, '2026-11-27T06:00:00Z'],
];

export function up(db) {
  const insert = db.prepare(
    'INSERT INTO workouts (id, user_id, title, kind, minutes, started_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const workout of WORKOUTS) insert.run(...workout);
}

export function down(db) {
  const remove = db.prepare('DELETE FROM workouts WHERE id = ?');
  for (const [id] of WORKOUTS) remove.run(id);
}
