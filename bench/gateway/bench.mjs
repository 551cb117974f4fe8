// bench/gateway: the federation gateway benchmark. Four subgraphs written with @apollo/subgraph
// (tests/gateway/fixtures/shop.mjs, one node process each), one deeply nested query through
// all four (tests/gateway/queries/shop/bench-query.graphql), and each gateway in turn under
// wrk with 50 connections for a bounded time. Every response is checked byte for byte against
// the gateway's own first answer, which must equal the expected response; a wrong or failed
// answer does not count. Reports valid requests per second, p50/p99 latency, gateway CPU time
// per request and peak resident memory (the gateway's whole process tree), and Junction's
// ratios against the fastest peer.
// Usage: node bench.mjs --junction PATH [--duration SECONDS] [--connections N] [--only NAME,...]
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { isDeepStrictEqual } from "node:util";

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, "../..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const junction = path.resolve(option("junction", path.join(root, "build/release/bin/junction")));
const duration = Number(option("duration", "20"));
const connections = Number(option("connections", "50"));
const only = option("only", "");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "junction-bench-gateway-"));
const children = [];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function cleanup() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
}
process.on("exit", cleanup);
process.on("SIGINT", () => process.exit(130));

function start(command, argv, options = {}) {
  const child = spawn(command, argv, { stdio: ["pipe", "pipe", "pipe"], ...options });
  children.push(child);
  child.output = "";
  child.stdout.on("data", (chunk) => (child.output = (child.output + chunk).slice(-4000)));
  child.stderr.on("data", (chunk) => (child.output = (child.output + chunk).slice(-4000)));
  return child;
}

async function serveSubgraphs() {
  const names = ["accounts", "products", "inventory", "reviews"];
  const urls = {};
  for (const name of names) {
    const child = start("node", [path.join(root, "tests/gateway/serve-subgraphs.mjs"), "shop", path.join(work, name), name]);
    const lines = readline.createInterface({ input: child.stdout });
    for await (const line of lines) {
      if (line.startsWith("{")) {
        Object.assign(urls, JSON.parse(line));
        break;
      }
    }
  }
  let config = "federation_version: =2.14.4\nsubgraphs:\n";
  for (const name of names) {
    config += `  ${name}:\n    routing_url: ${urls[name]}\n    schema:\n      file: ./${name}/${name}.graphql\n`;
  }
  fs.writeFileSync(path.join(work, "supergraph-config.yaml"), config);
  let toml = "";
  for (const name of names) toml += `[subgraphs.${name}]\nurl = "${urls[name]}"\nschema_path = "./${name}/${name}.graphql"\n\n`;
  fs.writeFileSync(path.join(work, "grafbase.toml"), toml);
  return urls;
}

async function post(url, body) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: response.status, text: await response.text() };
}

// The gateway's process and its descendants.
function tree(pid) {
  const parents = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
    } catch {}
  }
  const pids = [pid];
  for (let i = 0; i < pids.length; ++i) for (const [child, parent] of parents) if (parent === pids[i]) pids.push(child);
  return pids;
}

function cpuSeconds(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);  // utime, stime
    } catch {}
  }
  return ticks / 100;  // USER_HZ
}

function rssKb(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) total += Number(match[1]);
    } catch {}
  }
  return total;
}

function wrk(url, seconds, bodyFile, expectedFile) {
  const output = execFileSync("wrk", ["-t2", `-c${connections}`, `-d${seconds}s`, "--timeout", "10s", "-s",
    path.join(here, "check.lua"), url, "--", bodyFile, expectedFile], { encoding: "utf8" });
  const line = output.trim().split("\n").reverse().find((l) => l.startsWith("{"));
  return JSON.parse(line);
}

async function measure(gateway, body, expected) {
  const child = start(gateway.command, gateway.argv, { cwd: work });
  const deadline = Date.now() + 60000;
  let first;
  while (Date.now() < deadline) {
    try {
      first = await post(gateway.url, body);
      if (first.status === 200) break;
    } catch {}
    if (child.exitCode !== null) throw new Error(`${gateway.name} exited:\n${child.output}`);
    await sleep(200);
  }
  if (!first || first.status !== 200) throw new Error(`${gateway.name} did not answer:\n${child.output}`);
  const parsed = JSON.parse(first.text);
  if (parsed.errors || !isDeepStrictEqual(parsed, expected)) {
    throw new Error(`${gateway.name} answered wrongly:\n${first.text.slice(0, 2000)}`);
  }
  const bodyFile = path.join(work, "body.json");
  const expectedFile = path.join(work, `expected-${gateway.id}.json`);
  fs.writeFileSync(bodyFile, body);
  fs.writeFileSync(expectedFile, first.text);
  wrk(gateway.url, 3, bodyFile, expectedFile);  // warm-up (JITs, pools, caches)
  const pids = tree(child.pid);
  let peakRss = rssKb(pids);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssKb(tree(child.pid)))), 250);
  const cpuBefore = cpuSeconds(pids);
  const result = await new Promise((resolve, reject) => {
    const runner = spawn("wrk", ["-t2", `-c${connections}`, `-d${duration}s`, "--timeout", "10s", "-s",
      path.join(here, "check.lua"), gateway.url, "--", bodyFile, expectedFile, path.join(os.tmpdir(), `junction-bench-wrong-${gateway.id}`)]);
    let out = "";
    runner.stdout.on("data", (chunk) => (out += chunk));
    runner.on("exit", (code) => {
      const line = out.trim().split("\n").reverse().find((l) => l.startsWith("{"));
      if (code !== 0 || !line) reject(new Error(`wrk failed for ${gateway.name}: ${out}`));
      else resolve(JSON.parse(line));
    });
  });
  clearInterval(sampler);
  const cpu = cpuSeconds(tree(child.pid)) - cpuBefore;
  child.kill("SIGTERM");
  await Promise.race([new Promise((resolve) => child.on("exit", resolve)), sleep(5000)]);
  if (child.exitCode === null) child.kill("SIGKILL");
  const valid = result.checked - result.wrong;
  const seconds = result.duration_us / 1e6;
  return {
    name: gateway.name,
    rps: valid / seconds,
    invalid: result.wrong + result.socket_errors,
    p50_ms: result.p50_us / 1000,
    p99_ms: result.p99_us / 1000,
    cpu_ms_per_request: valid > 0 ? (cpu * 1000) / valid : NaN,
    peak_rss_mb: peakRss / 1024,
  };
}

const urls = await serveSubgraphs();
execFileSync(junction, ["compose", "--config", path.join(work, "supergraph-config.yaml"), "-o", path.join(work, "supergraph.graphql")]);
fs.writeFileSync(path.join(work, "no-dedup.yaml"), "traffic_shaping:\n  all:\n    deduplicate_query: false\n");
const query = fs.readFileSync(path.join(root, "tests/gateway/queries/shop/bench-query.graphql"), "utf8");
const expected = JSON.parse(fs.readFileSync(path.join(root, "tests/gateway/queries/shop/bench-query.expected.json"), "utf8"));
const body = JSON.stringify({ query, operationName: "TestQuery" });
const supergraph = path.join(work, "supergraph.graphql");
const peers = path.join(here, "node_modules");
let port = 4400;
const gateways = [
  { id: "junction", name: "junction", command: junction, argv: ["gateway", "--supergraph", supergraph] },
  { id: "junction-no-dedup", name: "junction (dedup off)", command: junction,
    argv: ["gateway", "--supergraph", supergraph, "--config", path.join(work, "no-dedup.yaml")] },
  { id: "apollo", name: "@apollo/gateway", command: "node", argv: [path.join(here, "apollo.mjs"), supergraph], peer: true },
  { id: "hive", name: "@graphql-hive/gateway", command: path.join(peers, ".bin/hive-gateway"),
    argv: ["supergraph", supergraph, "--host", "127.0.0.1"], peer: true },
  { id: "grafbase", name: "grafbase dev", command: path.join(peers, "@grafbase/cli-x86_64-unknown-linux-musl/grafbase"),
    argv: ["dev", "-c", path.join(work, "grafbase.toml")], peer: true },
].filter((gateway) => !only || only.split(",").includes(gateway.id));
for (const gateway of gateways) {
  const listen = `127.0.0.1:${++port}`;
  gateway.url = `http://${listen}/graphql`;
  if (gateway.id.startsWith("junction")) gateway.argv.push("--listen", listen);
  else if (gateway.id === "apollo") { gateway.argv.push(String(port)); gateway.url = `http://${listen}/`; }
  else if (gateway.id === "hive") gateway.argv.push("--port", String(port));
  else gateway.argv.push("--listen-address", listen);
}

const cpuModel = (os.cpus()[0] || {}).model || "unknown";
console.log(`machine: ${os.cpus().length} cores, ${cpuModel}; node ${process.version}; wrk ${connections} connections, ${duration} s per gateway`);
console.log(`subgraphs: ${Object.entries(urls).map(([n, u]) => `${n} ${u}`).join(", ")}`);
const results = [];
for (const gateway of gateways) {
  const result = await measure(gateway, body, expected);
  results.push({ ...result, peer: !!gateway.peer });
  console.log(JSON.stringify(result));
}
const pad = (text, width) => String(text).padEnd(width);
console.log(`\n${pad("gateway", 24)}${pad("valid req/s", 13)}${pad("invalid", 9)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("CPU ms/req", 12)}peak RSS MB`);
for (const r of results) {
  console.log(`${pad(r.name, 24)}${pad(r.rps.toFixed(0), 13)}${pad(r.invalid, 9)}${pad(r.p50_ms.toFixed(1), 9)}${pad(r.p99_ms.toFixed(1), 9)}${pad(r.cpu_ms_per_request.toFixed(3), 12)}${r.peak_rss_mb.toFixed(0)}`);
}
const peerResults = results.filter((r) => r.peer);
const ours = results.find((r) => r.name === "junction");
if (ours && peerResults.length > 0) {
  const fastest = peerResults.reduce((a, b) => (b.rps > a.rps ? b : a));
  const worstPeerP99 = Math.min(...peerResults.map((r) => r.p99_ms));
  console.log(`\njunction vs fastest peer (${fastest.name}): ${(ours.rps / fastest.rps).toFixed(2)}x valid req/s, ` +
    `p99 ${ours.p99_ms.toFixed(1)} ms vs lowest peer p99 ${worstPeerP99.toFixed(1)} ms, ` +
    `CPU/request ${(fastest.cpu_ms_per_request / ours.cpu_ms_per_request).toFixed(1)}x less, peak RSS ${ours.peak_rss_mb.toFixed(0)} MB`);
}
cleanup();
fs.rmSync(work, { recursive: true, force: true });
process.exit(0);
