// The graphql-js side of bench/run: the same operations as bench/core_bench.cpp, timed the
// way Google Benchmark times them (repeat until the time budget is spent, report the mean).
// Prints JSON: {"name": nanoseconds per operation}.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const require = createRequire(path.join(root, 'tests', 'peers', 'package.json'));
const { parse, print, buildASTSchema, validateSchema, printSchema, validate } = require('graphql');

const sdl = fs.readFileSync(path.join(root, 'tests/corpus/github/schema.graphql'), 'utf8');
const operation = fs.readFileSync(path.join(root, 'bench/inputs/github_50_fields.graphql'), 'utf8');
const seconds = Number(process.argv[2] ?? 2);

function measure(fn) {
  for (let i = 0; i < 5; i++) fn();  // warm up the JIT
  let iterations = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    fn();
    iterations++;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / iterations;
}

const sdlDocument = parse(sdl);
const schema = buildASTSchema(sdlDocument);
const operationDocument = parse(operation);
const results = {
  parse_github_schema: measure(() => parse(sdl)),
  build_github_schema: measure(() => {
    const built = buildASTSchema(sdlDocument);  // includes SDL validation
    validateSchema(built);
  }),
  print_github_schema: measure(() => printSchema(schema)),
  validate_operation: measure(() => validate(schema, operationDocument)),
  parse_operation: measure(() => parse(operation)),
  print_operation: measure(() => print(operationDocument)),
};
process.stdout.write(JSON.stringify(results) + '\n');
