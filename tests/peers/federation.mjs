// The Apollo side of Junction's federation differential tests (see reference.mjs for the
// graphql-js side). One JSON object per input on stdout.
//
//   node federation.mjs reprint FILE...    Apollo's printSchema(buildSchema(sdl)) of each file
//   node federation.mjs extract FILE...    the subgraphs of a supergraph (SDL file, or an expected.json
//       holding {"supergraph": SDL}): {"file", "subgraphs": [{name, url, sdl}]} with Apollo's
//       Subgraph.toString(), or {"file", "error"} (composition corpus cases without a supergraph
//       give {"file", "skipped": true}).
//   node federation.mjs api FILE...        the API schema of a supergraph (SDL or expected.json), as
//       Apollo prints it: {"file", "api"} or {"file", "error"}.
//   node federation.mjs compose CONFIG...  composeServices over a rover supergraph config:
//       {"file", "supergraph": SDL or null, "errors": [{code, message}], "hints": [{code, message}]}
//       (a subgraph that does not parse gives INVALID_GRAPHQL "[name] Syntax Error: ...").
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.join(path.dirname(new URL(import.meta.url).pathname), 'package.json'));
const internals = require('@apollo/federation-internals');
const { composeServices } = require('@apollo/composition');
const { parse } = require('graphql');
const YAML = require('yaml');

// Reads a rover supergraph config: subgraphs sorted by name, schemas from `file` (relative to
// the config) or `sdl`. `${env.NAME}` / `${env.NAME:-default}` are expanded first.
export function loadConfig(configPath) {
  const text = fs.readFileSync(configPath, 'utf8').replace(/\$\{env\.([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    (_, name, fallback) => process.env[name] ?? fallback ?? '');
  const config = YAML.parse(text);
  const dir = path.dirname(configPath);
  return Object.keys(config.subgraphs).sort().map((name) => {
    const entry = config.subgraphs[name];
    const sdl = entry.schema.sdl ?? fs.readFileSync(path.resolve(dir, entry.schema.file), 'utf8');
    return { name, url: entry.routing_url, sdl };
  });
}

export function compose(configPath) {
  const subgraphs = loadConfig(configPath);
  const services = [];
  const errors = [];
  for (const { name, url, sdl } of subgraphs) {
    try {
      services.push({ name, url, typeDefs: parse(sdl) });
    } catch (error) {
      errors.push({ code: 'INVALID_GRAPHQL', message: `[${name}] ${error.message}` });
    }
  }
  if (errors.length) return { supergraph: null, errors, hints: [] };
  const result = composeServices(services);
  const simplify = (list) => (list ?? []).map((e) => ({ code: e.extensions?.code ?? e.definition?.code ?? 'UNKNOWN', message: e.message }));
  return {
    supergraph: result.supergraphSdl ?? null,
    errors: simplify(result.errors),
    hints: (result.hints ?? []).map((h) => ({ code: h.definition.code, message: h.message })),
  };
}

const [mode, ...files] = process.argv.slice(2);
const lines = [];
for (const file of files) {
  if (mode === 'compose') {
    try {
      lines.push({ file, ...compose(file) });
    } catch (error) {
      lines.push({ file, crash: String(error.stack ?? error) });
    }
    continue;
  }
  let sdl = fs.readFileSync(file, 'utf8');
  if (mode === 'api') {
    if (file.endsWith('.json')) sdl = JSON.parse(sdl).supergraph;
    if (!sdl) {
      lines.push({ file, skipped: true });
      continue;
    }
    try {
      const supergraph = internals.Supergraph.build(sdl, { supportedFeatures: null });
      lines.push({ file, api: internals.printSchema(supergraph.apiSchema()) });
    } catch (error) {
      lines.push({ file, error: String(error.message ?? error) });
    }
  } else if (mode === 'extract') {
    if (file.endsWith('.json')) sdl = JSON.parse(sdl).supergraph;
    if (!sdl) {
      lines.push({ file, skipped: true });
      continue;
    }
    try {
      const supergraph = internals.Supergraph.build(sdl, { supportedFeatures: null });
      const subgraphs = supergraph.subgraphs().values().map((s) => ({ name: s.name, url: s.url, sdl: s.toString() }));
      lines.push({ file, subgraphs });
    } catch (error) {
      lines.push({ file, error: String(error.message ?? error) });
    }
  } else if (mode === 'reprint') {
    try {
      const schema = internals.buildSchema(sdl, { validate: false });
      lines.push({ file, printed: internals.printSchema(schema) });
    } catch (error) {
      lines.push({ file, error: String(error.message ?? error) });
    }
  } else {
    console.error('usage: federation.mjs reprint|compose|extract|api FILE...');
    process.exit(2);
  }
}
process.stdout.write(lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : ''));
