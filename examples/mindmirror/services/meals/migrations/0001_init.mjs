export function up(db) {
  db.exec(`
    CREATE TABLE meals (
      id            TEXT PRIMARY KEY,
      user_id       TEXT NOT NULL,
      name          TEXT NOT NULL,
      eaten_at      TEXT NOT NULL,
      calories      INTEGER NOT NULL CHECK (calories >= 0),
      protein_grams INTEGER NOT NULL CHECK (protein_grams >= 0)
    );
    CREATE INDEX meals_by_user ON meals (user_id, eaten_at);
  `);
}

export function down(db) {
  db.exec('DROP TABLE meals');
}
