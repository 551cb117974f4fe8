// Migrations of one service's database, run in the service's folder:
//   node ../../lib/migrate.mjs up     apply every pending migrations/NNNN_name.mjs, in order
//   node ../../lib/migrate.mjs down   with $JUNCTION_TARGET_DIR: revert every applied migration
//                                     that the target's migrations/ lacks (newest first);
//                                     without it: revert the newest applied migration
// A migration file exports up(db) and down(db); each runs in a transaction. The service is
// $JUNCTION_SERVICE or the folder's name; its database comes from lib/db.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from './db.mjs';

const MIGRATION = /^(\d{4}_[A-Za-z0-9_-]+)\.mjs$/;

// The versions ("0001_init") of the migration files in `dir`, sorted; [] when it has none.
function versionsIn(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((file) => MIGRATION.exec(file)?.[1])
    .filter(Boolean)
    .sort();
}

async function load(dir, version) {
  const file = path.join(dir, `${version}.mjs`);
  if (!fs.existsSync(file)) throw new Error(`cannot load ${version}: ${file} does not exist`);
  const migration = await import(pathToFileURL(file).href);
  if (typeof migration.up !== 'function' || typeof migration.down !== 'function') {
    throw new Error(`${file} must export up(db) and down(db)`);
  }
  return migration;
}

// Runs `step` in a transaction; an error names the migration.
function inTransaction(db, version, what, step) {
  try {
    db.transaction(step)();
  } catch (error) {
    throw new Error(`${what} ${version} failed (rolled back): ${error.message}`);
  }
}

function applied(db) {
  return db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
}

async function up(db, dir) {
  const done = new Set(applied(db));
  const pending = versionsIn(dir).filter((version) => !done.has(version));
  for (const version of done) {
    if (!fs.existsSync(path.join(dir, `${version}.mjs`))) {
      console.error(`note: ${version} is applied but this folder has no migrations/${version}.mjs`);
    }
  }
  if (pending.length === 0) {
    const latest = applied(db).at(-1);
    console.log(latest ? `up to date at ${latest}` : 'up to date (no migrations)');
    return;
  }
  for (const version of pending) {
    const migration = await load(dir, version);
    inTransaction(db, version, 'applying', () => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        version,
        new Date().toISOString(),
      );
    });
    console.log(`applied ${version}`);
  }
}

async function down(db, dir) {
  const target = process.env.JUNCTION_TARGET_DIR;
  let revert;
  if (target) {
    if (!fs.existsSync(target)) throw new Error(`JUNCTION_TARGET_DIR ${target} does not exist`);
    const kept = new Set(versionsIn(path.join(target, 'migrations')));
    revert = applied(db).filter((version) => !kept.has(version)).reverse();
    if (revert.length === 0) {
      console.log('nothing to revert for the target');
      return;
    }
  } else {
    revert = applied(db).slice(-1);
    if (revert.length === 0) {
      console.log('nothing to revert');
      return;
    }
  }
  for (const version of revert) {
    const migration = await load(dir, version);
    inTransaction(db, version, 'reverting', () => {
      migration.down(db);
      db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(version);
    });
    console.log(`reverted ${version}`);
  }
}

async function main() {
  const command = process.argv[2];
  if (command !== 'up' && command !== 'down') {
    throw new Error(`usage: node ../../lib/migrate.mjs up|down (in a service's folder), not "${command ?? ''}"`);
  }
  const service = process.env.JUNCTION_SERVICE || path.basename(process.cwd());
  const dir = path.join(process.cwd(), 'migrations');
  if (!fs.existsSync(dir)) throw new Error(`no migrations/ folder in ${process.cwd()} (run this in a service's folder)`);
  const db = openDatabase(service);
  try {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT)');
    await (command === 'up' ? up(db, dir) : down(db, dir));
  } finally {
    db.close();
  }
}

main().catch((error) => {
  console.error(`migrate: ${error.message}`);
  process.exit(1);
});
