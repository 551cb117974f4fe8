export function up(db) {
  db.exec(`
    CREATE TABLE workouts (
      id         TEXT PRIMARY KEY,
      user_id    TEXT NOT NULL,
      title      TEXT NOT NULL,
      kind       TEXT NOT NULL CHECK (kind IN ('RUN', 'WALK', 'STRENGTH', 'YOGA')),
      minutes    INTEGER NOT NULL CHECK (minutes > 0),
      started_at TEXT NOT NULL
    );
    CREATE INDEX workouts_by_user ON workouts (user_id, started_at);
  `);
}

export function down(db) {
  db.exec('DROP TABLE workouts');
}
