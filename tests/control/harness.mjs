// What the control-plane tests share: copies of the fixture stack, `junction up` as a child,
// CLI calls, GraphQL queries, the processes running in a folder, and checks collected for the
// final verdict. Everything started here is killed when the test exits.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
export const junction = path.resolve(args.includes("--junction") ? args[args.indexOf("--junction") + 1] : "build/dev/bin/junction");
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const problems = [];
export const check = (ok, message) => {
  if (!ok) problems.push(message);
};
const began = Date.now();
export const progress = (label) => process.env.VERBOSE && console.error(`${((Date.now() - began) / 1000).toFixed(1)} s: ${label}`);

// Fails the test when it runs longer than `seconds`.
export function deadline(seconds) {
  setTimeout(() => {
    console.log(`FAIL: did not finish within ${seconds} s\n${problems.join("\n")}`);
    process.exit(1);
  }, seconds * 1000).unref();
}

// Prints the verdict, removes the copies when everything passed, and exits.
export function finish(success) {
  if (!problems.length) for (const copy of copies) fs.rmSync(copy, { recursive: true, force: true });
  for (const problem of problems) console.log(`FAIL: ${problem}`);
  if (!problems.length) console.log(`ok: ${success}`);
  process.exit(problems.length ? 1 : 0);
}

// A copy of the fixture, so that .junction/ is created in a temporary folder.
const copies = [];
export function stackCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "junction-up-"));
  copies.push(dir);
  fs.cpSync(path.join(here, "fixtures", "stack"), dir, { recursive: true });
  const serve = path.join(dir, "serve.mjs");
  fs.writeFileSync(serve, fs.readFileSync(serve, "utf8").replace("../../../peers/package.json",
    path.join(here, "..", "peers", "package.json")));
  return dir;
}

// Short health timeout and restart backoff, so that failures show quickly.
export const knobs = { JUNCTION_HEALTH_TIMEOUT: "3", JUNCTION_RESTART_BACKOFF: "0.1", JUNCTION_HEALTH_INTERVAL: "0.3",
  JUNCTION_LOG_MAX_BYTES: "2000" };

// The environment of a child: ours, the knobs, then `env` (where undefined removes a name).
export function environment(env = {}) {
  const result = { ...process.env, ...knobs, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete result[name];
  return result;
}

const children = [];
// On the way out nothing is left running: the children, a detached control plane, services.
process.on("exit", () => {
  children.forEach((child) => child.exitCode === null && child.kill("SIGKILL"));
  for (const copy of copies) {
    try {
      process.kill(JSON.parse(fs.readFileSync(path.join(copy, ".junction", "control.json"), "utf8")).pid, "SIGKILL");
    } catch {}
    for (const pid of processesIn(copy)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    }
  }
});

// `junction up DIR` in the foreground; its standard error collects in `stderrText`.
export function run(dir, env = {}) {
  const child = spawn(junction, ["up", dir], { stdio: ["ignore", "ignore", "pipe"], env: environment(env) });
  children.push(child);
  child.stderrText = "";
  child.stderr.on("data", (chunk) => (child.stderrText += chunk));
  child.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  return child;
}

// Waits until a child's standard error matches `regex` (the match), it exits or `ms` pass (null).
export async function waitFor(child, regex, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const match = child.stderrText.match(regex);
    if (match) return match;
    if (child.exitCode !== null) return null;
    await sleep(50);
  }
  return null;
}

// A junction command: its exit code and its output (stdout and stderr together).
export const cli = (...argv) => new Promise((resolve) => {
  const child = spawn(junction, argv, { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (out += chunk));
  child.on("exit", (exitCode) => resolve({ code: exitCode, out }));
});

// `junction ARGV --stack STACK --format json`, parsed. An answer that is not JSON ends the test
// with every problem found so far (the cause is often among them) and the control plane's log.
export async function cliJson(stack, ...argv) {
  const { code, out } = await cli(...argv, "--stack", stack, "--format", "json");
  try {
    return JSON.parse(out);
  } catch {
    let log = "";
    try {
      log = fs.readFileSync(path.join(stack, ".junction", "logs", "junction.log"), "utf8").slice(-3000);
    } catch {}
    problems.push(`junction ${argv.join(" ")} --stack ${stack} (exit ${code}) did not answer JSON: ${out}\nend of junction.log:\n${log}`);
    finish("");
  }
}

export async function query(url, text) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: text }) });
  return response.json();
}

// Processes whose working directory is inside `dir` (the services).
export function processesIn(dir) {
  const found = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`)) found.push(Number(entry));
    } catch {}
  }
  return found;
}
