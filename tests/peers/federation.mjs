// The Apollo side of Junction's federation differential tests (see reference.mjs for the
// graphql-js side). One JSON object per input on stdout.
//
//   node federation.mjs reprint FILE...    Apollo's printSchema(buildSchema(sdl)) of each file
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.join(path.dirname(new URL(import.meta.url).pathname), 'package.json'));
const internals = require('@apollo/federation-internals');

const [mode, ...files] = process.argv.slice(2);
const lines = [];
for (const file of files) {
  const sdl = fs.readFileSync(file, 'utf8');
  if (mode === 'reprint') {
    try {
      const schema = internals.buildSchema(sdl, { validate: false });
      lines.push({ file, printed: internals.printSchema(schema) });
    } catch (error) {
      lines.push({ file, error: String(error.message ?? error) });
    }
  } else {
    console.error('usage: federation.mjs reprint FILE...');
    process.exit(2);
  }
}
process.stdout.write(lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : ''));
