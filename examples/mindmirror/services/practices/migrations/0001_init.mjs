export function up(db) {
  db.exec(`
    CREATE TABLE sessions (
      id         TEXT PRIMARY KEY,
      user_id    TEXT NOT NULL,
      title      TEXT NOT NULL,
      technique  TEXT NOT NULL,
      minutes    INTEGER NOT NULL CHECK (minutes > 0),
      started_at TEXT NOT NULL
    );
    CREATE INDEX sessions_by_user ON sessions (user_id, started_at);
  `);
}

export function down(db) {
  db.exec('DROP TABLE sessions');
}
