// The gateway conformance check: for each fixture under fixtures/, starts its subgraphs
// (@apollo/subgraph), composes them with Junction, starts `junction gateway` and the pinned
// @apollo/gateway on the same supergraph, sends every query of queries/<fixture>/*.graphql
// (variables in a sibling .json) to both and compares the responses. Each query may also have
// an expected response (.expected.json) that both must match; where Apollo is known to differ
// from the federation semantics, the expectation says so in a "why" member and only Junction is
// held to it.
//   node tests/gateway/conformance.mjs --junction build/dev/bin/junction [--fixture NAME]
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(path.join(here, "..", "peers", "package.json"));
const { ApolloServer } = require("@apollo/server");
const { startStandaloneServer } = require("@apollo/server/standalone");
const { ApolloGateway } = require("@apollo/gateway");
const isDeepStrictEqual = require("node:util").isDeepStrictEqual;

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const junction = path.resolve(option("--junction") ?? "build/dev/bin/junction");
const only = option("--fixture");
const update = process.env.JN_UPDATE_GOLDEN === "1";

const children = [];
process.on("exit", () => children.forEach((child) => child.kill("SIGKILL")));

function firstLine(child, pattern) {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: pattern.stream === "stderr" ? child.stderr : child.stdout });
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern.what}`)), 20000);
    lines.on("line", (line) => {
      const match = line.match(pattern.regex);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.on("exit", (code) => reject(new Error(`${pattern.what}: exited with ${code}`)));
  });
}

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

// Apollo's error objects carry more extensions than the semantics need; compare what matters.
function comparable(result) {
  const out = { data: result.data ?? null };
  if (result.errors) out.errors = result.errors.map((e) => ({ message: e.message, path: e.path ?? null }));
  return out;
}

let failures = 0;
let total = 0;
const fixtures = fs
  .readdirSync(path.join(here, "queries"))
  .filter((name) => !only || name === only)
  .sort();
for (const fixture of fixtures) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `junction-conformance-${fixture}-`));
  const subgraphs = spawn("node", [path.join(here, "serve-subgraphs.mjs"), fixture, work], { stdio: ["pipe", "pipe", "pipe"] });
  children.push(subgraphs);
  await firstLine(subgraphs, { regex: /^\{/, what: `${fixture} subgraphs` });
  const supergraphPath = path.join(work, "supergraph.graphql");
  execFileSync(junction, ["compose", "--config", path.join(work, "supergraph-config.yaml"), "-o", supergraphPath]);
  const gateway = spawn(junction, ["gateway", "--supergraph", supergraphPath, "--listen", "127.0.0.1:0", "--workers", "1"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(gateway);
  const [, junctionUrl] = await firstLine(gateway, { regex: /at (http:\S+\/graphql)/, what: "junction gateway", stream: "stderr" });
  const apollo = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: fs.readFileSync(supergraphPath, "utf8") }) });
  const { url: apolloUrl } = await startStandaloneServer(apollo, { listen: { host: "127.0.0.1", port: 0 } });

  const dir = path.join(here, "queries", fixture);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".graphql")).sort()) {
    total++;
    const base = path.join(dir, file.replace(/\.graphql$/, ""));
    const query = fs.readFileSync(path.join(dir, file), "utf8");
    const variables = fs.existsSync(`${base}.json`) ? JSON.parse(fs.readFileSync(`${base}.json`, "utf8")) : undefined;
    const ours = await post(junctionUrl, { query, variables });
    const theirs = await post(apolloUrl, { query, variables });
    const expectedPath = `${base}.expected.json`;
    if (update && !fs.existsSync(expectedPath)) {
      fs.writeFileSync(expectedPath, JSON.stringify(comparable(theirs.body), null, 2) + "\n");
    }
    const expected = fs.existsSync(expectedPath) ? JSON.parse(fs.readFileSync(expectedPath, "utf8")) : null;
    const problems = [];
    const mine = comparable(ours.body);
    const reference = comparable(theirs.body);
    if (expected) {
      const { why, ...wanted } = expected;
      if (!isDeepStrictEqual(mine, wanted)) problems.push(`junction differs from the expectation:\n${JSON.stringify(mine)}\nexpected:\n${JSON.stringify(wanted)}`);
      if (!why && !isDeepStrictEqual(reference, wanted)) problems.push(`@apollo/gateway differs from the expectation (add "why" if Apollo is wrong):\n${JSON.stringify(reference)}`);
    } else if (!isDeepStrictEqual(mine, reference)) {
      problems.push(`junction:\n${JSON.stringify(mine)}\n@apollo/gateway:\n${JSON.stringify(reference)}`);
    }
    if (JSON.stringify(mine.data) !== JSON.stringify(expected?.data ?? reference.data) && !expected?.why) {
      problems.push("same values but a different member order");
    }
    if (problems.length) {
      failures++;
      console.log(`FAIL ${fixture}/${file}\n  ${problems.join("\n  ")}`);
    } else {
      console.log(`ok   ${fixture}/${file}`);
    }
  }
  await apollo.stop();
  gateway.kill("SIGTERM");
  subgraphs.kill("SIGTERM");
}
console.log(`${total - failures}/${total} queries answered like the reference`);
process.exit(failures === 0 && total > 0 ? 0 : 1);
