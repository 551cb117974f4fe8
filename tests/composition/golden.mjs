// Golden test of composition: composes every tests/composition/testdata/<case>/ with Junction
// (difftool compose) and compares supergraph, errors and hints with <case>/expected.json
// (written by regenerate.mjs from the pinned @apollo/composition).
//
//   node tests/composition/golden.mjs --tool PATH/difftool [--verbose] [CASE...]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const testdata = path.join(here, 'testdata');
const args = process.argv.slice(2);
const toolIndex = args.indexOf('--tool');
if (toolIndex < 0) {
  console.error('usage: golden.mjs --tool DIFFTOOL [--verbose] [CASE...]');
  process.exit(2);
}
const tool = args[toolIndex + 1];
const verbose = args.includes('--verbose');
const named = args.filter((a, i) => !a.startsWith('--') && i !== toolIndex + 1);
const cases = (named.length ? named : fs.readdirSync(testdata)).map((c) => path.basename(c.replace(/\/+$/, '')))
  .filter((c) => fs.existsSync(path.join(testdata, c, 'supergraph-config.yaml'))).sort();
const configs = cases.map((c) => path.join(testdata, c, 'supergraph-config.yaml'));
const lines = execFileSync(tool, ['compose', ...configs], { maxBuffer: 1 << 30, encoding: 'utf8' })
  .split('\n').filter(Boolean).map((line) => JSON.parse(line));

let different = 0;
const firstDifference = (a, b) => {
  const x = (a ?? '').split('\n');
  const y = (b ?? '').split('\n');
  const i = x.findIndex((l, j) => l !== y[j]);
  return `line ${i + 1}\n      apollo:   ${JSON.stringify(x[i])}\n      junction: ${JSON.stringify(y[i])}`;
};
for (let i = 0; i < cases.length; i++) {
  const expected = JSON.parse(fs.readFileSync(path.join(testdata, cases[i], 'expected.json'), 'utf8'));
  const got = lines[i] ?? {};
  const problems = [];
  if (got.crash) problems.push(`crash: ${got.crash}`);
  if ((expected.supergraph ?? null) !== (got.supergraph ?? null)) {
    problems.push(expected.supergraph && got.supergraph ? `supergraph differs at ${firstDifference(expected.supergraph, got.supergraph)}`
      : `supergraph: apollo ${expected.supergraph ? 'composes' : 'fails'}, junction ${got.supergraph ? 'composes' : 'fails'}`);
  }
  for (const key of ['errors', 'hints']) {
    if (isDeepStrictEqual(expected[key] ?? [], got[key] ?? [])) continue;
    const want = expected[key] ?? [];
    const have = got[key] ?? [];
    const j = want.findIndex((e, k) => !isDeepStrictEqual(e, have[k]));
    const at = j < 0 ? want.length : j;
    problems.push(`${key} differ at #${at}\n      apollo:   ${JSON.stringify(want[at])}\n      junction: ${JSON.stringify(have[at])}`);
  }
  if (problems.length === 0) continue;
  different++;
  if (verbose || different <= 20) console.log(`DIFFERENT ${cases[i]}\n    ${problems.join('\n    ')}`);
}
console.log(`${cases.length} cases, ${cases.length - different} identical, ${different} different (composition golden)`);
process.exit(different === 0 ? 0 : 1);
