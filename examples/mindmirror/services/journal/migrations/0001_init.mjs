// authors: the journal's copy of each author's name (provided as User.name with the entries).
export function up(db) {
  db.exec(`
    CREATE TABLE authors (
      user_id TEXT PRIMARY KEY,
      name    TEXT NOT NULL
    );
    CREATE TABLE entries (
      id         TEXT PRIMARY KEY,
      user_id    TEXT NOT NULL REFERENCES authors (user_id),
      written_at TEXT NOT NULL,
      title      TEXT,
      body       TEXT NOT NULL,
      mood       TEXT CHECK (mood IN ('GREAT', 'GOOD', 'NEUTRAL', 'LOW', 'AWFUL'))
    );
    CREATE INDEX entries_by_user ON entries (user_id, written_at);
  `);
}

export function down(db) {
  db.exec('DROP TABLE entries; DROP TABLE authors;');
}
