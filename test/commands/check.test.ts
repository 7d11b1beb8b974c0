// `cors-tutor check` end to end: the built binary against real loopback servers, one per
// failure kind, asserting what the servers received as well as what the command printed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type Server as NetServer, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { expectUsageError, runCliAsync } from '../helpers/cli.js';

const ORIGIN = 'https://app.example';

interface Seen {
	readonly method: string;
	readonly url: string;
	/** Lowercased names; repeated lines joined with ", ". */
	readonly headers: Record<string, string>;
	readonly body: string;
}

const open: (Server | NetServer)[] = [];
afterAll(async () => {
	for (const s of open) {
		if ('closeAllConnections' in s) s.closeAllConnections();
		await new Promise<void>((r) => s.close(() => r()));
	}
});

async function listen(s: Server | NetServer): Promise<string> {
	open.push(s);
	await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
	const a = s.address();
	return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
}

type Handler = (req: IncomingMessage, res: ServerResponse, base: string) => void;

/** An HTTP server on 127.0.0.1 that records every request it receives. */
async function serve(handler: Handler): Promise<{ base: string; seen: Seen[] }> {
	const seen: Seen[] = [];
	let base = '';
	const s = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const headers: Record<string, string> = {};
			for (let i = 0; i < req.rawHeaders.length; i += 2) {
				const n = (req.rawHeaders[i] as string).toLowerCase();
				headers[n] = n in headers ? `${headers[n]}, ${req.rawHeaders[i + 1]}` : (req.rawHeaders[i + 1] as string);
			}
			seen.push({ method: req.method ?? '', url: req.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8') });
			handler(req, res, base);
		});
	});
	base = await listen(s);
	return { base, seen };
}

/** A server that writes these bytes as its whole answer, whatever it is asked. */
async function serveRaw(answer: Buffer): Promise<string> {
	return listen(createNetServer((sock) => sock.once('data', () => sock.end(answer))));
}

const answer = (status: number, headers: Record<string, string | string[]>, body = '') => (_req: IncomingMessage, res: ServerResponse) => {
	res.writeHead(status, headers);
	res.end(body);
};

/** OPTIONS gets `preflight`, everything else `actual`. */
const byMethod = (preflight: Handler, actual: Handler): Handler => (req, res, base) => (req.method === 'OPTIONS' ? preflight : actual)(req, res, base);

const check = (url: string, ...args: string[]) => runCliAsync(['check', url, '--origin', ORIGIN, ...args]);
async function checkJson(url: string, ...args: string[]) {
	const r = await check(url, '--json', ...args);
	return { ...r, json: JSON.parse(r.stdout) };
}

const ALLOW = { 'Access-Control-Allow-Origin': ORIGIN, Vary: 'Origin' };

describe('a CORS failure of each kind: exit 1, the code, the console line and the fix', () => {
	test('no Access-Control-Allow-Origin: text shows the exchange, verdict, console, fix and lesson', async () => {
		const { base, seen } = await serve(answer(200, { 'Content-Type': 'text/plain' }, 'secret'));
		const r = await check(`${base}/items`);
		expect(r.code).toBe(1);
		expect(r.stderr).toBe('');
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatchObject({ method: 'GET', url: '/items' });
		expect(seen[0]?.headers.origin).toBe(ORIGIN);
		expect(r.stdout).toContain(`browser → server GET ${base}/items`);
		expect(r.stdout).toContain('Content-Type: text/plain');
		expect(r.stdout).toContain('body (6 bytes): secret');
		expect(r.stdout).toContain('✗ Blocked at the response: missing-allow-origin (status 200)');
		expect(r.stdout).toContain(`Access to fetch at '${base}/items' from origin '${ORIGIN}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`);
		expect(r.stdout).toContain('fetch() rejects with TypeError: Failed to fetch');
		expect(r.stdout).toContain(`Access-Control-Allow-Origin: ${ORIGIN}`);
		expect(r.stdout).toContain('cors-tutor learn allow-origin');
		expect(r.stdout).not.toMatch(/\u001b\[/);
	});

	test('--json: the documented shape', async () => {
		const { base } = await serve(answer(200, {}, 'x'));
		const { code, json } = await checkJson(`${base}/`);
		expect(code).toBe(1);
		expect(Object.keys(json).sort()).toEqual(
			['browser', 'console', 'exchanges', 'failure', 'fetch', 'fix', 'lesson', 'networkError', 'notes', 'origin', 'rejection', 'response', 'thrownBeforeSending', 'trace', 'url', 'verdict'].sort(),
		);
		expect(json).toMatchObject({
			url: `${base}/`, origin: ORIGIN, verdict: 'blocked', browser: { id: 'chromium', name: 'Chromium' },
			fetch: { method: 'GET', headers: [], body: null, mode: 'cors', credentials: 'same-origin' },
			failure: { code: 'missing-allow-origin', stage: 'actual', url: `${base}/`, status: 200 },
			networkError: null, response: null, rejection: 'TypeError: Failed to fetch',
			lesson: { id: 'allow-origin', open: 'cors-tutor learn allow-origin' },
		});
		expect(json.exchanges).toHaveLength(1);
		const [x] = json.exchanges;
		expect(x.purpose).toBe('actual');
		expect(x.request).toMatchObject({ method: 'GET', url: `${base}/`, body: null });
		expect(x.request.headers).toContainEqual(['origin', ORIGIN]);
		expect(x.response).toMatchObject({ status: 200, statusText: 'OK', body: 'x', bytes: 1, truncated: false });
		expect(x.networkError).toBeNull();
		expect(json.console).toHaveLength(1);
		expect(json.fix.responseHeaders).toContain(`Access-Control-Allow-Origin: ${ORIGIN}`);
		expect(json.trace.map((e: { type: string }) => e.type)).toContain('check');
	});

	test('the wrong origin', async () => {
		const { base } = await serve(answer(200, { 'Access-Control-Allow-Origin': 'https://other.example' }));
		const { code, json } = await checkJson(`${base}/`);
		expect(code).toBe(1);
		expect(json.failure).toMatchObject({ code: 'allow-origin-mismatch', value: 'https://other.example' });
		expect(json.console[0]).toContain("The 'Access-Control-Allow-Origin' header has a value 'https://other.example' that is not equal to the supplied origin.");
	});

	test("'*' with credentials", async () => {
		const { base } = await serve(answer(200, { 'Access-Control-Allow-Origin': '*' }));
		const { code, json } = await checkJson(`${base}/`, '--credentials', 'include');
		expect(code).toBe(1);
		expect(json.failure.code).toBe('wildcard-with-credentials');
		expect(json.fix.responseHeaders).toContain('Access-Control-Allow-Credentials: true');
	});

	test('credentials without Access-Control-Allow-Credentials', async () => {
		const { base } = await serve(answer(200, ALLOW));
		const { code, json } = await checkJson(`${base}/`, '--credentials', 'include');
		expect(code).toBe(1);
		expect(json.failure).toMatchObject({ code: 'invalid-allow-credentials', header: 'Access-Control-Allow-Credentials' });
	});

	test('a preflight answered 404: the actual request is never sent', async () => {
		const { base, seen } = await serve(byMethod(answer(404, ALLOW, 'no route'), answer(200, ALLOW)));
		const r = await check(`${base}/items`, '-X', 'DELETE');
		expect(r.code).toBe(1);
		expect(seen.map((s) => s.method)).toEqual(['OPTIONS']);
		expect(seen[0]?.headers['access-control-request-method']).toBe('DELETE');
		expect(r.stdout).toContain(`browser → server preflight OPTIONS ${base}/items`);
		expect(r.stdout).toContain('404 Not Found');
		expect(r.stdout).toContain('✗ Blocked at the preflight: preflight-bad-status (status 404)');
		expect(r.stdout).toContain("Response to preflight request doesn't pass access control check: It does not have HTTP ok status.");
	});

	test('a method missing from Access-Control-Allow-Methods', async () => {
		const { base, seen } = await serve(byMethod(answer(204, { ...ALLOW, 'Access-Control-Allow-Methods': 'GET, POST' }), answer(200, ALLOW)));
		const { code, json } = await checkJson(`${base}/`, '--method', 'PUT');
		expect(code).toBe(1);
		expect(json.failure).toMatchObject({ code: 'method-not-allowed', stage: 'preflight', value: 'PUT' });
		expect(json.fix.preflightHeaders).toContain('Access-Control-Allow-Methods: GET, POST, PUT');
		expect(seen).toHaveLength(1);
	});

	test('a header missing from Access-Control-Allow-Headers; the preflight lists them lowercased and sorted', async () => {
		const { base, seen } = await serve(byMethod(answer(204, { ...ALLOW, 'Access-Control-Allow-Headers': 'X-Token' }), answer(200, ALLOW)));
		const { code, json } = await checkJson(`${base}/`, '-X', 'POST', '-H', 'X-Token: 1', '-H', 'Content-Type: application/json', '--body', '{}');
		expect(code).toBe(1);
		expect(seen).toHaveLength(1);
		expect(seen[0]?.method).toBe('OPTIONS');
		expect(seen[0]?.headers['access-control-request-method']).toBe('POST');
		expect(seen[0]?.headers['access-control-request-headers']).toBe('content-type,x-token');
		expect(seen[0]?.headers.origin).toBe(ORIGIN);
		expect(seen[0]?.headers['x-token']).toBeUndefined();
		expect(json.failure).toMatchObject({ code: 'header-not-allowed', value: 'content-type' });
		expect(json.exchanges[0].purpose).toBe('preflight');
	});

	test('two Access-Control-Allow-Origin lines, as when a proxy adds one', async () => {
		const { base } = await serve(answer(200, { 'Access-Control-Allow-Origin': [ORIGIN, ORIGIN] }));
		const r = await check(`${base}/`);
		expect(r.code).toBe(1);
		expect(r.stdout.match(new RegExp(`Access-Control-Allow-Origin: ${ORIGIN}\\n`, 'g'))?.length).toBeGreaterThanOrEqual(2);
		expect(r.stdout).toContain(`The 'Access-Control-Allow-Origin' header contains multiple values '${ORIGIN}, ${ORIGIN}', but only one is allowed.`);
	});

	test('a redirect to a server without CORS: followed, origin becomes null, blocked there', async () => {
		const plain = await serve(answer(200, {}, 'elsewhere'));
		const target = `${plain.base.replace('127.0.0.1', 'localhost')}/final`;
		const { base, seen } = await serve(answer(302, { ...ALLOW, Location: target }));
		const { code, json } = await checkJson(`${base}/start`);
		expect(code).toBe(1);
		expect(seen).toHaveLength(1);
		expect(plain.seen).toHaveLength(1);
		expect(plain.seen[0]?.headers.origin).toBe('null');
		expect(json.exchanges.map((x: { request: { url: string } }) => x.request.url)).toEqual([`${base}/start`, target]);
		expect(json.failure).toMatchObject({ code: 'missing-allow-origin', stage: 'actual', url: target });
		expect(json.console[0]).toContain(`Access to fetch at '${target}' (redirected from '${base}/start') from origin '${ORIGIN}'`);
		expect(json.trace.some((e: { type: string; tainted?: boolean }) => e.type === 'redirect' && e.tainted)).toBe(true);
	});

	test('a redirected preflight', async () => {
		const { base, seen } = await serve(byMethod(answer(301, { ...ALLOW, Location: '/elsewhere' }), answer(200, ALLOW)));
		const { code, json } = await checkJson(`${base}/api`, '-X', 'PATCH');
		expect(code).toBe(1);
		expect(seen.map((s) => s.method)).toEqual(['OPTIONS']);
		expect(json.failure).toMatchObject({ code: 'preflight-redirect', stage: 'preflight', status: 301 });
		expect(json.console[0]).toContain('Redirect is not allowed for a preflight request.');
	});

	test('a redirect loop: every hop is really sent, until the browser gives up after 20', async () => {
		const { base, seen } = await serve(answer(302, { ...ALLOW, Location: '/loop' }));
		const { code, json } = await checkJson(`${base}/loop`);
		expect(code).toBe(1);
		expect(seen).toHaveLength(21);
		expect(json.exchanges).toHaveLength(21);
		expect(json.failure).toMatchObject({ code: 'too-many-redirects', stage: 'redirect' });
	});

	test('--browser firefox: its wire headers and its console text', async () => {
		const { base, seen } = await serve(answer(200, {}));
		const { code, json } = await checkJson(`${base}/`, '--browser', 'firefox');
		expect(code).toBe(1);
		expect(seen[0]?.headers['user-agent']).toMatch(/Firefox/);
		expect(json.browser.id).toBe('firefox');
		expect(json.console[0]).toMatch(/^Cross-Origin Request Blocked: .*Reason: CORS header ‘Access-Control-Allow-Origin’ missing/);
	});
});

describe('a correct server: exit 0', () => {
	test('a simple GET: allowed, and what the page can read', async () => {
		const { base } = await serve(answer(200, { ...ALLOW, 'Content-Type': 'application/json', 'X-Total': '3', 'Access-Control-Expose-Headers': 'X-Total' }, '[]'));
		const r = await check(`${base}/items`);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('✓ Allowed: status 200, response type "cors"');
		expect(r.stdout).toContain('content-type, x-total');
		expect(r.stdout).not.toContain('What happened');
		const { json } = await checkJson(`${base}/items`);
		expect(json).toMatchObject({ verdict: 'allowed', failure: null, fix: null, console: [], rejection: null, response: { status: 200, type: 'cors', readableHeaders: ['content-type', 'x-total'] } });
	});

	test('a preflighted PUT with a JSON body: the preflight, then the request with its body', async () => {
		const { base, seen } = await serve(
			byMethod(answer(204, { ...ALLOW, 'Access-Control-Allow-Methods': 'GET, PUT', 'Access-Control-Allow-Headers': 'content-type, authorization', 'Access-Control-Max-Age': '600' }), answer(200, ALLOW, 'saved')),
		);
		const { code, json } = await checkJson(`${base}/items/1`, '-X', 'PUT', '-H', 'Content-Type: application/json', '-H', 'Authorization: Bearer t', '--body', '{"a":1}');
		expect(code).toBe(0);
		expect(seen.map((s) => s.method)).toEqual(['OPTIONS', 'PUT']);
		expect(seen[0]?.headers['access-control-request-headers']).toBe('authorization,content-type');
		expect(seen[0]?.headers.authorization).toBeUndefined();
		expect(seen[1]).toMatchObject({ body: '{"a":1}' });
		expect(seen[1]?.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer t', origin: ORIGIN, 'content-length': '7' });
		expect(json.exchanges.map((x: { purpose: string }) => x.purpose)).toEqual(['preflight', 'actual']);
		expect(json.verdict).toBe('allowed');
	});

	test('mode no-cors: sent, but the page gets an opaque response', async () => {
		const { base } = await serve(answer(200, {}, 'x'));
		const r = await check(`${base}/`, '--mode', 'no-cors');
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('opaque response');
	});

	test('--origin null: the server sees Origin: null', async () => {
		const { base, seen } = await serve(answer(200, { 'Access-Control-Allow-Origin': 'null' }));
		const r = await runCliAsync(['check', `${base}/`, '--origin', 'null']);
		expect(r.code).toBe(0);
		expect(seen[0]?.headers.origin).toBe('null');
	});
});

describe('what fetch() itself refuses or changes', () => {
	test('a forbidden header is dropped as the browser drops it, with a note', async () => {
		const { base, seen } = await serve(answer(200, ALLOW));
		const r = await check(`${base}/`, '-H', 'Cookie: a=b');
		expect(r.code).toBe(0);
		expect(seen[0]?.headers.cookie).toBeUndefined();
		expect(r.stdout).toMatch(/note: fetch\(\) silently dropped Cookie/);
	});

	test('a body with GET: fetch() throws, nothing is sent, exit 1', async () => {
		const { base, seen } = await serve(answer(200, ALLOW));
		const { code, json } = await checkJson(`${base}/`, '--body', 'x');
		expect(code).toBe(1);
		expect(seen).toHaveLength(0);
		expect(json).toMatchObject({ verdict: 'blocked', thrownBeforeSending: true, exchanges: [], failure: { code: 'body-with-get-or-head', stage: 'request' } });
		expect(json.rejection).toMatch(/Request with GET\/HEAD method cannot have body/);
	});
});

describe('network failures: exit 3, with what was exchanged', () => {
	test('connection refused', async () => {
		const s = createServer();
		const base = await listen(s);
		await new Promise<void>((r) => s.close(() => r()));
		open.splice(open.indexOf(s), 1);
		const r = await check(`${base}/`);
		expect(r.code).toBe(3);
		expect(r.stdout).toContain('! Network error: nothing is listening');
		expect(r.stdout).toContain('Not a CORS verdict');
		const { json } = await checkJson(`${base}/`);
		expect(json).toMatchObject({ verdict: 'network-error', failure: null, networkError: { kind: 'refused', url: `${base}/` } });
		expect(json.exchanges[0]).toMatchObject({ response: null, networkError: { kind: 'refused' } });
	});

	test('a server that never answers, with --timeout', async () => {
		const { base } = await serve(() => {});
		const started = Date.now();
		const { code, json } = await checkJson(`${base}/`, '--timeout', '300ms');
		expect(code).toBe(3);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(json.networkError).toMatchObject({ kind: 'timeout' });
		expect(json.networkError.message).toContain('300 ms');
	});

	test('the preflight passes, then the actual request times out: both exchanges are reported', async () => {
		const { base } = await serve(byMethod(answer(204, { ...ALLOW, 'Access-Control-Allow-Methods': 'PUT' }), () => {}));
		const { code, json } = await checkJson(`${base}/`, '-X', 'PUT', '--timeout', '0.3');
		expect(code).toBe(3);
		expect(json.exchanges).toHaveLength(2);
		expect(json.exchanges[0].response.status).toBe(204);
		expect(json.exchanges[1].networkError.kind).toBe('timeout');
	});
});

function hasOpenssl(): boolean {
	try {
		execFileSync('openssl', ['version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

describe.skipIf(!hasOpenssl())('https', () => {
	async function selfSigned(): Promise<string> {
		const dir = mkdtempSync(join(tmpdir(), 'cors-tutor-tls-'));
		const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
		const s = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, answer(200, ALLOW));
		return (await listen(s)).replace('http:', 'https:');
	}

	test('a self-signed certificate is a network failure (exit 3), unless --insecure', async () => {
		const base = await selfSigned();
		const refused = await checkJson(`${base}/`);
		expect(refused.code).toBe(3);
		expect(refused.json.networkError.kind).toBe('tls');
		const accepted = await checkJson(`${base}/`, '--insecure');
		expect(accepted.code).toBe(0);
		expect(accepted.json.verdict).toBe('allowed');
	});
});

describe('what the server sends is shown, never obeyed', () => {
	const body = Buffer.from('hi\u001b[2J\u001b]0;owned\u0007 \u009b31m \u202eevil');
	const raw = Buffer.concat([
		Buffer.from(`HTTP/1.1 200 OK\u001b[31m\r\nX-Evil: \u009b31m\u202e ok\r\nAccess-Control-Allow-Origin: ${ORIGIN}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, 'latin1'),
		body,
	]);
	// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them
	const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

	test('text: escape sequences in the status line, headers and body are escaped', async () => {
		const base = await serveRaw(raw);
		const r = await check(`${base}/`);
		expect(r.code).toBe(0);
		expect(r.stdout).not.toMatch(UNSAFE);
		expect(r.stdout).toContain('200 OK\\x1b[31m');
		expect(r.stdout).toContain('X-Evil: \\x9b31m');
		expect(r.stdout).toContain('hi\\x1b[2J\\x1b]0;owned\\x07');
	});

	test('--json: valid JSON, and no raw control characters either', async () => {
		const base = await serveRaw(raw);
		const r = await check(`${base}/`, '--json');
		expect(r.stdout).not.toMatch(UNSAFE);
		const json = JSON.parse(r.stdout);
		expect(json.exchanges[0].response.body).toBe(body.toString('utf8'));
	});

	test('a huge body is read only up to 64 KiB', async () => {
		const { base } = await serve((_req, res) => {
			res.writeHead(200, ALLOW);
			res.end('x'.repeat(5_000_000));
		});
		const { code, json } = await checkJson(`${base}/`);
		expect(code).toBe(0);
		expect(json.exchanges[0].response).toMatchObject({ bytes: 65_536, truncated: true });
		const text = await check(`${base}/`);
		expect(text.stdout).toContain('body (first 65536 bytes, the rest not read)');
		expect(text.stdout.length).toBeLessThan(10_000);
	});
});

describe('usage errors: exit 2, the flag and the fix, nothing sent', () => {
	test.each([
		[['check', 'http://127.0.0.1:9/'], /--origin is required/],
		[['check', 'http://127.0.0.1:9/', '--origin', 'https://app.example/'], /--origin: .*serialized origin/],
		[['check', 'http://127.0.0.1:9/', '--origin', 'https://*.example.com'], /--origin: give one exact origin/],
		[['check', 'http://127.0.0.1:9/', '--origin', ORIGIN, '-H', 'X-Token'], /--header "X-Token" has no colon/],
		[['check', 'http://127.0.0.1:9/', '--origin', ORIGIN, '-H', 'X Token: 1'], /"X Token" is not a header name/],
		[['check', 'http://127.0.0.1:9/', '--origin', ORIGIN, '-X', 'GE T'], /--method "GE T" is not an HTTP method/],
		[['check', 'ftp://example.com/', '--origin', ORIGIN], /ftp: URL/],
		[['check', 'example.com/x', '--origin', ORIGIN], /is not a URL/],
		[['check', '--origin', ORIGIN], /name the URL to check/],
		[['check', 'http://a.example/', 'http://b.example/', '--origin', ORIGIN], /one URL/],
		[['check', 'http://127.0.0.1:9/', '--origin', ORIGIN, '--timeout', '0'], /--timeout must be a positive number/],
		[['check', 'http://127.0.0.1:9/', '--origin', ORIGIN, '--timeout', 'soon'], /--timeout must be a positive number/],
		[['check', 'http://127.0.0.1:9/', '--origin', ORIGIN, '--browser', 'netscape'], /--browser must be one of chromium, firefox, safari/],
		[['check', 'http://127.0.0.1:9/', '--origin', ORIGIN, '--credentials', 'yes'], /--credentials must be one of omit, same-origin, include/],
		[['check', 'http://127.0.0.1:9/', '--origin', ORIGIN, '--mode', 'navigate'], /--mode must be one of cors, no-cors, same-origin/],
		[['check', 'http://127.0.0.1:9/', '--origin', ORIGIN, '--bogus'], /unknown flag --bogus/],
		[['check', 'http://127.0.0.1:9/', '--origin', ORIGIN, '--cookie', 'a=1; b=2'], /--cookie "a=1; b=2" is not one cookie "name=value"/],
		[['check', 'http://127.0.0.1:9/', '--origin', ORIGIN, '--cookie', 'session'], /--cookie "session" is not one cookie/],
	])('%j', async (args, message) => {
		expectUsageError(await runCliAsync(args), message);
	});

	test('control characters in a bad value are echoed escaped', async () => {
		const r = await runCliAsync(['check', 'http://127.0.0.1:9/', '--origin', ORIGIN, '-X', 'G\u001b[2JT']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('--method "G\\x1b[2JT"');
		expect(r.stderr).not.toContain('\u001b');
	});

	test('--help leads with examples', async () => {
		const r = await runCliAsync(['check', '--help']);
		expect(r.code).toBe(0);
		expect(r.stdout.trim()).toMatch(/^Send the requests/);
		expect(r.stdout.indexOf('Examples')).toBeLessThan(r.stdout.indexOf('Options'));
		expect(r.stdout).toContain('Exit codes: 0 allowed, 1 blocked, 2 usage error, 3 network failure');
	});
});

describe('colour', () => {
	test('FORCE_COLOR colours the output; --no-color does not', async () => {
		const { base } = await serve(answer(200, ALLOW));
		expect((await runCliAsync(['check', `${base}/`, '--origin', ORIGIN], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(/\u001b\[/);
		expect((await runCliAsync(['check', `${base}/`, '--origin', ORIGIN, '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(/\u001b\[/);
	});
});

describe('--cookie: a logged-in request', () => {
	test('sent with a credentialed request (never the preflight); only its names are printed', async () => {
		const { base, seen } = await serve((req, res) => {
			const ok = req.headers.cookie === 'session=s3cr3t; theme=dark';
			res.writeHead(req.method === 'OPTIONS' ? 204 : ok ? 200 : 401, { ...ALLOW, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Allow-Methods': 'PUT' });
			res.end(ok ? 'mine' : '');
		});
		const r = await check(`${base}/me`, '-X', 'PUT', '--credentials', 'include', '--cookie', 'session=s3cr3t', '--cookie', 'theme=dark');
		expect(r.code).toBe(0);
		expect(seen.map((q) => [q.method, q.headers.cookie ?? null])).toEqual([['OPTIONS', null], ['PUT', 'session=s3cr3t; theme=dark']]);
		expect(r.stdout).toContain('Cookie: session=…; theme=…');
		expect(r.stdout).not.toContain('s3cr3t');
		// Without credentials the browser sends no cookie, and this server says 401.
		const anon = await check(`${base}/me`, '-X', 'PUT', '--cookie', 'session=s3cr3t');
		expect(seen.at(-1)?.headers.cookie).toBeUndefined();
		expect(anon.stdout).toMatch(/401/);
	});
});

describe('check curl …: a request pasted from DevTools ("Copy as cURL")', () => {
	const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0';
	/** Firefox's copy of a credentialed PUT with JSON, as the shell splits it. */
	const pasted = (url: string) => [
		'curl', url, '-X', 'PUT', '-H', `User-Agent: ${UA}`, '-H', 'Accept: */*', '-H', 'Content-Type: application/json', '-H', `Origin: ${ORIGIN}`,
		'-H', 'Connection: keep-alive', '-H', 'Cookie: session=s3cr3t', '-H', 'Sec-Fetch-Mode: cors', '-H', 'Pragma: no-cache', '-H', 'Cache-Control: no-cache', '--data-raw', '{"qty":2}',
	];

	test('the page\'s request goes out as the modelled browser sends it; the report says what was read', async () => {
		const { base, seen } = await serve(
			byMethod(
				answer(204, { ...ALLOW, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'Content-Type' }),
				answer(200, ALLOW, '{"ok":true}'),
			),
		);
		const r = await runCliAsync(['check', ...pasted(`${base}/orders/7`)]);
		// Credentials "include" (it sent a cookie), but the PUT's answer lacks Allow-Credentials.
		expect(r.code).toBe(1);
		expect(r.stdout).toMatch(/^Read from the curl command\n {2}page origin: https:\/\/app\.example {2}\(the Origin header\)\n {2}credentials: "include" {2}\(cookies were sent/);
		expect(r.stdout).toContain('  browser: firefox  (User-Agent)');
		expect(r.stdout).toContain('  headers the page set: content-type\n  cookies sent (names): session\n');
		expect(r.stdout).toMatch(/the browser's own, which the model adds itself: user-agent, accept, origin, connection, cookie, sec-fetch-mode, pragma, cache-control/);
		expect(r.stdout).not.toContain('s3cr3t');
		expect(r.stdout).toMatch(/Access-Control-Allow-Credentials/);
		// The preflight carries no cookie and no Disable-cache pair; the PUT carries the cookie and the body.
		expect(seen.map((q) => [q.method, q.headers.cookie ?? null, q.headers.pragma ?? null])).toEqual([['OPTIONS', null, null], ['PUT', 'session=s3cr3t', null]]);
		expect(seen[0]?.headers['access-control-request-headers']).toBe('content-type');
		expect(seen[1]?.body).toBe('{"qty":2}');
		expect(seen[1]?.headers['user-agent']).toMatch(/Firefox\//);
	});

	test("check's own options go before curl and win; --json carries what was read", async () => {
		const { base, seen } = await serve((req, res) => {
			res.writeHead(req.method === 'OPTIONS' ? 204 : 200, { ...ALLOW, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'Content-Type' });
			res.end('');
		});
		const r = await runCliAsync(['check', '--json', '--browser', 'chromium', '--credentials', 'omit', ...pasted(`${base}/orders/7`)]);
		expect(r.code).toBe(0);
		const json = JSON.parse(r.stdout);
		expect(json.curl).toEqual({
			origin: { value: ORIGIN, from: 'the Origin header' },
			credentials: { value: 'omit', from: '--credentials' },
			mode: { value: 'cors', from: 'Sec-Fetch-Mode' },
			browser: { value: 'chromium', from: '--browser' },
			pageHeaders: ['content-type'],
			browserHeaders: ['user-agent', 'accept', 'origin', 'connection', 'cookie', 'sec-fetch-mode', 'pragma', 'cache-control'],
			cookies: ['session'],
			notes: [`Pragma and Cache-Control: no-cache are taken as DevTools' "Disable cache", not set by the page.`],
		});
		expect(json.verdict).toBe('allowed');
		expect(seen.map((q) => [q.method, q.headers.cookie ?? null])).toEqual([['OPTIONS', null], ['PUT', null]]);
		expect(seen[1]?.headers['user-agent']).toMatch(/Chrome\//);
	});

	test('a command that works in curl, with no Origin: --origin says where the page is', async () => {
		const { base, seen } = await serve(answer(200, { 'Content-Type': 'application/json' }, '[]'));
		const r = await runCliAsync(['check', '--origin', ORIGIN, 'curl', '-s', `${base}/items`, '-H', 'Accept: application/json']);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain(`page origin: ${ORIGIN}  (--origin)`);
		expect(r.stdout).toContain('browser: chromium  (the default: no User-Agent names a browser)');
		expect(r.stdout).toMatch(/missing-allow-origin/);
		expect(seen).toHaveLength(1);
		expect(seen[0]?.headers.origin).toBe(ORIGIN);
	});

	test.each([
		[['check', 'curl'], /the curl command names no URL/],
		[['check', 'curl', 'http://127.0.0.1:9/x'], /no Origin or Referer header, so the page's origin is unknown\ngive it: cors-tutor check --origin/],
		[['check', '-X', 'PUT', 'curl', 'http://127.0.0.1:9/x', '-H', `Origin: ${ORIGIN}`], /--method cannot be combined with a curl command/],
		[['check', 'http://127.0.0.1:9/y', 'curl', 'http://127.0.0.1:9/x'], /give the URL once, in the curl command/],
		[['check', 'curl', 'http://127.0.0.1:9/x', '-H', `Origin: ${ORIGIN}`, '--form', 'a=1'], /uses --form: a multipart form/],
		[['check', 'curl', 'http://127.0.0.1:9/x', '-H', 'Origin: https://app.example/'], /--origin: .*serialized origin/],
	])('%j: exit 2, nothing sent', async (args, message) => {
		expectUsageError(await runCliAsync(args), message);
	});

	test('"curl" as the value of one of check\'s flags is not the start of a command', async () => {
		const r = await runCliAsync(['check', 'http://127.0.0.1:9/', '--origin', ORIGIN, '-H', 'curl']);
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/--header "curl" has no colon/);
	});
});
