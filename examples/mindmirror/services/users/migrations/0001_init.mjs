export function up(db) {
  db.exec(`
    CREATE TABLE users (
      id       TEXT PRIMARY KEY,
      name     TEXT NOT NULL,
      email    TEXT NOT NULL UNIQUE,
      timezone TEXT NOT NULL
    )
  `);
}

export function down(db) {
  db.exec('DROP TABLE users');
}
