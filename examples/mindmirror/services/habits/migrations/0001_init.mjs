export function up(db) {
  db.exec(`
    CREATE TABLE habits (
      id        TEXT PRIMARY KEY,
      user_id   TEXT NOT NULL,
      name      TEXT NOT NULL,
      frequency TEXT NOT NULL CHECK (frequency IN ('DAILY', 'WEEKLY')),
      streak    INTEGER NOT NULL DEFAULT 0,
      last_done TEXT -- the day (YYYY-MM-DD) it was last completed
    );
    CREATE INDEX habits_by_user ON habits (user_id);
  `);
}

export function down(db) {
  db.exec('DROP TABLE habits');
}
