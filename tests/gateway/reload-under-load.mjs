// Reload under load: while clients send queries and mutations to `junction gateway
// --hot-reload` without pause, the supergraph file is replaced 20 times (and once with a broken
// supergraph, which must be refused). Every response must be right (HTTP 200, no errors, the
// expected data), every mutation must reach the subgraph exactly once, and the gateway's
// resident memory must not grow from swap 5 to swap 20 beyond noise. Bounded in time.
//   node tests/gateway/reload-under-load.mjs --junction build/dev/bin/junction
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { isDeepStrictEqual } from "node:util";

const here = path.dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const junction = path.resolve(option("--junction", "build/dev/bin/junction"));
const swaps = Number(option("--swaps", "20"));
const clients = Number(option("--clients", "12"));
const maxGrowthMb = Number(option("--max-growth-mb", "8"));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const children = [];
process.on("exit", () => children.forEach((child) => child.kill("SIGKILL")));
const deadline = setTimeout(() => {
  console.log("FAIL: the test did not finish within 150 s");
  process.exit(1);
}, 150000);

function firstLine(child, stream, regex, what) {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: stream });
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 20000);
    lines.on("line", (line) => {
      const match = line.match(regex);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.on("exit", (code) => reject(new Error(`${what}: exited with ${code}`)));
  });
}

async function post(url, query) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, text: await response.text() };
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;

const work = fs.mkdtempSync(path.join(os.tmpdir(), "junction-reload-"));
const subgraphs = spawn("node", [path.join(here, "serve-subgraphs.mjs"), "shop", work], { stdio: ["pipe", "pipe", "pipe"] });
children.push(subgraphs);
await firstLine(subgraphs, subgraphs.stdout, /^\{/, "subgraphs");
const composed = path.join(work, "composed.graphql");
execFileSync(junction, ["compose", "--config", path.join(work, "supergraph-config.yaml"), "-o", composed]);
const base = fs.readFileSync(composed, "utf8");
const supergraphPath = path.join(work, "supergraph.graphql");
const publish = (text) => {  // as a deploy would: write beside, then rename over
  fs.writeFileSync(`${supergraphPath}.tmp`, text);
  fs.renameSync(`${supergraphPath}.tmp`, supergraphPath);
};
publish(`${base}\n# version 0\n`);

const gateway = spawn(junction, ["gateway", "--supergraph", supergraphPath, "--listen", "127.0.0.1:0", "--hot-reload"], {
  stdio: ["ignore", "ignore", "pipe"],
});
children.push(gateway);
const [, url] = await firstLine(gateway, gateway.stderr, /at (http:\S+\/graphql)/, "junction gateway");
const metricsUrl = url.replace(/\/graphql$/, "/metrics");
const metric = async (name) => {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split("\n").find((l) => l.startsWith(name + " "));
  return line ? Number(line.split(" ")[1]) : NaN;
};

const benchQuery = fs.readFileSync(path.join(here, "queries/shop/bench-query.graphql"), "utf8");
const benchExpected = JSON.parse(fs.readFileSync(path.join(here, "queries/shop/bench-query.expected.json"), "utf8"));
const requests = [
  { query: benchQuery, expected: benchExpected },
  { query: "{ topProducts(first: 2) { name inStock shippingEstimate } }",
    expected: { data: { topProducts: [{ name: "Table", inStock: true, shippingEstimate: 50 }, { name: "Couch", inStock: false, shippingEstimate: 0 }] } } },
  { query: 'mutation { rateProduct(upc: "3", stars: 5) { name inStock } }', mutation: true,
    expected: { data: { rateProduct: { name: "Chair", inStock: true } } } },
];

let stop = false;
let ok = 0;
let mutationsOk = 0;
const failures = [];
async function client(index) {
  for (let n = index; !stop; ++n) {
    const request = requests[n % requests.length];
    try {
      const { status, text } = await post(url, request.query);
      if (status === 200 && isDeepStrictEqual(JSON.parse(text), request.expected)) {
        ok++;
        if (request.mutation) mutationsOk++;
      } else {
        failures.push(`${status} ${text.slice(0, 300)}`);
      }
    } catch (error) {
      failures.push(String(error));
    }
  }
}
const load = Array.from({ length: clients }, (_, i) => client(i));

async function waitForGeneration(generation) {
  for (let i = 0; i < 100; ++i) {
    if ((await metric("junction_supergraph_generation")) >= generation) return true;
    await sleep(50);
  }
  return false;
}

await sleep(1000);
let rssAt5 = 0;
let rssAt20 = 0;
const problems = [];
for (let swap = 1; swap <= swaps; ++swap) {
  if (swap === 10) {
    publish("type Query {\n");  // broken: must be refused while the last good one keeps serving
    await sleep(600);
  }
  publish(`${base}\n# version ${swap}\n`);
  if (!(await waitForGeneration(swap + 1))) problems.push(`swap ${swap} was not picked up`);
  await sleep(250);
  if (swap === 5) rssAt5 = rssMb(gateway.pid);
  if (swap === swaps) rssAt20 = rssMb(gateway.pid);
}
stop = true;
await Promise.all(load);

const reloadsFailed = await (async () => {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split("\n").find((l) => l.startsWith('junction_supergraph_reloads_total{result="failed"}'));
  return line ? Number(line.split(" ")[1]) : NaN;
})();
const count = JSON.parse((await post(url, "{ ratingCount }")).text).data.ratingCount;
console.log(`${ok} right responses (${mutationsOk} mutations), ${failures.length} wrong, ${swaps} swaps, ` +
  `RSS ${rssAt5.toFixed(1)} MB after swap 5, ${rssAt20.toFixed(1)} MB after swap ${swaps}`);
if (failures.length) problems.push(`${failures.length} failed requests, first: ${failures[0]}`);
if (ok < 200) problems.push(`only ${ok} requests completed`);
if (count !== mutationsOk) problems.push(`the subgraph recorded ${count} ratings for ${mutationsOk} mutations answered`);
if (reloadsFailed !== 1) problems.push(`expected 1 refused supergraph in the metrics, saw ${reloadsFailed}`);
if (rssAt20 - rssAt5 > maxGrowthMb) problems.push(`resident memory grew ${(rssAt20 - rssAt5).toFixed(1)} MB over ${swaps - 5} swaps`);
gateway.kill("SIGTERM");
subgraphs.kill("SIGTERM");
fs.rmSync(work, { recursive: true, force: true });
clearTimeout(deadline);
for (const problem of problems) console.log(`FAIL: ${problem}`);
if (!problems.length) console.log("ok: no failed request, no lost or repeated mutation, no memory growth across swaps");
process.exit(problems.length ? 1 : 0);
