// web: MindMirror's page. GET / serves it, POST /graphql forwards to the gateway
// ($GATEWAY_URL), GET /health answers 200. Not a subgraph.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const gateway = process.env.GATEWAY_URL || 'http://127.0.0.1:4000/graphql';
const MAX_BODY = 1 << 20;

const files = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
};
const page = Object.fromEntries(
  Object.entries(files).map(([route, [file, type]]) => [
    route,
    { type, body: readFileSync(new URL(`./public/${file}`, import.meta.url)) },
  ]),
);

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
const json = (res, status, value) => send(res, status, 'application/json', JSON.stringify(value));

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('the request body is larger than 1 MiB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function answer(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && pathname === '/health') return json(res, 200, { status: 'UP' });
  if (req.method === 'GET' && page[pathname]) return send(res, 200, page[pathname].type, page[pathname].body);
  if (req.method === 'POST' && pathname === '/graphql') {
    const body = await readBody(req);
    let reply;
    try {
      reply = await fetch(gateway, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    } catch (error) {
      return json(res, 502, { errors: [{ message: `the gateway at ${gateway} is unreachable: ${error.cause?.message ?? error.message}` }] });
    }
    return send(res, reply.status, reply.headers.get('content-type') ?? 'application/json', Buffer.from(await reply.arrayBuffer()));
  }
  return json(res, 404, { errors: [{ message: `no route for ${req.method} ${pathname}` }] });
}

const server = http.createServer((req, res) => {
  answer(req, res).catch((error) => json(res, 500, { errors: [{ message: error.message }] }));
});
server.listen(port, '127.0.0.1', () => {
  console.log(`web: listening on 127.0.0.1:${server.address().port}, gateway ${gateway}`);
});
server.on('error', (error) => {
  console.error(`web: ${error.message}`);
  process.exit(1);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
