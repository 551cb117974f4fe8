// Byte-for-byte check of `junction introspect FILE --format json` against graphql-js:
// JSON.stringify(graphqlSync({schema, source: getIntrospectionQuery()}), null, 2), for every
// valid schema in a folder (schemas graphql-js rejects are skipped: there is nothing to print).
//
//   node introspect_cli.mjs --junction PATH --dir DIR
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(path.join(here, '..', 'peers', 'package.json'));
const { buildSchema, validateSchema, graphqlSync, getIntrospectionQuery } = require('graphql');

const args = process.argv.slice(2);
const option = (name) => args[args.indexOf(name) + 1];
const junction = option('--junction');
const dir = option('--dir');

let compared = 0;
let different = 0;
for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()) {
  const file = path.join(dir, name);
  let schema;
  try {
    schema = buildSchema(fs.readFileSync(file, 'utf8'));
  } catch {
    continue;
  }
  if (validateSchema(schema).length) continue;
  const expected = JSON.stringify(graphqlSync({ schema, source: getIntrospectionQuery() }), null, 2) + '\n';
  const actual = execFileSync(junction, ['introspect', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  compared++;
  if (actual !== expected) {
    different++;
    const a = expected.split('\n');
    const b = actual.split('\n');
    const line = a.findIndex((l, i) => l !== b[i]);
    console.log(`MISMATCH ${file} at line ${line + 1}\n  graphql-js: ${a[line]}\n  junction:   ${b[line]}`);
  }
}
console.log(`${compared} schemas, ${compared - different} byte-identical, ${different} different`);
process.exit(different === 0 && compared > 0 ? 0 : 1);
