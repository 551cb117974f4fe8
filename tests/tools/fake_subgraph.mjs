// A stand-in GraphQL service for CLI tests, on 127.0.0.1 and an ephemeral port (printed as
// the first line of stdout). Modes:
//   federation SDL_FILE   answers { _service { sdl } } with the file's text
//   plain SDL_FILE        a non-federated service: executes queries (introspection) with graphql-js
//   status500 | notjson | errors | slow   broken services
// It exits by itself after 60 seconds (tests stop it sooner).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(path.join(here, '..', 'peers', 'package.json'));
const { buildSchema, graphqlSync } = require('graphql');

const [mode, file] = process.argv.slice(2);
const sdl = file ? fs.readFileSync(file, 'utf8') : '';
const schema = mode === 'plain' ? buildSchema(sdl) : null;

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const send = (status, text, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(text);
    };
    if (mode === 'status500') return send(500, 'internal trouble');
    if (mode === 'notjson') return send(200, '<html>hello</html>', 'text/html');
    if (mode === 'errors') return send(200, JSON.stringify({ errors: [{ message: 'not allowed' }] }));
    if (mode === 'slow') return setTimeout(() => send(200, '{}'), 5000);
    const { query } = JSON.parse(body || '{}');
    if (mode === 'federation') {
      const auth = req.headers['authorization'];
      if (query.includes('_service')) return send(200, JSON.stringify({ data: { _service: { sdl: sdl + (auth ? `# ${auth}\n` : '') } } }));
    }
    if (schema) return send(200, JSON.stringify(graphqlSync({ schema, source: query })));
    return send(200, JSON.stringify({ errors: [{ message: 'Cannot query field "_service" on type "Query".' }] }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
setTimeout(() => process.exit(0), 60000).unref();
