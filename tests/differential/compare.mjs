// Differential test: runs graphql-js (tests/peers/reference.mjs) and Junction
// (tests/tools/difftool) over the same corpus files and fails on any difference.
//
//   node compare.mjs --tool PATH --mode language|schema|variables --dir DIR [--ext .graphql]
//   node compare.mjs --tool PATH --mode validate --schema FILE --dir DIR
//   node compare.mjs --tool PATH --mode schema --file FILE
//   node compare.mjs --tool PATH --reference federation.mjs --mode reprint --dir DIR
//   node compare.mjs --tool PATH --reference federation.mjs --mode compose|extract --cases DIR --case-file NAME
//       (one file per case folder: DIR/<case>/NAME)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const here = path.dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const tool = option('--tool');
const mode = option('--mode');
const dir = option('--dir');
const schema = option('--schema');
const single = option('--file');
const ext = option('--ext', mode === 'variables' ? '.json' : '.graphql');
const reference = option('--reference', 'reference.mjs');

const cases = option('--cases');
const caseFile = option('--case-file');
let files = cases ? fs.readdirSync(cases).sort().map((c) => path.join(cases, c, caseFile)).filter((f) => fs.existsSync(f))
  : single ? [single] : fs.readdirSync(dir).filter((f) => f.endsWith(ext) && f !== 'schema.graphql')
  .sort().map((f) => path.join(dir, f));
if (files.length === 0) {
  console.error(`no ${ext} files in ${dir}`);
  process.exit(1);
}
const modeArgs = mode === 'validate' ? [mode, schema, ...files] : [mode, ...files];
const run = (cmd, cmdArgs) => execFileSync(cmd, cmdArgs, { maxBuffer: 1 << 30, encoding: 'utf8' })
  .split('\n').filter(Boolean).map((line) => JSON.parse(line));
const expected = run(process.execPath, [path.join(here, '..', 'peers', reference), ...modeArgs]);
const actual = run(tool, modeArgs);

let mismatches = 0;
const show = (value) => String(JSON.stringify(value, null, 1)).slice(0, 3000);
for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
  const want = expected[i];
  const got = actual[i];
  if (isDeepStrictEqual(want, got)) continue;
  mismatches++;
  if (mismatches > 15) continue;
  console.log(`MISMATCH ${want?.file ?? got?.file}`);
  for (const key of new Set([...Object.keys(want ?? {}), ...Object.keys(got ?? {})])) {
    if (isDeepStrictEqual(want?.[key], got?.[key])) continue;
    if (typeof want?.[key] === 'string' && typeof got?.[key] === 'string') {
      const a = want[key].split('\n');
      const b = got[key].split('\n');
      const line = a.findIndex((l, j) => l !== b[j]);
      console.log(`  ${key}: first difference at line ${line + 1}\n    graphql-js: ${JSON.stringify(a[line])}\n    junction:   ${JSON.stringify(b[line])}`);
    } else {
      console.log(`  ${key}:\n    graphql-js: ${show(want?.[key])}\n    junction:   ${show(got?.[key])}`);
    }
  }
}
console.log(`${files.length} files, ${files.length - mismatches} identical, ${mismatches} different (${mode}${dir ? ' ' + dir : cases ? ' ' + cases : ''})`);
process.exit(mismatches === 0 ? 0 : 1);
