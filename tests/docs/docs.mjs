// Every command in the docs runs: each line of each ```sh block of docs/**/*.md and of the
// README's tour, in order, from a scratch copy of the repository root (examples/mindmirror is
// copied, everything else linked, so that .junction/ and edits stay out of the repository),
// with `junction` on PATH. A line must exit 0, or, when it ends with `# fails`, exit non-zero.
// The stack the docs start is stopped at the end. Bounded in time.
//   node tests/docs/docs.mjs --junction build/dev/bin/junction [FILE.md ...]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const args = process.argv.slice(2);
const junction = path.resolve(args.includes("--junction") ? args[args.indexOf("--junction") + 1] : "build/dev/bin/junction");
const only = args.filter((arg, index) => arg.endsWith(".md") && args[index - 1] !== "--junction");
setTimeout(() => {
  console.log("FAIL: the docs did not finish within 600 s");
  process.exit(1);
}, 600000).unref();

// The ```sh blocks of a Markdown file (of the README, only those under "## Five-minute tour").
function commands(file) {
  const text = fs.readFileSync(file, "utf8");
  const body = path.basename(file) === "README.md"
    ? (text.split(/^## Five-minute tour$/m)[1] ?? "").split(/^## /m)[0]
    : text;
  const out = [];
  const lines = body.split("\n");
  let inside = false;
  lines.forEach((line, index) => {
    if (/^```sh\s*$/.test(line)) inside = true;
    else if (/^```/.test(line)) inside = false;
    else if (inside && line.trim() && !line.trim().startsWith("#")) out.push({ line: line.trim(), where: `${path.relative(repo, file)}` });
  });
  return out;
}

function markdown(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? markdown(path.join(dir, entry.name)) : entry.name.endsWith(".md") ? [path.join(dir, entry.name)] : []);
}

// Each file on its own fresh copy of the example (so each can be followed alone), in the
// order a reader meets them.
const order = ["getting-started.md", "runbooks/schema-change.md", "runbooks/migration.md", "runbooks/rollback.md",
  "runbooks/monitoring.md"];
const all = markdown(path.join(repo, "docs"));
const files = only.length ? only.map((file) => path.resolve(file)) : [
  ...order.map((name) => path.join(repo, "docs", name)).filter((file) => all.includes(file)),
  ...all.filter((file) => !order.some((name) => file.endsWith(name))).sort(),
  path.join(repo, "README.md"),
];

// A scratch root: links to the repository's entries, a copy of examples/mindmirror.
function scratch() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "junction-docs-"));
  for (const entry of fs.readdirSync(repo)) {
    if (entry !== "examples" && entry !== ".git") fs.symlinkSync(path.join(repo, entry), path.join(root, entry));
  }
  fs.mkdirSync(path.join(root, "examples"));
  for (const entry of fs.readdirSync(path.join(repo, "examples"))) {
    if (entry !== "mindmirror") fs.symlinkSync(path.join(repo, "examples", entry), path.join(root, "examples", entry));
  }
  const example = path.join(root, "examples", "mindmirror");
  fs.cpSync(path.join(repo, "examples", "mindmirror"), example, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|\.junction)$/.test(source),
  });
  fs.symlinkSync(path.join(repo, "examples", "mindmirror", "node_modules"), path.join(example, "node_modules"));
  return root;
}

const bin = fs.mkdtempSync(path.join(os.tmpdir(), "junction-docs-bin-"));
fs.symlinkSync(junction, path.join(bin, "junction"));
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
const roots = [];
process.on("exit", () => {
  for (const root of roots) spawnSync(junction, ["down", "--stack", path.join(root, "examples", "mindmirror")], { timeout: 60000 });
});

const problems = [];
let ran = 0;
for (const file of files) {
  const root = scratch();
  roots.push(root);
  for (const { line, where } of commands(file)) {
    const expectFailure = /#\s*fails\b/.test(line);
    const result = spawnSync("bash", ["-o", "pipefail", "-c", line], { cwd: root, env, encoding: "utf8", timeout: 180000 });
    ran++;
    const failed = result.status !== 0;
    if (failed !== expectFailure) {
      problems.push(`${where}: \`${line}\` ${expectFailure ? "should fail but exited 0" : `exited ${result.status ?? result.signal}`}\n${(result.stdout + result.stderr).slice(-1500)}`);
    }
    if (process.env.VERBOSE) console.error(`${where}: ${line} -> ${result.status}`);
  }
  spawnSync(junction, ["down", "--stack", path.join(root, "examples", "mindmirror")], { encoding: "utf8", timeout: 60000 });
  roots.pop();
  if (!problems.length) fs.rmSync(root, { recursive: true, force: true });
}
if (!problems.length) fs.rmSync(bin, { recursive: true, force: true });
for (const problem of problems) console.log(`FAIL: ${problem}`);
if (!problems.length) console.log(`ok: ${ran} commands from ${files.length} files ran as the docs say`);
process.exit(problems.length || !ran ? 1 : 0);
