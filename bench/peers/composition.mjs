// The composition benchmark's peer side: parses and composes a rover supergraph config with the
// pinned @apollo/composition, RUNS times after one warm-up run, and prints
// {"ms": mean milliseconds per run, "max_rss_kb": peak resident memory of this process}.
//
//   node bench/peers/composition.mjs CONFIG [RUNS]
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'tests', 'peers', 'package.json'));
const { composeServices } = require('@apollo/composition');
const { parse } = require('graphql');

const savedArgv = process.argv;
process.argv = savedArgv.slice(0, 2);
const { loadConfig } = await import('../../tests/peers/federation.mjs');
process.argv = savedArgv;

const [config, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const subgraphs = loadConfig(config);
const composeOnce = () => {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) throw new Error(`composition failed: ${result.errors[0].message}`);
};
composeOnce();
const start = process.hrtime.bigint();
for (let i = 0; i < runs; i++) composeOnce();
const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
console.log(JSON.stringify({ ms, max_rss_kb: process.resourceUsage().maxRSS }));
