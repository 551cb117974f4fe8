// `junction up`, `deploy` and `status` end to end on the fixture stack
// (tests/control/fixtures/stack): the migration runs before its service, env and secrets reach
// the services, the supergraph is composed from their SDL and published, the gateway answers
// across both services, a service that exits is restarted; a deploy that adds a field serves it
// with no failed request under constant load; deploys that fail (a revision that dies, one
// after its migration) stop before traffic moves, migrate down and leave the old revision
// serving; SIGTERM stops every process; a missing secret and a service that dies at start stop
// `up` with a message naming the service and its log. Bounded in time.
//   node tests/control/up.mjs --junction build/dev/bin/junction
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { check, cli, cliJson, deadline, environment, finish, junction, processesIn, progress, query, run, sleep, stackCopy, waitFor }
  from "./harness.mjs";

deadline(240);

// 1. The stack comes up and serves across both services.
progress("1");
const dir = stackCopy();
const up = run(dir, { API_TOKEN: "s3cret" });
const ready = await waitFor(up, /GraphQL: (http:\S+\/graphql)/, 60000);
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
  progress("2");
  await query(url, "mutation { crash }");
  let restarted = false;
  for (let i = 0; i < 60 && !restarted; ++i) {
    await sleep(100);
    const again = await query(url, '{ user(id: "1") { habits } }').catch(() => ({}));
    restarted = isDeepStrictEqual(again, { data: { user: { habits: ["walk", "read"] } } }) && /habits: exited with status 3; restarting in/.test(up.stderrText);
  }
  check(restarted, `habits was not restarted:\n${up.stderrText}`);

  // 3. A deploy that adds a field, under constant load: the field is served and no request fails.
  progress("3");
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
  const withStreak = original.replace("habits: [String!]! }", "habits: [String!]! streak: Int }")
    .replace('habits: () => ["walk", "read"] }', 'habits: () => ["walk", "read"], streak: () => 4 }');
  fs.writeFileSync(habits, withStreak);
  const deployed = await cli("deploy", "habits", "--stack", dir);
  await sleep(300);
  loading = false;
  await load;
  check(deployed.code === 0 && /plan:\n  habits: revision 1 -> 2: copy .*habits, start `node server.mjs`/.test(deployed.out) &&
    /habits: field User.streak was added/.test(deployed.out) && /deploy #\d+ succeeded/.test(deployed.out),
    `deploy habits: ${deployed.code} ${deployed.out}`);
  check(failures.length === 0 && served > 20, `during the deploy: ${served} right, ${failures.length} wrong: ${failures[0]}`);
  const streak = await query(url, '{ user(id: "1") { streak } }');
  check(isDeepStrictEqual(streak, { data: { user: { streak: 4 } } }), `new field: ${JSON.stringify(streak)}`);
  const parsed = await cliJson(dir, "status");
  const habitsStatus = parsed.services.find((service) => service.name === "habits");
  check(habitsStatus.revision === 2 && habitsStatus.health === "healthy" && /^[0-9a-f]{64}$/.test(parsed.supergraph.sha256) &&
    fs.existsSync(parsed.supergraph.path), `status: ${JSON.stringify(parsed)}`);
  check(fs.existsSync(path.join(dir, ".junction", "revisions", "habits", "2", "habits", "server.mjs")), "no copy of revision 2");
  const text = await cli("status", "--stack", dir);
  check(/^stack demo, gateway http:/.test(text.out) && /habits\s+2\s+\d+\s+running\s+healthy/.test(text.out), `status text: ${text.out}`);

  // 3a. Logs: rotated past the size limit (three older files kept), followed with -f.
  const usersLog = path.join(dir, ".junction", "logs", "users", "1.log");
  for (let i = 0; i < 30 && !fs.existsSync(`${usersLog}.1`); ++i) await sleep(100);
  check(fs.existsSync(`${usersLog}.1`) && fs.statSync(`${usersLog}.1`).size > 2000, `users' log was not rotated: ${fs.readdirSync(path.dirname(usersLog))}`);
  const follower = spawn(junction, ["logs", "users", "-f", "-n", "1", "--stack", dir], { stdio: ["ignore", "pipe", "pipe"] });
  let followed = "";
  follower.stdout.on("data", (chunk) => (followed += chunk));
  await sleep(300);
  await query(url, '{ user(id: "1") { name } }');
  for (let i = 0; i < 30 && !/request: query\{user\(id: "1"\)\{name\}\}/.test(followed); ++i) await sleep(100);
  follower.kill();
  check(/request: query\{user\(id: "1"\)\{name\}\}/.test(followed), `logs -f: ${followed}`);

  // 3b. Periodic health checks notice a serving revision that turns unhealthy, and its recovery.
  const healthOf = async () => (await cliJson(dir, "status"))
    .services.find((service) => service.name === "users").health;
  const sickMarker = path.join(dir, ".junction", "data", "users", "unhealthy");
  fs.writeFileSync(sickMarker, "");
  let sick = false;
  for (let i = 0; i < 40 && !sick; ++i) {
    await sleep(100);
    sick = (await healthOf()) === "unhealthy";
  }
  fs.rmSync(sickMarker);
  let well = false;
  for (let i = 0; i < 40 && !well; ++i) {
    await sleep(100);
    well = (await healthOf()) === "healthy";
  }
  check(sick && well && /users: failed its health check \(\/health\)/.test(up.stderrText) && /users: healthy again/.test(up.stderrText),
    `periodic health checks: ${sick} ${well}`);

  // 4. Deploys that fail stop before traffic moves; the old revisions keep serving; a failed
  progress("4");
  //    deploy after its migration migrates down.
  fs.writeFileSync(habits, "process.exit(9);\n");
  const broken = await cli("deploy", "habits", "--stack", dir);
  check(broken.code === 1 && /habits: the service exited with status 9 before its health check passed \(see .*habits\/3\.log\)/.test(broken.out),
    `broken deploy: ${broken.code} ${broken.out}`);
  const still = await query(url, '{ user(id: "1") { streak } }');
  check(isDeepStrictEqual(still, { data: { user: { streak: 4 } } }), `after a failed deploy: ${JSON.stringify(still)}`);
  const usersServer = path.join(dir, "users", "server.mjs");
  const usersOriginal = fs.readFileSync(usersServer, "utf8");
  fs.writeFileSync(usersServer, "process.exit(9);\n");
  const users = await cli("deploy", "users", "--stack", dir);
  check(users.code === 1 && /migrate down/.test(up.stderrText) && !fs.existsSync(path.join(dir, ".junction", "data", "users", "migrated")),
    `users deploy should fail and migrate down: ${users.out}`);
  fs.writeFileSync(usersServer, usersOriginal);
  // A migration that fails: migrate.down runs, the deploy stops, revision 1 keeps serving.
  fs.writeFileSync(path.join(dir, ".junction", "data", "users", "fail-migration"), "");
  const failedMigration = await cli("deploy", "users", "--stack", dir);
  check(failedMigration.code === 1 && /users: migrate up `node migrate.mjs up` exited with status 1 \(see .*users\/3\.log\)/.test(failedMigration.out),
    `failed migration: ${failedMigration.out}`);
  fs.rmSync(path.join(dir, ".junction", "data", "users", "fail-migration"));
  check(isDeepStrictEqual(await query(url, '{ user(id: "1") { name } }'), { data: { user: { name: "Hello Ada" } } }), "users stopped serving");
  const unknown = await cli("deploy", "nope", "--stack", dir);
  check(unknown.code === 1 && /no service "nope" in the stack \(it has habits, users\)/.test(unknown.out), `unknown service: ${unknown.out}`);

  // 5. A migration by hand (the runbook fallback), recorded with its output.
  progress("5");
  const migrated = await cli("migrate", "users", "--stack", dir);
  check(migrated.code === 0 && /migrated up to v1 \(revision 1\)/.test(migrated.out) &&
    fs.existsSync(path.join(dir, ".junction", "data", "users", "migrated")), `migrate users: ${migrated.out}`);
  const migrations = await cliJson(dir, "history", "--migrations");
  check(migrations.length === 6 && migrations[0].direction === "up" && /migrated up to v1/.test(migrations[0].output) &&
    migrations[1].direction === "down" && migrations[1].revision === 3 && /target .*revisions\/users\/1\/users/.test(migrations[1].output) &&
    migrations[2].exit_code === 1 && /0002_streaks failed/.test(migrations[2].output) && migrations[3].revision === 2,
    `migrations: ${JSON.stringify(migrations)}`);
  const logs = await cli("logs", "users", "--stack", dir);
  check(logs.code === 0 && /migrated up to v1 \(revision 1\)/.test(logs.out), `logs users: ${logs.out}`);
  const jsonLogs = await cli("logs", "users", "--revision", "3", "--stack", dir, "--format", "json");
  check(jsonLogs.code === 0 && jsonLogs.out.trim().split("\n").map((line) => JSON.parse(line)).every((line) => line.service === "users" && line.revision === 3) && /0002_streaks failed/.test(jsonLogs.out),
    `logs --format json: ${jsonLogs.out}`);

  // 6. The plan alone (--dry-run) changes nothing; a breaking change is refused, then allowed.
  progress("6");
  const historyLength = (await cliJson(dir, "history")).length;
  const dry = await cli("deploy", "habits", "--dry-run", "--stack", dir);
  check(dry.code === 0 && /plan \(dry run, nothing changed\):\n  habits: revision 2 -> 4/.test(dry.out), `dry run: ${dry.out}`);
  check((await cliJson(dir, "history")).length === historyLength, "a dry run was recorded");
  fs.writeFileSync(habits, original);  // without streak
  const refused = await cli("deploy", "habits", "--stack", dir);
  check(refused.code === 1 && /the new schema breaks clients \(deploy with --allow-breaking to accept\):\n  field User.streak was removed/.test(refused.out),
    `breaking change: ${refused.out}`);
  check(isDeepStrictEqual(await query(url, '{ user(id: "1") { streak } }'), { data: { user: { streak: 4 } } }), "refused deploy moved traffic");
  const allowed = await cli("deploy", "habits", "--allow-breaking", "--stack", dir);
  check(allowed.code === 0 && /BREAKING: field User.streak was removed/.test(allowed.out), `allowed: ${allowed.out}`);
  const gone = await query(url, '{ user(id: "1") { streak } }');
  check(gone.errors && /streak/.test(gone.errors[0].message), `streak should be gone: ${JSON.stringify(gone)}`);

  // 7. A manual rollback brings the revision with streak back (and its supergraph).
  progress("7");
  const rolled = await cli("rollback", "habits", "--stack", dir);
  check(rolled.code === 0 && /habits: revision 5 -> 2/.test(rolled.out) && /rollback #\d+ succeeded/.test(rolled.out), `rollback: ${rolled.out}`);
  check(isDeepStrictEqual(await query(url, '{ user(id: "1") { streak } }'), { data: { user: { streak: 4 } } }), "rollback did not restore streak");

  // 8. A schema that does not compose, and a smoke query that fails, stop the deploy; a health
  progress("8");
  //    check that never passes too, with no failed request under load.
  fs.writeFileSync(habits, original.replace("habits: [String!]! }", "habits: [String!]! name: String }"));
  const conflict = await cli("deploy", "habits", "--stack", dir);
  check(conflict.code === 1 && /habits: composition failed:\n  error\[INVALID_FIELD_SHARING\]/.test(conflict.out), `composition failure: ${conflict.out}`);
  fs.writeFileSync(habits, original.replace('habits: () => ["walk", "read"]', 'habits: () => ["run"]').replace("habits: [String!]! }", "habits: [String!]! streak: Int }"));
  const smoke = await cli("deploy", "habits", "--stack", dir);
  check(smoke.code === 1 && /habits: smoke query `\{ user\(id: "1"\) \{ habits \} \}` failed: the answer does not contain "walk"/.test(smoke.out),
    `smoke failure: ${smoke.out}`);
  check(isDeepStrictEqual(await query(url, '{ user(id: "1") { habits streak } }'), { data: { user: { habits: ["walk", "read"], streak: 4 } } }),
    "smoke failure did not move traffic back");
  fs.writeFileSync(habits, `import http from "node:http";
http.createServer((request, response) => { response.statusCode = 500; response.end("down"); }).listen(Number(process.env.PORT), "127.0.0.1");\n`);
  loading = true;
  failures.length = 0;
  served = 0;
  const load2 = (async () => {
    while (loading) {
      const answer = await query(url, '{ user(id: "1") { name habits } }').catch((error) => ({ error: String(error) }));
      if (isDeepStrictEqual(answer, { data: { user: { name: "Hello Ada", habits: ["walk", "read"] } } })) served++;
      else failures.push(JSON.stringify(answer));
    }
  })();
  const unhealthy = await cli("deploy", "habits", "--stack", dir);
  loading = false;
  await load2;
  check(unhealthy.code === 1 && /habits: no healthy answer from http:\/\/127.0.0.1:\d+\/health within 3 s/.test(unhealthy.out), `unhealthy: ${unhealthy.out}`);
  check(failures.length === 0 && served > 20, `during the failed deploy: ${served} right, ${failures.length} wrong: ${failures[0]}`);

  // 9. A second deploy while one runs is refused.
  progress("9");
  fs.writeFileSync(habits, `setTimeout(() => import("./real.mjs"), 1500);\n`);
  fs.writeFileSync(path.join(dir, "habits", "real.mjs"), withStreak);
  const slow = cli("deploy", "habits", "--stack", dir);
  await sleep(700);
  const second = await cli("deploy", "users", "--stack", dir);
  check(second.code === 1 && /another deploy, rollback or migration is running/.test(second.out), `concurrent deploy: ${second.out}`);
  check((await slow).code === 0, "the slow deploy failed");

  // 10. A crash loop marks the service failed; a deploy brings it back.
  progress("10");
  fs.writeFileSync(path.join(dir, ".junction", "data", "habits", "crash-on-start"), "");
  await query(url, "mutation { crash }");
  let looped = false;
  for (let i = 0; i < 250 && !looped; ++i) {
    await sleep(100);
    looped = /habits: exited with status 4 again: crash loop, marked failed/.test(up.stderrText);
  }
  const failedStatus = await cliJson(dir, "status");
  check(looped && failedStatus.services.find((service) => service.name === "habits").state === "failed", `crash loop: ${up.stderrText.slice(-600)}`);
  fs.rmSync(path.join(dir, ".junction", "data", "habits", "crash-on-start"));
  const revived = await cli("deploy", "habits", "--stack", dir);
  check(revived.code === 0 && isDeepStrictEqual(await query(url, '{ user(id: "1") { habits } }'), { data: { user: { habits: ["walk", "read"] } } }),
    `deploy after a crash loop: ${revived.out}`);

  // 11. The history: every deploy, rollback and the first up, latest first, with the failed step.
  progress("11");
  const history = await cliJson(dir, "history");
  const summary = history.map((d) => `${d.kind} ${d.services} ${d.outcome} ${d.step}`);
  check(isDeepStrictEqual(summary, ["deploy habits succeeded ", "deploy habits succeeded ", "deploy habits failed health",
    "deploy habits failed smoke", "deploy habits failed compose", "rollback habits succeeded ", "deploy habits succeeded ",
    "deploy habits failed check", "deploy users failed migrate up", "deploy users failed health", "deploy habits failed health", "deploy habits succeeded ",
    "up habits,users succeeded "]), `history: ${JSON.stringify(summary)}`);
  check(/exited with status 9/.test(history[9].reason), `history reason: ${history[9].reason}`);

  // 12. SIGKILL in the middle of a deploy; `up --detach` adopts the services still running,
  progress("12");
  //     rolls the interrupted deploy back and serves the old revision.
  const stale = cli("deploy", "habits", "--stack", dir);
  await waitFor(up, /habits: deploying revision 11/, 10000);
  await sleep(400);
  up.kill("SIGKILL");
  await up.exited;
  await stale;
  const again = spawnSync(junction, ["up", "--detach", dir], { env: environment({ API_TOKEN: "s3cret" }), encoding: "utf8", timeout: 60000 });
  check(again.status === 0 && /GraphQL: http/.test(again.stderr), `up --detach: ${again.status} ${again.stderr}`);
  const daemon = fs.readFileSync(path.join(dir, ".junction", "logs", "junction.log"), "utf8");
  check(/users: revision 1 still running \(pid \d+, port \d+\): adopted/.test(daemon) && /interrupted by the last stop/.test(daemon),
    `after SIGKILL: ${daemon}`);
  const afterKill = await cliJson(dir, "history");
  check(afterKill[0].outcome === "failed" && /^interrupted/.test(afterKill[0].reason), `interrupted deploy: ${JSON.stringify(afterKill[0])}`);
  check(processesIn(path.join(dir, ".junction", "revisions", "habits", "11")).length === 0, "the interrupted revision still runs");
  const newUrl = (await cliJson(dir, "status")).gateway;
  check(isDeepStrictEqual(await query(newUrl, '{ user(id: "1") { name habits } }'), { data: { user: { name: "Hello Ada", habits: ["walk", "read"] } } }),
    "the stack does not serve after the restart");
  const twice = spawnSync(junction, ["up", "--detach", dir], { encoding: "utf8", timeout: 20000 });
  check(twice.status === 0 && /already running/.test(twice.stderr), `up twice: ${twice.stderr}`);
  const down = await cli("down", "--stack", dir);
  check(down.code === 0 && /stack stopped/.test(down.out), `down: ${down.out}`);
  await sleep(200);
  check(processesIn(dir).length === 0, `processes left running after down: ${processesIn(dir)}`);
}
// 12b. A gateway port already in use stops `up` before anything starts, naming the key.
const taken = await new Promise((resolve) => {
  const server = http.createServer().listen(0, "127.0.0.1", () => resolve(server));
});
const busy = stackCopy();
const takenPort = taken.address().port;
const blocked = run(busy, { API_TOKEN: "x", DEMO_GATEWAY_PORT: String(takenPort) });
const blockedCode = await Promise.race([blocked.exited, sleep(20000).then(() => "timeout")]);
check(blockedCode === 1 && new RegExp(`error: gateway.listen in .*junction.yaml: 127.0.0.1:${takenPort} is not available`).test(blocked.stderrText) &&
  /another process uses the port\); choose another port/.test(blocked.stderrText) && !fs.existsSync(path.join(busy, ".junction", "logs", "users")),
  `port in use: ${blockedCode} ${blocked.stderrText}`);
//      So does the gateway config's supergraph.listen when junction.yaml has no gateway.listen.
const viaConfig = stackCopy();
const viaConfigYaml = path.join(viaConfig, "junction.yaml");
fs.writeFileSync(path.join(viaConfig, "gateway.yaml"), `supergraph:\n  listen: 127.0.0.1:${takenPort}\n`);
fs.writeFileSync(viaConfigYaml, fs.readFileSync(viaConfigYaml, "utf8").replace(/  listen: .*\n/, "  config: gateway.yaml\n"));
const viaConfigRun = run(viaConfig, { API_TOKEN: "x" });
const viaConfigCode = await Promise.race([viaConfigRun.exited, sleep(20000).then(() => "timeout")]);
taken.close();
check(viaConfigCode === 1 && new RegExp(`error: supergraph.listen in .*gateway.yaml: 127.0.0.1:${takenPort} is not available`).test(viaConfigRun.stderrText),
  `gateway.yaml's port in use: ${viaConfigCode} ${viaConfigRun.stderrText}`);
// 12c. So does a service's fixed port in use (another server there would answer its health
//      check in its place).
const alsoTaken = await new Promise((resolve) => {
  const server = http.createServer((request, response) => response.end("{}")).listen(0, "127.0.0.1", () => resolve(server));
});
const fixed = stackCopy();
const fixedPort = alsoTaken.address().port;
const fixedYaml = path.join(fixed, "junction.yaml");
fs.writeFileSync(fixedYaml, fs.readFileSync(fixedYaml, "utf8").replace("    dir: habits\n", `    dir: habits\n    port: ${fixedPort}\n`));
const fixedRun = run(fixed, { API_TOKEN: "x" });
const fixedCode = await Promise.race([fixedRun.exited, sleep(30000).then(() => "timeout")]);
alsoTaken.close();
check(fixedCode === 1 && new RegExp(`error: habits: 127.0.0.1:${fixedPort} is not available: .*another process uses the port\\); ` +
  "stop that process or give the service another port").test(fixedRun.stderrText), `fixed port in use: ${fixedCode} ${fixedRun.stderrText}`);

// 13. SIGTERM stops everything.
progress("13");
const second = stackCopy();
const up2 = run(second, { API_TOKEN: "x" });
check(await waitFor(up2, /GraphQL: http/, 60000), `second stack: ${up2.stderrText}`);
up2.kill("SIGTERM");
const code = await Promise.race([up2.exited, sleep(15000).then(() => "timeout")]);
check(code === 0, `junction up exited with ${code} after SIGTERM`);
await sleep(200);
check(processesIn(second).length === 0, `processes left running in ${second}: ${processesIn(second)}`);

// 14. A missing secret and a service that dies at start stop `up` with the reason.
progress("14");
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

finish("junction up runs, serves, restarts, stops, and reports a failing service");
