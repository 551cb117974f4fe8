// The MindMirror example end to end, from a fresh copy of examples/mindmirror: `junction up
// --detach` starts the seven subgraphs and the web page; the day query touching all seven
// services answers exactly queries/day.json, directly and through the page's proxy; a schema
// change with a migration (tour/habit-goal.patch) deploys with no failed request under load and
// serves the new field; a revision that dies before its health check (tour/broken-import.patch)
// is rolled back by itself with the old revision serving and no failed request; a rollback by
// hand removes the field (its migration reverted) and the day query answers exactly as before;
// the gateway's metrics count every subgraph; `junction down` leaves nothing running.
//   node tests/e2e/mindmirror.mjs --junction build/dev/bin/junction
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const args = process.argv.slice(2);
const junction = path.resolve(args.includes("--junction") ? args[args.indexOf("--junction") + 1] : "build/dev/bin/junction");
const example = path.join(repo, "examples", "mindmirror");
setTimeout(() => {
  console.log(`FAIL: did not finish within 300 s\n${problems.join("\n")}`);
  process.exit(1);
}, 300000).unref();
const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
  return ok;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const began = Date.now();
const progress = (label) => process.env.VERBOSE && console.error(`${((Date.now() - began) / 1000).toFixed(1)} s: ${label}`);

if (!fs.existsSync(path.join(example, "node_modules", "better-sqlite3"))) {
  console.log("FAIL: examples/mindmirror has no node_modules (run scripts/bootstrap)");
  process.exit(1);
}

// A fresh copy (no .junction), its packages linked.
const root = fs.mkdtempSync(path.join(os.tmpdir(), "junction-e2e-"));
const dir = path.join(root, "mindmirror");
fs.cpSync(example, dir, { recursive: true, filter: (source) => !/[/\\](node_modules|\.junction)$/.test(source) });
fs.symlinkSync(path.join(example, "node_modules"), path.join(dir, "node_modules"));

// A free port, leased for the whole test the way junction leases the ports it assigns (an
// abstract socket named after the port), so that a control plane another test starts meanwhile
// is not handed it before the stack here listens on it.
const freePort = () => new Promise((resolve) => {
  const server = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    server.close(() => {
      const lease = net.createServer();
      lease.once("error", () => freePort().then(resolve));  // leased by a junction: another one
      lease.listen(`\0junction/port/${port}`, () => resolve(port));
      lease.unref();
    });
  });
});
const ports = { MINDMIRROR_PORT: await freePort(), MINDMIRROR_WEB_PORT: await freePort(), MINDMIRROR_METRICS_PORT: await freePort() };
const env = { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
const gateway = `http://127.0.0.1:${ports.MINDMIRROR_PORT}/graphql`;
const cli = (...argv) => new Promise((resolve) => {
  const child = spawn(junction, argv, { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (out += chunk));
  child.on("exit", (code) => resolve({ code, out }));
});
const processesIn = (folder) => fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(folder);
  } catch {
    return false;
  }
});
process.on("exit", () => {
  spawnSync(junction, ["down", "--stack", dir], { env, timeout: 60000 });
  for (const pid of processesIn(dir)) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {}
  }
  if (!problems.length) fs.rmSync(root, { recursive: true, force: true });
});

async function post(url, query) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return response.json();
}
const dayQuery = fs.readFileSync(path.join(dir, "queries", "day.graphql"), "utf8");
const dayAnswer = JSON.parse(fs.readFileSync(path.join(dir, "queries", "day.json"), "utf8"));

// Queries and mutations-free reads at a steady pace while `work` runs; every answer must be right.
async function underLoad(work) {
  let running = true;
  let right = 0;
  const wrong = [];
  const expected = { data: { me: { name: "Ada Lovelace", currentStreak: 12 } } };
  const load = (async () => {
    while (running) {
      const answer = await post(gateway, "{ me { name currentStreak } }").catch((error) => ({ error: String(error) }));
      if (isDeepStrictEqual(answer, expected)) right++;
      else wrong.push(JSON.stringify(answer));
    }
  })();
  const result = await work();
  await sleep(200);
  running = false;
  await load;
  return { result, right, wrong };
}

progress("up");
const up = spawnSync(junction, ["up", "--detach", dir], { env, encoding: "utf8", timeout: 240000 });
if (!check(up.status === 0 && up.stderr.includes(gateway), `junction up --detach: ${up.status}\n${up.stderr}`)) process.exit(1);

progress("day query");
check(isDeepStrictEqual(await post(gateway, dayQuery), dayAnswer), "the day query does not answer queries/day.json");
const page = await fetch(`http://127.0.0.1:${ports.MINDMIRROR_WEB_PORT}/`).then((response) => response.text());
check(/<title>[^<]*MindMirror/i.test(page), `the page: ${page.slice(0, 200)}`);
check(isDeepStrictEqual(await post(`http://127.0.0.1:${ports.MINDMIRROR_WEB_PORT}/graphql`, dayQuery), dayAnswer),
  "the page's /graphql proxy does not answer queries/day.json");
const status = JSON.parse((await cli("status", "--stack", dir, "--format", "json")).out);
check(status.services.length === 8 && status.services.every((service) => service.state === "running" && service.revision === 1),
  `status after up: ${JSON.stringify(status.services)}`);

progress("deploy habits with a new field");
const patch = (file, ...flags) => spawnSync("patch", [...flags, "-d", dir, "-p1", "-i", `tour/${file}`], { encoding: "utf8" });
check(patch("habit-goal.patch").status === 0, "tour/habit-goal.patch does not apply");
const added = await underLoad(() => cli("deploy", "habits", "--stack", dir));
check(added.result.code === 0 && /field Habit.goal was added/.test(added.result.out), `deploy habits: ${added.result.out}`);
check(added.wrong.length === 0 && added.right > 20, `during the deploy: ${added.right} right, ${added.wrong.length} wrong: ${added.wrong[0]}`);
const goals = await post(gateway, '{ me { habits { name goal } } }');
check(isDeepStrictEqual(goals.data?.me?.habits?.slice(0, 3), [
  { name: "Morning pages", goal: "Three pages before breakfast" },
  { name: "Drink 2 litres of water", goal: "Two litres, one glass at a time" },
  { name: "Read 20 pages", goal: null },
]), `the new field: ${JSON.stringify(goals)}`);

progress("a deploy whose health check fails");
check(patch("broken-import.patch").status === 0, "tour/broken-import.patch does not apply");
const broken = await underLoad(() => cli("deploy", "habits", "--stack", dir));
check(broken.result.code === 1 && /habits: the service exited with status 1 before its health check passed \(see .*habits\/3\.log\)/.test(broken.result.out),
  `broken deploy: ${broken.result.out}`);
check(broken.wrong.length === 0 && broken.right > 5, `during the failed deploy: ${broken.right} right, ${broken.wrong.length} wrong: ${broken.wrong[0]}`);
check(isDeepStrictEqual(await post(gateway, '{ me { habits { goal } } }'), goals.data && { data: { me: { habits: goals.data.me.habits.map(({ goal }) => ({ goal })) } } }),
  "revision 2 does not serve after the failed deploy");
const history = JSON.parse((await cli("history", "--stack", dir, "--format", "json")).out);
check(history[0].outcome === "failed" && history[0].step === "health" && history[1].outcome === "succeeded",
  `history: ${JSON.stringify(history.slice(0, 2))}`);
patch("broken-import.patch", "-R");

progress("rollback by hand");
const rolled = await underLoad(() => cli("rollback", "habits", "--stack", dir));
check(rolled.result.code === 0 && /habits: revision 2 -> 1/.test(rolled.result.out), `rollback: ${rolled.result.out}`);
check(rolled.wrong.length === 0, `during the rollback: ${rolled.wrong.length} wrong: ${rolled.wrong[0]}`);
const gone = await post(gateway, '{ me { habits { goal } } }');
check(/Cannot query field "goal" on type "Habit"/.test(gone.errors?.[0]?.message ?? ""), `goal after the rollback: ${JSON.stringify(gone)}`);
check(isDeepStrictEqual(await post(gateway, dayQuery), dayAnswer), "the day query changed after the rollback");
const migrations = JSON.parse((await cli("history", "--migrations", "--stack", dir, "--format", "json")).out);
check(migrations[0].service === "habits" && migrations.some((run) => run.direction === "down" && /reverted 0003_habit_goal/.test(run.output)),
  `the goal migration was not reverted: ${JSON.stringify(migrations.slice(0, 3))}`);

progress("metrics");
const metrics = await fetch(`http://127.0.0.1:${ports.MINDMIRROR_METRICS_PORT}/metrics`).then((response) => response.text());
for (const service of ["agent", "habits", "journal", "meals", "movements", "practices", "users"]) {
  check(new RegExp(`^junction_subgraph_requests_total\\{subgraph="${service}"\\} [1-9]`, "m").test(metrics), `no requests counted for ${service}`);
}

// The alert rules select series the gateway exports (a renamed metric or label would leave
// an alert that never fires).
const rules = fs.readFileSync(path.join(dir, "monitoring", "alerts.yml"), "utf8");
const series = metrics.split("\n").filter((line) => line.startsWith("junction_"));
const selectors = [...rules.matchAll(/(junction_[a-z_]+)(\{[^}]*\})?/g)];
check(selectors.length >= 4, `alerts.yml selects ${selectors.length} series`);
for (const [selector, name, matchers] of selectors) {
  const wanted = [...(matchers ?? "").matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => `${key}="${value}"`);
  check(series.some((line) => (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) && wanted.every((pair) => line.includes(pair))),
    `alerts.yml selects ${selector}, which /metrics does not export`);
}
for (const [, label] of rules.matchAll(/by \((\w+)\)/g)) {
  check(series.some((line) => line.includes(`{${label}="`) || line.includes(`,${label}="`)), `alerts.yml groups by ${label}, a label /metrics does not have`);
}

progress("down");
const down = await cli("down", "--stack", dir);
check(down.code === 0, `down: ${down.out}`);
await sleep(300);
check(processesIn(dir).length === 0, `processes left after down: ${processesIn(dir)}`);

for (const problem of problems) console.log(`FAIL: ${problem}`);
if (!problems.length) console.log("ok: MindMirror comes up, answers across seven services, deploys, rolls back by itself and by hand, stops");
process.exit(problems.length ? 1 : 0);
