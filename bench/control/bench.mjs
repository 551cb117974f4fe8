// The control-plane benchmark: a stack of seven subgraph services (the MindMirror example when
// it is given with --stack, otherwise seven generated @apollo/subgraph services) under
// `junction up --detach`, then DEPLOYS deploys of one service (alternately adding a field and
// keeping the schema). Prints, from the control plane's own deploy events and history:
//   - health → serving: from a new revision passing its health check to the gateway serving
//     the supergraph with it (target < 100 ms);
//   - the control plane's resident memory with the seven services running;
//   - the share of deploy time spent outside the service's own start-up.
// No peer runs here (Kamal needs Docker, Argo Rollouts needs Kubernetes): absolute figures.
//   node bench/control/bench.mjs --junction build/release/bin/junction [--deploys 10] [--stack DIR]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const junction = path.resolve(option("--junction", "build/release/bin/junction"));
const deploys = Number(option("--deploys", "10"));
const peers = path.resolve(here, "..", "..", "tests", "peers", "package.json");
const names = ["agent", "habits", "journal", "meals", "movements", "practices", "users"];

function generated() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "junction-bench-control-"));
  fs.writeFileSync(path.join(dir, "serve.mjs"), fs.readFileSync(path.join(here, "..", "..", "tests", "control", "fixtures", "stack", "serve.mjs"), "utf8")
    .replace("../../../peers/package.json", peers));
  let yaml = "name: bench\ngateway:\n  listen: 127.0.0.1:0\nservices:\n";
  for (const name of names) {
    fs.mkdirSync(path.join(dir, name));
    const owner = name === "users";
    const field = `${name}Count`;
    fs.writeFileSync(path.join(dir, name, "server.mjs"), `import { serve } from "../serve.mjs";
const extra = process.env.EXTRA === "1" || (await import("node:fs")).existsSync(new URL("./extra", import.meta.url));
serve({
  typeDefs: \`extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    ${owner ? 'type Query { user(id: ID!): User }' : ""}
    type User @key(fields: "id") { id: ID! ${owner ? "name: String" : `${field}: Int`} \${extra ? "${name}Extra: Int" : ""} }\`,
  resolvers: {
    ${owner ? 'Query: { user: (_, { id }) => ({ id, name: "Ada" }) },' : ""}
    User: { __resolveReference: (ref) => ({ ...ref, ${owner ? 'name: "Ada"' : `${field}: 3`} }) },
  },
});
`);
    yaml += `  ${name}:\n    dir: ${name}\n    run: node server.mjs\n`;
  }
  fs.writeFileSync(path.join(dir, "junction.yaml"), yaml);
  return dir;
}

const stack = args.includes("--stack") ? path.resolve(option("--stack")) : generated();
const run = (...argv) => spawnSync(junction, argv, { encoding: "utf8", timeout: 600000 });
const started = Date.now();
const up = run("up", "--detach", stack);
if (up.status !== 0) {
  console.log(`junction up failed:\n${up.stderr}`);
  process.exit(1);
}
const upSeconds = (Date.now() - started) / 1000;
const control = JSON.parse(fs.readFileSync(path.join(stack, ".junction", "control.json"), "utf8"));
const memory = (field) => Number(fs.readFileSync(`/proc/${control.pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+) kB`))[1]) / 1024;

const target = names.includes("habits") ? "habits" : JSON.parse(run("status", "--stack", stack, "--format", "json").stdout).services[0].name;
const serving = [];
const startups = [];
const durations = [];
let failures = 0;
for (let index = 0; index < deploys; ++index) {
  // On the generated stack every other deploy changes the schema (compose); the others, and
  // every deploy of a given stack, keep it (only the routing URL moves).
  if (!args.includes("--stack")) {
    const marker = path.join(stack, target, "extra");
    if (index % 2 === 0) fs.writeFileSync(marker, "");
    else fs.rmSync(marker, { force: true });
  }
  const result = run("deploy", target, "--allow-breaking", "--stack", stack, "--format", "json");
  const answer = JSON.parse(result.stdout || "{}");
  if (!answer.ok) {
    failures++;
    console.log(`deploy ${index + 1} failed: ${answer.error ?? result.stderr}`);
    continue;
  }
  for (const event of answer.events) {
    const healthy = event.match(/healthy (\d+) ms after it started/);
    if (healthy) startups.push(Number(healthy[1]));
    const swapped = event.match(/serving on port \d+ (\d+) ms after its health check passed/);
    if (swapped) serving.push(Number(swapped[1]));
  }
  const history = JSON.parse(run("history", "--stack", stack, "--format", "json").stdout);
  durations.push(history.find((entry) => entry.id === answer.id).duration_ms);
}
const rss = memory("VmRSS");
const peak = memory("VmHWM");
run("down", "--stack", stack);
if (!args.includes("--stack")) fs.rmSync(stack, { recursive: true, force: true });

const sorted = (list) => [...list].sort((a, b) => a - b);
const median = (list) => sorted(list)[Math.floor(list.length / 2)] ?? NaN;
const sum = (list) => list.reduce((a, b) => a + b, 0);
const drain = 1000;  // the old revision's grace after the swap, part of every deploy
console.log(`stack: ${args.includes("--stack") ? stack : "7 generated @apollo/subgraph services"}; up --detach took ${upSeconds.toFixed(1)} s`);
console.log(`deploys: ${durations.length} succeeded, ${failures} failed`);
console.log(`health -> serving: median ${median(serving)} ms, max ${Math.max(...serving)} ms (target < 100 ms)`);
console.log(`control plane memory with 7 services: ${rss.toFixed(1)} MB resident, peak ${peak.toFixed(1)} MB`);
console.log(`deploy: median ${median(durations)} ms, of which the service's start-up (to healthy) median ${median(startups)} ms and the drain ${drain} ms`);
console.log(`share of deploy time outside the service's start-up: ${(100 * (1 - sum(startups) / sum(durations))).toFixed(0)}% ` +
  `(${(100 * (1 - (sum(startups) + drain * durations.length) / sum(durations))).toFixed(0)}% without the fixed 1 s drain)`);
process.exit(failures ? 1 : 0);
