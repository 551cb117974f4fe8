export function up(db) {
  db.exec(`
    CREATE TABLE notes (
      id         TEXT PRIMARY KEY,
      user_id    TEXT NOT NULL,
      text       TEXT NOT NULL,
      written_at TEXT NOT NULL
    );
    CREATE INDEX notes_by_user ON notes (user_id);
  `);
}

export function down(db) {
  db.exec('DROP TABLE notes');
}
