// Writes a large, valid federated graph for the composition benchmark: SUBGRAPHS subgraphs
// (default 60) and about 50 types per subgraph (3,000 types for 60), of which 300 are entities
// shared by three subgraphs each, with value types, enums, inputs and interfaces local to each
// subgraph, cross-subgraph entity references, @shareable, @requires and @provides. With
// --unsatisfiable, two more subgraphs make it fail satisfiability: a field only a subgraph
// whose key is not resolvable defines (the tests compare the errors with Apollo's).
//
//   node bench/inputs/make-federation.mjs OUTPUT_DIR [SUBGRAPHS] [--unsatisfiable]
import fs from 'node:fs';
import path from 'node:path';

const unsatisfiable = process.argv.includes('--unsatisfiable');
const [out, countArg] = process.argv.slice(2).filter((arg) => arg !== '--unsatisfiable');
if (!out) {
  console.error('usage: make-federation.mjs OUTPUT_DIR [SUBGRAPHS] [--unsatisfiable]');
  process.exit(2);
}
const count = Number(countArg ?? 60);
const entities = count * 5;
const name = (i) => `s${String(i).padStart(2, '0')}`;
const owner = (e) => e % count;
const extenders = (e) => [(e + 1) % count, (e + 7) % count].filter((s) => s !== owner(e));

fs.mkdirSync(out, { recursive: true });
const config = ['federation_version: =2.14.4', 'subgraphs:'];
for (let s = 0; s < count; s++) {
  const lines = [
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])',
    '',
  ];
  const stubs = new Set();
  const queryFields = [];
  const local = `S${s}`;
  // Local types: 5 enums, 5 inputs, 30 value types, 2 interfaces with 3 implementations each.
  for (let k = 0; k < 5; k++) lines.push(`enum ${local}Kind${k} { A${k} B${k} C${k} }`);
  for (let k = 0; k < 5; k++) lines.push(`input ${local}Filter${k} { kind: ${local}Kind${k} limit: Int = 10 text: String }`);
  for (let k = 0; k < 30; k++) {
    const next = k + 1 < 30 ? `\n  child: ${local}Value${k + 1}` : '';
    lines.push(`type ${local}Value${k} {\n  label: String\n  amount: Float\n  kind: ${local}Kind${k % 5}${next}\n}`);
  }
  for (let k = 0; k < 2; k++) {
    lines.push(`interface ${local}Node${k} {\n  id: ID!\n  title: String\n}`);
    for (let m = 0; m < 3; m++) {
      lines.push(`type ${local}Node${k}Impl${m} implements ${local}Node${k} {\n  id: ID!\n  title: String\n  value: ${local}Value${m}\n}`);
    }
    queryFields.push(`  ${local.toLowerCase()}Nodes${k}(filter: ${local}Filter${k}): [${local}Node${k}!]!`);
  }
  queryFields.push(`  ${local.toLowerCase()}Values: [${local}Value0]`);
  for (let e = 0; e < entities; e++) {
    const type = `Entity${e}`;
    if (owner(e) === s) {
      const related = `Entity${(e + 13) % entities}`;
      if (owner((e + 13) % entities) !== s && !extenders((e + 13) % entities).includes(s)) stubs.add(related);
      lines.push(`type ${type} @key(fields: "id") {\n  id: ID!\n  name: String @shareable\n  weight: Int\n  detail: ${local}Value${e % 30}\n  related: ${related}\n}`);
      queryFields.push(`  entity${e}(id: ID!): ${type}`);
    } else if (extenders(e).includes(s)) {
      const first = extenders(e)[0] === s;
      lines.push(first
        ? `type ${type} @key(fields: "id") {\n  id: ID!\n  name: String @shareable\n  weight: Int @external\n  score${s}: Float @requires(fields: "weight")\n  tags${s}: [String]\n}`
        : `type ${type} @key(fields: "id") {\n  id: ID!\n  name: String @shareable\n  reviews${s}: [${local}Value${e % 30}]\n}`);
    }
  }
  for (const stub of stubs) lines.push(`type ${stub} @key(fields: "id", resolvable: false) {\n  id: ID!\n}`);
  lines.push(`type Query {\n${queryFields.join('\n')}\n}`);
  fs.writeFileSync(path.join(out, `${name(s)}.graphql`), lines.join('\n\n') + '\n');
  config.push(`  ${name(s)}:`, `    routing_url: http://${name(s)}.local/graphql`, '    schema:', `      file: ${name(s)}.graphql`);
}
if (unsatisfiable) {
  const extra = {
    zz_orders: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  latestOrder: Order
}

type Order @key(fields: "id") {
  id: ID!
}
`,
    zz_tracking: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Order @key(fields: "id", resolvable: false) {
  id: ID!
  trackingCode: String
}
`,
  };
  for (const [subgraph, sdl] of Object.entries(extra)) {
    fs.writeFileSync(path.join(out, `${subgraph}.graphql`), sdl);
    config.push(`  ${subgraph}:`, `    routing_url: http://${subgraph}.local/graphql`, '    schema:', `      file: ${subgraph}.graphql`);
  }
}
fs.writeFileSync(path.join(out, 'supergraph-config.yaml'), config.join('\n') + '\n');
