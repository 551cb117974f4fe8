// Each service's own SQLite database: $JUNCTION_DATA_DIR/<service>.db under Junction (the
// folder is kept across revisions), services/<service>/data/<service>.db when run by hand.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const servicesDir = fileURLToPath(new URL('../services/', import.meta.url));

export function databasePath(service) {
  const dir = process.env.JUNCTION_DATA_DIR || path.join(servicesDir, service, 'data');
  return path.join(dir, `${service}.db`);
}

export function openDatabase(service) {
  const file = databasePath(service);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  return db;
}

// The next id of a table whose ids are a letter and a number ("m4" after "m3").
export function nextId(db, table, prefix) {
  const { n } = db.prepare(`SELECT COALESCE(MAX(CAST(substr(id, 2) AS INTEGER)), 0) + 1 AS n FROM ${table}`).get();
  return `${prefix}${n}`;
}
