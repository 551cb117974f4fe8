// Builds tests/corpus/github/schema.graphql from GitHub's public schema as shipped by
// @octokit/graphql-schema (the pinned peer in tests/peers). The shipped file defines a few
// fields twice on the same type, which graphql-js rejects ("Field "T.f" can only be defined
// once."). This script keeps the first definition of every field and cuts each later
// duplicate (its description, directives, arguments and the whitespace before it) out of the
// text. Nothing else changes: the output is the input with byte ranges removed.
//
//   node tests/corpus/github/make-schema.mjs [INPUT] [OUTPUT]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const peers = path.resolve(here, '../../peers');
const require = createRequire(path.join(peers, 'package.json'));
const { parse, Kind } = require('graphql');

const input = process.argv[2] ?? path.join(peers, 'node_modules/@octokit/graphql-schema/schema.graphql');
const output = process.argv[3] ?? path.join(here, 'schema.graphql');

const text = fs.readFileSync(input, 'utf8');
const document = parse(text);

const withFields = new Set([
  Kind.OBJECT_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION,
  Kind.INTERFACE_TYPE_DEFINITION, Kind.INTERFACE_TYPE_EXTENSION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION, Kind.INPUT_OBJECT_TYPE_EXTENSION,
]);

// Field names seen so far, per type name (definitions and extensions share one set).
const seen = new Map();
// [start, end) character ranges to cut.
const cuts = [];

for (const definition of document.definitions) {
  if (!withFields.has(definition.kind) || !definition.fields) continue;
  const typeName = definition.name.value;
  if (!seen.has(typeName)) seen.set(typeName, new Set());
  const names = seen.get(typeName);
  definition.fields.forEach((field, index) => {
    const name = field.name.value;
    if (!names.has(name)) {
      names.add(name);
      return;
    }
    // A field node's location starts at its description, so this covers the whole
    // definition. Also cut the whitespace (and any comments) between the previous field
    // and this one; when the duplicate is the first field of its block, cut up to the next
    // field instead.
    const previous = definition.fields[index - 1];
    const next = definition.fields[index + 1];
    if (previous) cuts.push([previous.loc.end, field.loc.end]);
    else if (next) cuts.push([field.loc.start, next.loc.start]);
    else cuts.push([field.loc.start, field.loc.end]);
    console.error(`removed duplicate ${typeName}.${name} (line ${field.loc.startToken.line})`);
  });
}

cuts.sort((a, b) => a[0] - b[0]);
let result = '';
let position = 0;
for (const [start, end] of cuts) {
  if (start < position) throw new Error('overlapping cuts');
  result += text.slice(position, start);
  position = end;
}
result += text.slice(position);

fs.writeFileSync(output, result);
console.error(`wrote ${path.relative(process.cwd(), output)}: ${cuts.length} duplicate field definition(s) removed`);
