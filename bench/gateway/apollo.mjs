// @apollo/gateway (the pinned test peer) serving a supergraph file: node apollo.mjs SUPERGRAPH PORT
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../tests/peers/package.json", import.meta.url));
const { ApolloServer } = require("@apollo/server");
const { startStandaloneServer } = require("@apollo/server/standalone");
const { ApolloGateway } = require("@apollo/gateway");

const [supergraph, port] = process.argv.slice(2);
const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: fs.readFileSync(supergraph, "utf8") }) });
const { url } = await startStandaloneServer(server, { listen: { host: "127.0.0.1", port: Number(port) } });
console.log(`apollo gateway at ${url}`);
process.on("SIGTERM", () => process.exit(0));
