// `junction up`, `deploy` and `status` end to end on the fixture stack
// (tests/control/fixtures/stack): the migration runs before its service, env and secrets reach
// the services, the supergraph is composed from their SDL and published, the gateway answers
// across both services, a service that exits is restarted; a deploy that adds a field serves it
// with no failed request under constant load; deploys that fail (a revision that dies, one
// after its migration) stop before traffic moves, migrate down and leave the old revision
// serving; SIGTERM stops every process; a missing secret and a service that dies at start stop
// `up` with a message naming the service and its log. Bounded in time.
//   node tests/control/up.mjs --junction build/dev/bin/junction
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";

const here = path.dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
const junction = path.resolve(args.includes("--junction") ? args[args.indexOf("--junction") + 1] : "build/dev/bin/junction");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
setTimeout(() => {
  console.log("FAIL: did not finish within 120 s");
  process.exit(1);
}, 120000).unref();

const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

// A copy of the fixture, so that .junction/ is created in a temporary folder.
const copies = [];
function stackCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "junction-up-"));
  copies.push(dir);
  fs.cpSync(path.join(here, "fixtures", "stack"), dir, { recursive: true });
  const serve = path.join(dir, "serve.mjs");
  fs.writeFileSync(serve, fs.readFileSync(serve, "utf8").replace("../../../peers/package.json",
    path.join(here, "..", "peers", "package.json")));
  return dir;
}

const children = [];
process.on("exit", () => children.forEach((child) => child.exitCode === null && child.kill("SIGKILL")));

function run(dir, env = {}) {
  const environment = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete environment[name];
  const child = spawn(junction, ["up", dir], { stdio: ["ignore", "ignore", "pipe"], env: environment });
  children.push(child);
  child.stderrText = "";
  child.stderr.on("data", (chunk) => (child.stderrText += chunk));
  child.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  return child;
}

async function waitFor(child, regex, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const match = child.stderrText.match(regex);
    if (match) return match;
    if (child.exitCode !== null) return null;
    await sleep(50);
  }
  return null;
}

async function query(url, text) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: text }) });
  return response.json();
}

// Processes whose working directory is inside `dir` (the services).
function processesIn(dir) {
  const found = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readlinkSync(`/proc/${entry}/cwd`).startsWith(dir)) found.push(Number(entry));
    } catch {}
  }
  return found;
}

// 1. The stack comes up and serves across both services.
const dir = stackCopy();
const up = run(dir, { API_TOKEN: "s3cret" });
const ready = await waitFor(up, /GraphQL at (http:\S+\/graphql)/, 60000);
check(ready, `junction up did not come up:\n${up.stderrText}`);
if (ready) {
  const url = ready[1];
  const answer = await query(url, '{ user(id: "1") { name schema token habits } }');
  check(isDeepStrictEqual(answer, { data: { user: { name: "Hello Ada", schema: "v1", token: "set", habits: ["walk", "read"] } } }),
    `unexpected answer: ${JSON.stringify(answer)}`);
  const published = fs.readdirSync(path.join(dir, ".junction", "supergraphs"));
  check(published.length === 1 && /^[0-9a-f]{64}\.graphql$/.test(published[0]), `published: ${published}`);
  check(fs.existsSync(path.join(dir, ".junction", "logs", "users", "1.log")), "no log for users");
  // 2. A service that exits is restarted.
  await query(url, "mutation { crash }");
  let restarted = false;
  for (let i = 0; i < 60 && !restarted; ++i) {
    await sleep(100);
    const again = await query(url, '{ user(id: "1") { habits } }').catch(() => ({}));
    restarted = isDeepStrictEqual(again, { data: { user: { habits: ["walk", "read"] } } }) && /habits: exited with status 3; restarting/.test(up.stderrText);
  }
  check(restarted, `habits was not restarted:\n${up.stderrText}`);

  // 3. A deploy that adds a field, under constant load: the field is served and no request fails.
  const cli = (...argv) => new Promise((resolve) => {
    const child = spawn(junction, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    child.on("exit", (exitCode) => resolve({ code: exitCode, out }));
  });
  let loading = true;
  let served = 0;
  const failures = [];
  const load = (async () => {
    while (loading) {
      const answer = await query(url, '{ user(id: "1") { name habits } }').catch((error) => ({ error: String(error) }));
      if (isDeepStrictEqual(answer, { data: { user: { name: "Hello Ada", habits: ["walk", "read"] } } })) served++;
      else failures.push(JSON.stringify(answer));
    }
  })();
  const habits = path.join(dir, "habits", "server.mjs");
  const original = fs.readFileSync(habits, "utf8");
  fs.writeFileSync(habits, original.replace("habits: [String!]! }", "habits: [String!]! streak: Int }")
    .replace('habits: () => ["walk", "read"] }', 'habits: () => ["walk", "read"], streak: () => 4 }'));
  const deployed = await cli("deploy", "habits", "--stack", dir);
  await sleep(300);
  loading = false;
  await load;
  check(deployed.code === 0 && /deployed habits/.test(deployed.out), `deploy habits: ${deployed.code} ${deployed.out}`);
  check(failures.length === 0 && served > 20, `during the deploy: ${served} right, ${failures.length} wrong: ${failures[0]}`);
  const streak = await query(url, '{ user(id: "1") { streak } }');
  check(isDeepStrictEqual(streak, { data: { user: { streak: 4 } } }), `new field: ${JSON.stringify(streak)}`);
  const status = await cli("status", "--stack", dir, "--format", "json");
  const parsed = JSON.parse(status.out);
  check(parsed.services.find((service) => service.name === "habits").revision === 2, `status: ${status.out}`);

  // 4. Deploys that fail stop before traffic moves; the old revisions keep serving; a failed
  //    deploy after its migration migrates down.
  fs.writeFileSync(habits, "process.exit(9);\n");
  const broken = await cli("deploy", "habits", "--stack", dir);
  check(broken.code === 1 && /habits: the service exited with status 9 before its health check passed \(see .*habits\/3\.log\)/.test(broken.out),
    `broken deploy: ${broken.code} ${broken.out}`);
  const still = await query(url, '{ user(id: "1") { streak } }');
  check(isDeepStrictEqual(still, { data: { user: { streak: 4 } } }), `after a failed deploy: ${JSON.stringify(still)}`);
  fs.writeFileSync(path.join(dir, "users", "server.mjs"), "process.exit(9);\n");
  const users = await cli("deploy", "users", "--stack", dir);
  check(users.code === 1 && /migrate down/.test(up.stderrText) && !fs.existsSync(path.join(dir, "users", "migrated")),
    `users deploy should fail and migrate down: ${users.out}`);
  const unknown = await cli("deploy", "nope", "--stack", dir);
  check(unknown.code === 1 && /no service "nope" in the stack/.test(unknown.out), `unknown service: ${unknown.out}`);
  // The deploys are in the history, latest first, with the failed step and the reason.
  const history = JSON.parse((await cli("history", "--stack", dir, "--format", "json")).out);
  const summary = history.map((d) => `${d.services} ${d.outcome} ${d.failed_step}`);
  check(isDeepStrictEqual(summary, ["nope failed plan", "users failed health", "habits failed health", "habits succeeded "]),
    `history: ${JSON.stringify(summary)}`);
  check(/exited with status 9/.test(history[1].reason), `history reason: ${history[1].reason}`);
}
// 5. SIGTERM stops everything.
up.kill("SIGTERM");
const code = await Promise.race([up.exited, sleep(15000).then(() => "timeout")]);
check(code === 0, `junction up exited with ${code} after SIGTERM`);
await sleep(200);
check(processesIn(dir).length === 0, `processes left running in ${dir}: ${processesIn(dir)}`);

// 6. A missing secret and a service that dies at start stop `up` with the reason.
const noSecret = run(stackCopy(), { API_TOKEN: undefined });
const noSecretCode = await Promise.race([noSecret.exited, sleep(30000).then(() => "timeout")]);
check(noSecretCode === 1 && /error: users: secret API_TOKEN is not in .*\.junction\/secrets nor in the environment/.test(noSecret.stderrText),
  `missing secret: exit ${noSecretCode}: ${noSecret.stderrText}`);
const broken = stackCopy();
fs.writeFileSync(path.join(broken, "habits", "server.mjs"), "process.exit(7);\n");
const failing = run(broken, { API_TOKEN: "x" });
const failingCode = await Promise.race([failing.exited, sleep(60000).then(() => "timeout")]);
check(failingCode === 1, `a dying service: exit ${failingCode}`);
check(/error: habits: the service exited with status 7 before its health check passed \(see .*\.junction\/logs\/habits\/1\.log\)/.test(failing.stderrText),
  `a dying service: ${failing.stderrText}`);
check(processesIn(broken).length === 0, `processes left running after a failed start: ${processesIn(broken)}`);

if (!problems.length) for (const copy of copies) fs.rmSync(copy, { recursive: true, force: true });
for (const problem of problems) console.log(`FAIL: ${problem}`);
if (!problems.length) console.log("ok: junction up runs, serves, restarts, stops, and reports a failing service");
process.exit(problems.length ? 1 : 0);
