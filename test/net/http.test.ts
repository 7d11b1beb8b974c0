import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../../source/net/http.js';
import { escapeControl } from '../../source/render/escape.js';

let server: Server;
let base = '';
const seen: { method: string; headers: string[] }[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		seen.push({ method: req.method ?? '', headers: req.rawHeaders });
		if (req.url === '/dup') {
			res.setHeader('Access-Control-Allow-Origin', ['https://a.example', 'https://a.example']);
			res.end('ok');
		} else if (req.url === '/big') {
			res.end('x'.repeat(100_000));
		} else if (req.url === '/slow') {
			setTimeout(() => res.end('late'), 2_000);
		} else if (req.url === '/redirect') {
			res.writeHead(302, { Location: '/dup' });
			res.end();
		} else res.end(req.method === 'POST' ? 'posted' : 'hello');
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const a = server.address();
	base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('send', () => {
	it('sends the header lines given, in order, and keeps duplicate answer lines', async () => {
		const r = await send({ method: 'OPTIONS', url: `${base}/dup`, headers: [['Origin', 'https://a.example'], ['Access-Control-Request-Method', 'PUT']] });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.headers.filter(([n]) => n.toLowerCase() === 'access-control-allow-origin')).toHaveLength(2);
		const sent = seen.at(-1)!;
		expect(sent.method).toBe('OPTIONS');
		expect(sent.headers.indexOf('Origin')).toBeLessThan(sent.headers.indexOf('Access-Control-Request-Method'));
	});
	it('does not follow redirects', async () => {
		const r = await send({ method: 'GET', url: `${base}/redirect`, headers: [] });
		expect(r.ok && r.status).toBe(302);
	});
	it('bounds the body', async () => {
		const r = await send({ method: 'GET', url: `${base}/big`, headers: [], maxBodyBytes: 1000 });
		expect(r.ok && r.body.length).toBe(1000);
		expect(r.ok && r.truncated).toBe(true);
	});
	it('sends a body with its length', async () => {
		const r = await send({ method: 'POST', url: `${base}/`, headers: [['Content-Type', 'text/plain']], body: 'abc' });
		expect(r.ok && r.body).toBe('posted');
	});
	it('gives up after the time limit', async () => {
		const r = await send({ method: 'GET', url: `${base}/slow`, headers: [], timeoutMs: 100 });
		expect(r.ok).toBe(false);
		expect(!r.ok && r.kind).toBe('timeout');
	});
	it('names a refused connection and a bad URL', async () => {
		const closed = createServer();
		await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
		const a = closed.address();
		await new Promise<void>((r) => closed.close(() => r()));
		const r = await send({ method: 'GET', url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 1}/`, headers: [] });
		expect(!r.ok && r.kind).toBe('refused');
		const b = await send({ method: 'GET', url: 'ftp://x/', headers: [] });
		expect(!b.ok && b.kind).toBe('bad-url');
	});
});

describe('escapeControl', () => {
	it('makes escape sequences and control characters visible', () => {
		expect(escapeControl('a\u001b[2Jb\r\u0007')).toBe('a\\x1b[2Jb\\x0d\\x07');
		expect(escapeControl('x\u202ey')).toBe('x\\u202ey');
		expect(escapeControl('line1\nline2\tz')).toBe('line1\nline2\tz');
		expect(escapeControl('line1\nline2\tz', true)).toBe('line1\\nline2\\tz');
	});
});

describe('what goes on the wire', () => {
	/** A TCP server that records the request bytes and answers 200. */
	async function rawServer(): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
		const { createServer: tcp } = await import('node:net');
		const requests: string[] = [];
		const s = tcp((sock) => {
			let got = '';
			sock.on('data', (d) => {
				got += d.toString();
				if (!got.includes('\r\n\r\n')) return;
				requests.push(got);
				sock.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
			});
		});
		await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
		const a = s.address();
		return { url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/p?q=1`, requests, close: () => new Promise<void>((r) => s.close(() => r())) };
	}

	it('the method as written (a browser sends "patch"), the names in order (a repeated name as adjacent lines), Host added, no chunked body', async () => {
		const srv = await rawServer();
		try {
			const r = await send({ method: 'patch', url: srv.url, headers: [['user-agent', 'a'], ['X-A', '1'], ['user-agent', 'b']] });
			expect(r.ok && r.status).toBe(200);
			const [head] = (srv.requests[0] ?? '').split('\r\n\r\n');
			const lines = (head ?? '').split('\r\n');
			expect(lines[0]).toBe('patch /p?q=1 HTTP/1.1');
			expect(lines.slice(1).filter((l) => !/^connection:/i.test(l))).toEqual([`Host: ${new URL(srv.url).host}`, 'user-agent: a', 'user-agent: b', 'X-A: 1']);
			expect(head).not.toMatch(/transfer-encoding/i);
		} finally {
			await srv.close();
		}
	});

	it("the browser model's own Host line is kept, and a body gets its Content-Length", async () => {
		const srv = await rawServer();
		try {
			await send({ method: 'POST', url: srv.url, headers: [['host', 'api.example.com'], ['content-type', 'text/plain']], body: 'héllo' });
			const lines = (srv.requests[0] ?? '').split('\r\n');
			expect(lines.filter((l) => /^host:/i.test(l))).toEqual(['host: api.example.com']);
			expect(lines).toContain('Content-Length: 6');
		} finally {
			await srv.close();
		}
	});
});
