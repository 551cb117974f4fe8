// Regenerates the golden expectations of the composition corpus.
//
//   node tests/composition/regenerate.mjs [--check] [CASE...]
//
// For every folder testdata/<case>/ (or only the named ones) this composes
// <case>/supergraph-config.yaml with the pinned @apollo/composition (through the peer in
// ../peers/federation.mjs) and writes <case>/expected.json:
//
//   {"supergraph": SDL or null, "errors": [{code, message}], "hints": [{code, message}]}
//
// pretty-printed with two spaces and a final newline. With --check nothing is written: the
// script exits 1 and lists every case whose expected.json is missing or stale.
//
// A composition that throws (a JS exception inside Apollo, not a composition error) is recorded
// as {"crash": message}; the corpus is meant to contain none.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const testdata = path.join(here, 'testdata');

const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((a) => a !== '--check');
for (const a of only) {
  if (a.startsWith('-')) {
    console.error(`unknown option ${a}\nusage: regenerate.mjs [--check] [CASE...]`);
    process.exit(2);
  }
}

// The peer runs its own command line when imported: hide ours from it.
const savedArgv = process.argv;
process.argv = savedArgv.slice(0, 2);
const { compose } = await import('../peers/federation.mjs');
process.argv = savedArgv;

const allCases = fs.readdirSync(testdata, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const cases = only.length ? only.map((c) => path.basename(c.replace(/\/+$/, ''))) : allCases;
const missing = cases.filter((c) => !allCases.includes(c));
if (missing.length) {
  console.error(`no such case: ${missing.join(', ')}`);
  process.exit(2);
}

function expectation(caseDir) {
  const config = path.join(caseDir, 'supergraph-config.yaml');
  let result;
  try {
    const { supergraph, errors, hints } = compose(config);
    result = { supergraph, errors, hints };
  } catch (error) {
    result = { crash: String(error?.message ?? error) };
  }
  return JSON.stringify(result, null, 2) + '\n';
}

const stale = [];
let written = 0;
for (const name of cases) {
  const caseDir = path.join(testdata, name);
  const expectedPath = path.join(caseDir, 'expected.json');
  const text = expectation(caseDir);
  const current = fs.existsSync(expectedPath) ? fs.readFileSync(expectedPath, 'utf8') : null;
  if (current === text) continue;
  if (check) {
    stale.push(name);
  } else {
    fs.writeFileSync(expectedPath, text);
    written++;
  }
}

if (check) {
  if (stale.length) {
    console.error(`${stale.length} stale expectation(s) (run node tests/composition/regenerate.mjs):`);
    for (const name of stale) console.error(`  ${name}`);
    process.exit(1);
  }
  console.log(`${cases.length} case(s) up to date`);
} else {
  console.log(`${cases.length} case(s), ${written} expectation(s) written`);
}
