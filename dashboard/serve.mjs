// SPDX-License-Identifier: Apache-2.0
// Serves the dashboard's files (index.html, style.css, dist/) on 127.0.0.1.
// `node serve.mjs [PORT]`; PORT 0 picks a free one. Also imported by the browser test.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('.', import.meta.url));
const FILES = new Map([
  ['/', 'index.html'],
  ['/index.html', 'index.html'],
  ['/style.css', 'style.css'],
  ['/dist/app.js', 'dist/app.js'],
  ['/dist/app.css', 'dist/app.css'],
]);
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript' };

/** Starts the server; resolves with { url, close() }. */
export function startServer(port = 8080) {
  const server = http.createServer(async (req, res) => {
    const file = FILES.get(new URL(req.url, 'http://localhost').pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const body = await readFile(path.join(root, file));
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)], 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`${file} is missing: run npm run build in dashboard/`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({ url, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startServer(Number(process.argv[2] ?? 8080));
  console.log(`dashboard: ${url}/ (another node: ${url}/?rpc=ws://host:port)`);
}
