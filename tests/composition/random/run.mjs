#!/usr/bin/env node
// Random differential test of Junction's composition against @apollo/composition 2.14.4.
//
//   node run.mjs --tool PATH [--seeds N] [--start S] [--keep DIR] [--batch B] [--jobs J] [--stats]
//
// For each seed S..S+N-1, generate.mjs produces a set of subgraphs; they are written with a
// rover supergraph-config.yaml into <root>/seed-<S>/ and composed by both
//   the reference:  node ../../peers/federation.mjs compose CONFIG...
//   the tool:       PATH compose CONFIG...          (or `node SCRIPT compose CONFIG...` for node:SCRIPT)
// in batches of B configs per process (default 50), J batches at a time. Each side prints one
// JSON line per config: {"file", "supergraph", "errors": [{code, message}], "hints": [{code, message}]}.
// The comparison covers the verdict, error codes, error messages, hint codes, hint messages and
// the supergraph text byte for byte; the first difference of each differing seed is printed with
// the path of its case folder, which is kept. <root> is a fresh temporary folder whose identical
// cases are deleted at the end, or DIR with --keep (then everything is kept).
// Exit status: 0 when every seed is identical, 1 otherwise, 2 on bad usage.
//
// --stats adds counts of the error codes, hint codes and injected mistakes seen on the reference side.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateCase } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const REFERENCE = path.resolve(here, '../../peers/federation.mjs');

function usage(message) {
  if (message) console.error(`run.mjs: ${message}`);
  console.error('usage: node run.mjs --tool PATH|node:SCRIPT [--seeds N] [--start S] [--keep DIR] [--batch B] [--jobs J] [--stats]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { tool: null, seeds: 100, start: 1, keep: null, batch: 50,
    jobs: Math.max(1, Math.floor(os.cpus().length / 2)), stats: false, timeout: 600 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    const int = (min) => {
      const raw = value();
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min) usage(`${arg} must be an integer >= ${min} (got "${raw}")`);
      return n;
    };
    switch (arg) {
      case '--tool': opts.tool = value(); break;
      case '--seeds': opts.seeds = int(1); break;
      case '--start': opts.start = int(0); break;
      case '--keep': opts.keep = value(); break;
      case '--batch': opts.batch = int(1); break;
      case '--jobs': opts.jobs = int(1); break;
      case '--timeout': opts.timeout = int(1); break;
      case '--stats': opts.stats = true; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument "${arg}"`);
    }
  }
  if (!opts.tool) usage('--tool is required');
  return opts;
}

// `node:SCRIPT` runs a node script; anything else is an executable.
function command(tool) {
  if (tool.startsWith('node:')) {
    const script = path.resolve(tool.slice('node:'.length));
    if (!fs.existsSync(script)) usage(`no such script: ${script}`);
    return [process.execPath, [script]];
  }
  const exe = tool.includes('/') ? path.resolve(tool) : tool;
  if (tool.includes('/') && !fs.existsSync(exe)) usage(`no such tool: ${exe}`);
  return [exe, []];
}

function yamlKey(name) {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : JSON.stringify(name);
}

function writeCase(root, seed) {
  const { subgraphs, meta } = generateCase(seed);
  const dir = path.join(root, `seed-${seed}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let yaml = 'federation_version: =2.14.4\nsubgraphs:\n';
  for (const [name, sdl] of Object.entries(subgraphs)) {
    const file = `${name}.graphql`;
    fs.writeFileSync(path.join(dir, file), sdl);
    yaml += `  ${yamlKey(name)}:\n    routing_url: http://${name}.example/graphql\n    schema:\n      file: ./${file}\n`;
  }
  const config = path.join(dir, 'supergraph-config.yaml');
  fs.writeFileSync(config, yaml);
  fs.writeFileSync(path.join(dir, 'generator.json'), `${JSON.stringify(meta)}\n`);
  return { seed, dir, config, meta };
}

// Runs `exe args... compose CONFIG...`; resolves to {lines: Map(file -> object), status, stderr}.
function runBatch([exe, pre], configs, timeoutSeconds) {
  return new Promise((resolve) => {
    const child = spawn(exe, [...pre, 'compose', ...configs], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutSeconds * 1000);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (error) => { clearTimeout(timer); resolve({ lines: new Map(), status: `failed to start: ${error.message}`, stderr: '' }); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = new Map();
      const ordered = [];
      const bad = [];
      for (const line of Buffer.concat(out).toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const obj = JSON.parse(line);
          ordered.push(obj);
          lines.set(obj.file, obj);
        } catch {
          bad.push(line);
        }
      }
      // Lines whose "file" is not the argument as given are matched by position when every
      // config got exactly one line; the wrong "file" is then reported as a difference.
      if (ordered.length === configs.length && !bad.length) {
        configs.forEach((c, i) => {
          if (!lines.has(c) && !configs.includes(ordered[i].file)) lines.set(c, { ...ordered[i], wrongFile: ordered[i].file });
        });
      }
      const status = timedOut ? `timed out after ${timeoutSeconds}s` : signal ? `killed by ${signal}` : code ? `exit status ${code}` : null;
      const stderr = Buffer.concat(err).toString('utf8') + (bad.length ? `\nunparsable stdout line: ${bad[0].slice(0, 300)}` : '');
      resolve({ lines, status, stderr });
    });
  });
}

// The tool's answers for `configs`; when a batch loses lines (crash, timeout), the missing
// configs are retried one by one so that a single bad case does not hide the others.
async function runSide(cmd, configs, timeout) {
  const batch = await runBatch(cmd, configs, timeout);
  const result = new Map();
  const missing = [];
  for (const c of configs) {
    if (batch.lines.has(c)) result.set(c, batch.lines.get(c));
    else missing.push(c);
  }
  if (missing.length && configs.length > 1) {
    for (const c of missing) {
      const single = await runBatch(cmd, [c], timeout);
      result.set(c, single.lines.get(c) ?? { file: c, noOutput: single.status ?? 'no output line', stderr: single.stderr.slice(0, 2000) });
    }
  } else if (missing.length) {
    result.set(configs[0], { file: configs[0], noOutput: batch.status ?? 'no output line', stderr: batch.stderr.slice(0, 2000) });
  }
  return result;
}

const clip = (s, n = 400) => (s.length > n ? `${s.slice(0, n)}…` : s);

function listDiff(what, ref, tool) {
  const n = Math.max(ref.length, tool.length);
  for (let i = 0; i < n; i++) {
    if (ref[i] === tool[i]) continue;
    return `${what}[${i}] differs:\n    - ${ref[i] === undefined ? '(none)' : clip(ref[i])}\n    + ${tool[i] === undefined ? '(none)' : clip(tool[i])}`;
  }
  return null;
}

function textDiff(ref, tool) {
  const a = ref.split('\n');
  const b = tool.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  const out = [`supergraph differs at line ${i + 1}:`];
  for (let k = Math.max(0, i - 2); k < i; k++) out.push(`      ${a[k]}`);
  const removed = a.slice(i, a.length - j);
  const added = b.slice(i, b.length - j);
  for (const l of removed.slice(0, 8)) out.push(`    - ${clip(l, 200)}`);
  if (removed.length > 8) out.push(`    - … (${removed.length - 8} more lines)`);
  for (const l of added.slice(0, 8)) out.push(`    + ${clip(l, 200)}`);
  if (added.length > 8) out.push(`    + … (${added.length - 8} more lines)`);
  if (!removed.length && !added.length) out.push('    (only line endings / trailing newline differ)');
  return out.join('\n');
}

// First difference between the reference's and the tool's answers, or null when identical.
function compare(ref, tool) {
  if (ref.noOutput) return `the reference printed nothing for this config (${ref.noOutput})\n${clip(ref.stderr ?? '', 1000)}`;
  if (ref.crash) return `the reference crashed (JS exception); cannot compare:\n${clip(ref.crash, 800)}`;
  if (tool.noOutput) return `the tool printed no line for this config (${tool.noOutput})${tool.stderr ? `\n    stderr: ${clip(tool.stderr, 1000)}` : ''}`;
  if (tool.crash) return `the tool reported a crash: ${clip(String(tool.crash), 800)}`;
  if (tool.wrongFile !== undefined) return `the tool's line has "file": ${JSON.stringify(tool.wrongFile)} instead of ${JSON.stringify(ref.file)}`;
  const errs = (x) => (Array.isArray(x.errors) ? x.errors : []);
  const hints = (x) => (Array.isArray(x.hints) ? x.hints : []);
  const refOk = typeof ref.supergraph === 'string';
  const toolOk = typeof tool.supergraph === 'string';
  if (refOk !== toolOk) {
    const first = (x) => (errs(x)[0] ? `${errs(x)[0].code}: ${clip(errs(x)[0].message, 300)}` : 'no errors');
    return `verdict differs: reference ${refOk ? 'composed' : 'failed'}, tool ${toolOk ? 'composed' : 'failed'}\n`
      + `    reference: ${refOk ? `${hints(ref).length} hints` : first(ref)}\n    tool:      ${toolOk ? `${hints(tool).length} hints` : first(tool)}`;
  }
  return listDiff('error code', errs(ref).map((e) => e.code), errs(tool).map((e) => e.code))
    ?? listDiff('error message', errs(ref).map((e) => e.message), errs(tool).map((e) => e.message))
    ?? listDiff('hint code', hints(ref).map((h) => h.code), hints(tool).map((h) => h.code))
    ?? listDiff('hint message', hints(ref).map((h) => h.message), hints(tool).map((h) => h.message))
    ?? (refOk && ref.supergraph !== tool.supergraph ? textDiff(ref.supergraph, tool.supergraph) : null);
}

function bump(map, key) { map.set(key, (map.get(key) ?? 0) + 1); }

function printTable(title, map) {
  console.log(`${title}:`);
  for (const [k, v] of [...map.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))) console.log(`  ${String(v).padStart(5)}  ${k}`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const toolCmd = command(opts.tool);
  const refCmd = [process.execPath, [REFERENCE]];
  const started = Date.now();
  const root = opts.keep ? path.resolve(opts.keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'junction-compose-random-'));
  fs.mkdirSync(root, { recursive: true });

  const seeds = Array.from({ length: opts.seeds }, (_, i) => opts.start + i);
  const batches = [];
  for (let i = 0; i < seeds.length; i += opts.batch) batches.push(seeds.slice(i, i + opts.batch));

  const counts = { identical: 0, different: 0, valid: 0, invalid: 0 };
  const stats = { errors: new Map(), hints: new Map(), mistakes: new Map(), unexpected: [] };
  const identicalDirs = [];

  const processBatch = async (batch) => {
    const cases = batch.map((seed) => writeCase(root, seed));
    const configs = cases.map((c) => c.config);
    const [refOut, toolOut] = await Promise.all([runSide(refCmd, configs, opts.timeout), runSide(toolCmd, configs, opts.timeout)]);
    for (const c of cases) {
      const ref = refOut.get(c.config);
      const tool = toolOut.get(c.config);
      const composed = typeof ref.supergraph === 'string';
      if (composed) counts.valid++;
      else counts.invalid++;
      if (opts.stats) {
        for (const code of new Set((ref.errors ?? []).map((e) => e.code))) bump(stats.errors, code);
        for (const code of new Set((ref.hints ?? []).map((h) => h.code))) bump(stats.hints, code);
        bump(stats.mistakes, `${c.meta.mistake ?? '(none: meant to compose)'} -> ${composed ? 'composed' : (ref.errors ?? []).map((e) => e.code).filter((x, i, a) => a.indexOf(x) === i).join(',') || 'crash'}`);
        if (!c.meta.mistake && !composed) stats.unexpected.push(c.seed);
      }
      const diff = compare(ref, tool);
      if (diff === null) {
        counts.identical++;
        identicalDirs.push(c.dir);
      } else {
        counts.different++;
        console.log(`seed ${c.seed}: DIFFERENT (${c.dir})\n  ${diff.replace(/\n/g, '\n  ')}`);
      }
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < batches.length) await processBatch(batches[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, batches.length) }, worker));

  if (!opts.keep) {
    for (const dir of identicalDirs) fs.rmSync(dir, { recursive: true, force: true });
    if (!counts.different) fs.rmSync(root, { recursive: true, force: true });
  }
  if (opts.stats) {
    printTable('reference error codes (seeds reaching each)', stats.errors);
    printTable('reference hint codes (seeds reaching each)', stats.hints);
    printTable('injected mistake -> reference outcome', stats.mistakes);
    if (stats.unexpected.length) console.log(`seeds meant to compose that did not: ${stats.unexpected.join(' ')}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${opts.seeds} seeds, ${counts.identical} identical, ${counts.different} different; `
    + `${counts.valid} valid, ${counts.invalid} invalid (${seconds}s${counts.different && !opts.keep ? `; differing cases kept in ${root}` : ''})`);
  process.exit(counts.different ? 1 : 0);
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exit(2);
});
