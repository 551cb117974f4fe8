// Starts a fixture's subgraphs with @apollo/server on 127.0.0.1 (free ports), writes a rover
// supergraph config for them into OUT_DIR, prints {"name": url} on stdout, and serves until
// stdin closes or SIGTERM. Usage: node serve-subgraphs.mjs FIXTURE OUT_DIR [NAME...] (only
// these subgraphs; bench/gateway runs one process per subgraph).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(new URL("../peers/package.json", import.meta.url));
const { ApolloServer } = require("@apollo/server");
const { startStandaloneServer } = require("@apollo/server/standalone");
const { ApolloServerPluginInlineTraceDisabled } = require("@apollo/server/plugin/disabled");
const { buildSubgraphSchema, printSubgraphSchema } = require("@apollo/subgraph");

const [fixture, outDir, ...only] = process.argv.slice(2);
const { subgraphs } = await import(new URL(`./fixtures/${fixture}.mjs`, import.meta.url));
fs.mkdirSync(outDir, { recursive: true });
const urls = {};
let config = "federation_version: =2.14.4\nsubgraphs:\n";
for (const [name, { typeDefs, resolvers }] of Object.entries(subgraphs)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const schema = buildSubgraphSchema({ typeDefs, resolvers });
  const server = new ApolloServer({ schema, introspection: true, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { host: "127.0.0.1", port: 0 } });
  urls[name] = url;
  fs.writeFileSync(path.join(outDir, `${name}.graphql`), printSubgraphSchema(schema));
  config += `  ${name}:\n    routing_url: ${url}\n    schema:\n      file: ./${name}.graphql\n`;
}
fs.writeFileSync(path.join(outDir, "supergraph-config.yaml"), config);
console.log(JSON.stringify(urls));
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
