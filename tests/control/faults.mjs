// Faults the control plane must survive without losing committed history:
// - a full disk, modelled by a file-size limit on the running control plane (`prlimit`; a
//   file that cannot grow fails with EFBIG as it would with ENOSPC): a deploy that cannot be
//   recorded is refused with a message naming state.db, one whose copy cannot be written fails
//   at its copy step; the stack keeps serving and deploys once there is room again;
// - SIGKILL at every step of a deploy (JUNCTION_CRASH_AT makes the control plane kill itself on
//   entering the step): the next `up --detach` adopts the services, shows the deploy as failed
//   and interrupted at that step, migrates the new revision down when it had migrated up, and
//   serves the previous revision and schema;
// - SIGKILL at the steps of a rollback: the revision recorded as serving stays, migrated up;
// - SIGKILL while `up` first starts the services: the next `up` starts them afresh.
// Bounded in time.
//   node tests/control/faults.mjs --junction build/dev/bin/junction
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { check, cli, cliJson, deadline, environment, finish, junction, processesIn, progress, query, sleep, stackCopy } from "./harness.mjs";

deadline(240);

const dir = stackCopy();
const state = path.join(dir, ".junction");
const controlPid = () => JSON.parse(fs.readFileSync(path.join(state, "control.json"), "utf8")).pid;
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
// No service here is meant to be unhealthy: a long health timeout keeps a loaded machine from
// failing a start (the shared knobs shorten it for the tests of health failures).
const upDetached = (env = {}, stack = dir) => spawnSync(junction, ["up", "--detach", stack],
  { env: environment({ API_TOKEN: "s3cret", JUNCTION_HEALTH_TIMEOUT: "30", ...env }), encoding: "utf8", timeout: 90000 });
const json = (...argv) => cliJson(dir, ...argv);
const servingRevision = async () => (await json("status")).services.find((service) => service.name === "users").revision;
const limitFileSize = (pid, bytes) => spawnSync("prlimit", ["--pid", String(pid), `--fsize=${bytes}:`], { encoding: "utf8" });
const hello = { data: { user: { name: "Hello Ada" } } };

// users with one more field: a schema change, so a deploy composes, checks and publishes.
const usersServer = path.join(dir, "users", "server.mjs");
const usersOriginal = fs.readFileSync(usersServer, "utf8");
const withNickname = usersOriginal.replace("token: String }", "token: String nickname: String }")
  .replace("token: () =>", 'nickname: () => "ada", token: () =>');
fs.writeFileSync(usersServer, withNickname);

progress("up");
const started = upDetached();
check(started.status === 0, `up --detach: ${started.status} ${started.stderr}`);
const url = (await json("status")).gateway;
check(isDeepStrictEqual(await query(url, '{ user(id: "1") { name } }'), hello), "the stack does not serve");

// 1. A full disk: nothing can grow. The deploy cannot be recorded and is refused, naming the file.
progress("full disk");
const before = await json("history");
const limited = limitFileSize(controlPid(), 0);
check(limited.status === 0, `prlimit: ${limited.stderr}`);
const refused = await cli("deploy", "users", "--stack", dir);
check(refused.code === 1 && /state\.db: cannot record the deploy: (database or disk is full|disk I\/O error) \(\d+ MB free on the disk of .*\.junction\)/.test(refused.out), `deploy on a full disk: ${refused.out}`);
await sleep(500);  // log rotation and health checks meanwhile fail without harm
check(alive(controlPid()), "the control plane died on a full disk");
check(isDeepStrictEqual(await query(url, '{ user(id: "1") { name } }'), hello), "the stack stopped serving on a full disk");

// 2. Room for the database but not for a 16 MB file of the service: the copy step fails.
progress("no room for the copy");
limitFileSize(controlPid(), 8 * 1024 * 1024);
const big = path.join(dir, "users", "big.bin");
fs.writeFileSync(big, Buffer.alloc(16 * 1024 * 1024, 7));
const noCopy = await cli("deploy", "users", "--stack", dir);
check(noCopy.code === 1 && /users: cannot copy .*big\.bin\); \d+ MB free on the disk of .*\.junction/.test(noCopy.out) && /failed at copy/.test(noCopy.out),
  `deploy without room for the copy: ${noCopy.out}`);
check(!fs.readdirSync(path.join(state, "revisions", "users")).some((name) => name.endsWith(".partial")), "a partial copy was left");
check(isDeepStrictEqual(await query(url, '{ user(id: "1") { name } }'), hello), "the stack stopped serving after a failed copy");

// 3. With room again, nothing committed was lost and a deploy succeeds.
progress("room again");
fs.rmSync(big);
limitFileSize(controlPid(), "unlimited");
const after = await json("history");
check(after.length === before.length + 1 && isDeepStrictEqual(after.slice(1), before) && after[0].outcome === "failed" &&
  after[0].step === "copy", `history after the full disk: ${JSON.stringify(after.slice(0, 2))}`);
const roomy = await cli("deploy", "users", "--stack", dir);
check(roomy.code === 0, `deploy with room again: ${roomy.out}`);
check(isDeepStrictEqual(await query(url, '{ user(id: "1") { nickname } }'), { data: { user: { nickname: "ada" } } }),
  "the deploy with room again is not served");
// Back to the schema without nickname, so that every deploy below changes it again.
fs.writeFileSync(usersServer, usersOriginal);
check((await cli("deploy", "users", "--allow-breaking", "--stack", dir)).code === 0, "deploy back to the original users");
fs.writeFileSync(usersServer, withNickname);

// 4. SIGKILL at every step of a deploy, then `up --detach` again.
const steps = ["build", "copy", "migrate up", "health", "compose", "check", "publish", "smoke", "drain"];
check((await cli("down", "--stack", dir)).code === 0, "down");
let armed = upDetached({ JUNCTION_CRASH_AT: steps[0] });
for (let i = 0; i < steps.length; ++i) {
  const step = steps[i];
  progress(`SIGKILL at ${step}`);
  check(armed.status === 0, `up --detach before the kill at ${step}: ${armed.stderr}`);
  const serving = await servingRevision();
  const pid = controlPid();
  const logBefore = fs.statSync(path.join(state, "logs", "junction.log")).size;
  const killed = await cli("deploy", "users", "--stack", dir);
  for (let wait = 0; wait < 50 && alive(pid); ++wait) await sleep(100);
  check(killed.code !== 0 && !alive(pid), `the deploy at ${step} did not kill the control plane: ${killed.out}`);
  armed = upDetached(i + 1 < steps.length ? { JUNCTION_CRASH_AT: steps[i + 1] } : {});
  check(armed.status === 0, `up --detach after the kill at ${step}: ${armed.stderr}`);
  const log = fs.readFileSync(path.join(state, "logs", "junction.log"), "utf8").slice(logBefore);
  const [last] = await json("history");
  check(last.kind === "deploy" && last.outcome === "failed" && /^interrupted/.test(last.reason) && last.step === step &&
    /was interrupted by the last stop; rolling it back/.test(log), `after the kill at ${step}: ${JSON.stringify(last)}\n${log}`);
  check(await servingRevision() === serving, `after the kill at ${step}: users serves revision ${await servingRevision()}, not ${serving}`);
  const now = (await json("status")).gateway;
  check(isDeepStrictEqual(await query(now, '{ user(id: "1") { name } }'), hello), `after the kill at ${step}: the stack does not serve`);
  const old = await query(now, '{ user(id: "1") { nickname } }');
  check(old.errors && /nickname/.test(old.errors[0].message), `after the kill at ${step}: the new schema serves: ${JSON.stringify(old)}`);
  const revisions = path.join(state, "revisions", "users");
  const newest = Math.max(...fs.readdirSync(revisions).map(Number).filter(Number.isInteger));
  if (newest > serving) check(processesIn(path.join(revisions, String(newest))).length === 0, `after the kill at ${step}: the new revision runs`);
  const [migration] = await json("history", "--migrations");
  const migratedUp = steps.indexOf(step) > steps.indexOf("migrate up");
  check(!migratedUp || (migration.direction === "down" && migration.revision > serving),
    `after the kill at ${step}: the new revision was not migrated down: ${JSON.stringify(migration)}`);
}

// 5. The stack still deploys, and stops cleanly.
progress("deploy after the kills");
const finalDeploy = await cli("deploy", "users", "--stack", dir);
check(finalDeploy.code === 0, `deploy after the kills: ${finalDeploy.out}`);
const finalUrl = (await json("status")).gateway;
const nickname = await query(finalUrl, '{ user(id: "1") { nickname } }');
check(isDeepStrictEqual(nickname, { data: { user: { nickname: "ada" } } }), `the deploy after the kills is not served: ${JSON.stringify(nickname)}`);

// 6. SIGKILL at the steps of a rollback: the revision state.db shows serving stays (the old one
//    before the swap, the target after it), with its migrations applied again.
const rollbackSteps = ["migrate down", "migrate up", "health", "publish", "smoke", "drain"];
check((await cli("down", "--stack", dir)).code === 0, "down");
armed = upDetached({ JUNCTION_CRASH_AT: rollbackSteps[0] });
for (let i = 0; i < rollbackSteps.length; ++i) {
  const step = rollbackSteps[i];
  progress(`SIGKILL at rollback ${step}`);
  check(armed.status === 0, `up --detach before the kill at rollback ${step}: ${armed.stderr}`);
  const serving = await servingRevision();
  const pid = controlPid();
  const killed = await cli("rollback", "users", "--stack", dir);
  for (let wait = 0; wait < 50 && alive(pid); ++wait) await sleep(100);
  check(killed.code !== 0 && !alive(pid), `the rollback at ${step} did not kill the control plane: ${killed.out}`);
  armed = upDetached(i + 1 < rollbackSteps.length ? { JUNCTION_CRASH_AT: rollbackSteps[i + 1] } : {});
  check(armed.status === 0, `up --detach after the kill at rollback ${step}: ${armed.stderr}`);
  const [last] = await json("history");
  check(last.kind === "rollback" && last.outcome === "failed" && /^interrupted/.test(last.reason) && last.step === step,
    `after the kill at rollback ${step}: ${JSON.stringify(last)}`);
  const swapped = rollbackSteps.indexOf(step) >= rollbackSteps.indexOf("smoke");
  const now = await servingRevision();
  check(swapped ? now !== serving : now === serving, `after the kill at rollback ${step}: users serves revision ${now} (was ${serving})`);
  check(fs.existsSync(path.join(state, "data", "users", "migrated")), `after the kill at rollback ${step}: users' migrations are not applied`);
  const url = (await json("status")).gateway;
  check(isDeepStrictEqual(await query(url, '{ user(id: "1") { name } }'), hello), `after the kill at rollback ${step}: the stack does not serve`);
  const revisions = path.join(state, "revisions", "users");
  for (const other of fs.readdirSync(revisions).filter((name) => name !== String(now))) {
    check(processesIn(path.join(revisions, other)).length === 0, `after the kill at rollback ${step}: revision ${other} still runs`);
  }
}
const rolled = await cli("rollback", "users", "--stack", dir);
check(rolled.code === 0, `rollback after the kills: ${rolled.out}`);
check((await cli("down", "--stack", dir)).code === 0, "down");
await sleep(200);
check(processesIn(dir).length === 0, `processes left running after down: ${processesIn(dir)}`);

// 7. SIGKILL while `up` starts the services for the first time: the next `up` rolls the first
//    start back (its processes stopped, marked failed) and starts them afresh.
for (const step of ["migrate up", "health", "publish"]) {
  progress(`SIGKILL at up's ${step}`);
  const fresh = stackCopy();
  const killed = upDetached({ JUNCTION_CRASH_AT: step }, fresh);
  check(killed.status !== 0, `up with a kill at ${step} succeeded: ${killed.stderr}`);
  const again = upDetached({}, fresh);
  check(again.status === 0, `up after a kill at ${step}: ${again.stderr}`);
  const history = await cliJson(fresh, "history");
  const summary = history.map((entry) => `${entry.kind} ${entry.outcome} ${entry.step}`);
  check(summary.length === 2 && summary[0] === "up succeeded " && summary[1] === `up failed ${step}` && /^interrupted/.test(history[1].reason),
    `history after a kill at up's ${step}: ${JSON.stringify(summary)}`);
  const status = await cliJson(fresh, "status");
  check(isDeepStrictEqual(await query(status.gateway, '{ user(id: "1") { name } }'), hello), `after a kill at up's ${step}: the stack does not serve`);
  const revisions = path.join(fresh, ".junction", "revisions");
  for (const service of status.services) {
    for (const other of fs.readdirSync(path.join(revisions, service.name)).filter((name) => name !== String(service.revision))) {
      check(processesIn(path.join(revisions, service.name, other)).length === 0, `after a kill at up's ${step}: ${service.name} revision ${other} runs`);
    }
  }
  check((await cli("down", "--stack", fresh)).code === 0, `down after a kill at up's ${step}`);
}
finish("a full disk and SIGKILL at every deploy, rollback and first-start step leave the stack serving and its history whole");
