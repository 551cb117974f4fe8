const MEALS = [
  ['m1', 'u1', 'Roast chicken and greens', '2026-11-26T19:00:00Z', 720, 48],
  ['m2', 'u1', 'Porridge with berries', '2026-11-27T07:45:00Z', 420, 14],
  ['m3', 'u1', 'Lentil soup and bread', '2026-11-27T12:30:00Z', 610, 24],
  ['m4', 'u1', 'Apple and almonds', '2026-11-27T16:00:00Z', 250, 7],
  ['m5', 'u2', 'Bagel and black coffee', '2026-11-27T07:10:00Z', 380, 12],
];

export function up(db) {
  const insert = db.prepare(
    'INSERT INTO meals (id, user_id, name, eaten_at, calories, protein_grams) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const meal of MEALS) insert.run(...meal);
}

export function down(db) {
  const remove = db.prepare('DELETE FROM meals WHERE id = ?');
  for (const [id] of MEALS) remove.run(id);
}
