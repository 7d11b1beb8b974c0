// Records test/fixtures/har/playwright-chromium.har: real Chromium (Debian's, /usr/bin/chromium)
// driven by playwright-core with recordHar, a page on 127.0.0.1:8801 making four cross-origin
// fetches to localhost:8802, served on 127.0.0.1 (allowed, missing Allow-Origin, a preflighted PUT, a 500 without
// CORS headers, credentialed). Playwright leaves preflights out and keeps only a few headers of
// a failed request. Run from the repository root: node test/lab/har/record-playwright.mjs
import { chromium } from 'playwright-core';
import http from 'node:http';
const api = http.createServer((q, r) => {
  const h = {};
  if (q.url.startsWith('/ok')) h['access-control-allow-origin'] = '*';
  if (q.method === 'OPTIONS') { Object.assign(h, {'access-control-allow-origin': 'http://127.0.0.1:8801', 'access-control-allow-methods': 'PUT', 'access-control-allow-headers': 'content-type'}); r.writeHead(204, h); return r.end(); }
  if (q.url.startsWith('/put')) h['access-control-allow-origin'] = 'http://127.0.0.1:8801';
  if (q.url.startsWith('/err')) { r.writeHead(500, {'content-type': 'text/plain'}); return r.end('boom'); }
  r.writeHead(200, {...h, 'content-type': 'application/json'}); r.end('{}');
}).listen(8802, '127.0.0.1');
const page = http.createServer((q, r) => { r.writeHead(200, {'content-type': 'text/html'}); r.end(`<script>
(async () => { for (const [u, o] of [['/ok', {}], ['/missing', {}], ['/put', {method: 'PUT', headers: {'Content-Type': 'application/json'}, body: '{"a":1}'}], ['/err', {credentials: 'include'}]]) { try { await fetch('http://localhost:8802' + u, o); } catch {} } document.title = 'done'; })();
</script>`); }).listen(8801, '127.0.0.1');
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await b.newContext({ recordHar: { path: 'test/fixtures/har/playwright-chromium.har' } });
const p = await ctx.newPage();
await p.goto('http://127.0.0.1:8801/');
await p.waitForFunction(() => document.title === 'done');
await ctx.close(); await b.close(); api.close(); page.close();
