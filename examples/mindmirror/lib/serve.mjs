// A subgraph's HTTP server: GET /health, POST /graphql, on 127.0.0.1:$PORT.
//   serve({ typeDefs, resolvers, name, ready })
// `ready()` opens the service's database (it may return a promise); until it has, /health and
// /graphql answer 503. Resolvers find the database in their context: (parent, args, { db }).
import http from 'node:http';
import { graphql, parse } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';

const MAX_BODY = 1 << 20;

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const failure = (message) => ({ errors: [{ message }] });

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new Error('the request body is larger than 1 MiB'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function serve({ typeDefs, resolvers, name, ready }) {
  const schema = buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers });
  const port = Number(process.env.PORT ?? 4000);
  let db = null;

  async function answer(req, res) {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
      return db ? send(res, 200, { status: 'UP' }) : send(res, 503, { status: 'STARTING' });
    }
    if (url.pathname !== '/graphql') return send(res, 404, failure(`no route for ${req.method} ${url.pathname}`));
    if (req.method !== 'POST') return send(res, 405, failure('send GraphQL requests with POST'));
    if (!db) return send(res, 503, failure(`${name} is starting: its database is not open yet`));
    let request;
    try {
      request = JSON.parse(await readBody(req));
    } catch (error) {
      return send(res, 400, failure(`the request body is not valid JSON: ${error.message}`));
    }
    const { query, variables, operationName } = request ?? {};
    if (typeof query !== 'string') return send(res, 400, failure('the request body has no "query" string'));
    const result = await graphql({
      schema,
      source: query,
      variableValues: variables ?? undefined,
      operationName: operationName ?? undefined,
      contextValue: { db },
    });
    send(res, 200, result);
  }

  const server = http.createServer((req, res) => {
    answer(req, res).catch((error) => send(res, 500, failure(error.message)));
  });
  server.listen(port, '127.0.0.1', async () => {
    try {
      db = await ready();
    } catch (error) {
      console.error(`${name}: cannot open the database: ${error.message}`);
      process.exit(1);
    }
    console.log(`${name}: listening on 127.0.0.1:${server.address().port}, database ${db.name}`);
  });
  server.on('error', (error) => {
    console.error(`${name}: ${error.message}`);
    process.exit(1);
  });

  // SIGTERM: stop accepting, let requests in flight finish (2 s at most), close the database.
  const finish = () => {
    if (db?.open) db.close();
    process.exit(0);
  };
  const stop = () => {
    server.close(finish);
    server.closeIdleConnections();
    setTimeout(finish, 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return server;
}
