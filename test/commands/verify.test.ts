// `cors-tutor verify` end to end: the built binary against loopback servers — one built from
// the policy model itself (it must agree on every request), one that reflects any origin —
// and every usage error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Header } from '../../source/core/headers.js';
import { policyServer } from '../../source/policy/evaluate.js';
import { parsePolicyText } from '../../source/policy/schema.js';
import { expectUsageError, runCliAsync } from '../helpers/cli.js';

const POLICY = { origins: ['http://localhost:5173'], methods: ['GET', 'POST', 'PUT'], allowHeaders: ['Content-Type'], credentials: true, maxAge: 600 };
const dir = mkdtempSync(join(tmpdir(), 'cors-tutor-verify-'));
const file = join(dir, 'policy.json');
writeFileSync(file, JSON.stringify(POLICY));

const open: Server[] = [];
afterAll(async () => {
	for (const s of open) {
		s.closeAllConnections();
		await new Promise<void>((r) => s.close(() => r()));
	}
});

/** A loopback server; `seen` records each request's method and Origin. */
async function serve(answer: (method: string, headers: Header[]) => { status: number; headers: readonly Header[] }): Promise<{ url: string; seen: string[] }> {
	const seen: string[] = [];
	const s = createServer((req, res) => {
		const headers: Header[] = [];
		for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
		seen.push(`${req.method} ${req.headers.origin ?? '-'}`);
		const a = answer(req.method ?? 'GET', headers);
		// A flat [name, value, name, value…] list: the lines go out as given.
		res.writeHead(a.status, a.headers.flat());
		res.end();
	});
	open.push(s);
	await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
	const a = s.address();
	return { url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/items`, seen };
}

describe('cors-tutor verify', () => {
	test('a server that does what the policy says: every request agrees, exit 0', async () => {
		const model = policyServer(parsePolicyText(JSON.stringify(POLICY), 'policy.json'));
		const { url, seen } = await serve((method, headers) => model({ method, url: 'http://x/', headers, body: null }));
		const r = await runCliAsync(['verify', file, url]);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toContain(`${url} against ${file}: 14 requests`);
		expect(r.stdout).toContain('✓ preflight PUT with content-type from http://localhost:5173  204');
		expect(r.stdout).toMatch(/✓ The server answers as the policy says, on all 14 requests\.\n$/);
		// One request at a time, each probe once.
		expect(seen).toHaveLength(14);
		expect(seen[0]).toBe('GET http://localhost:5173');
	});

	test('a server that reflects any origin with credentials: each difference named, exit 1', async () => {
		const { url } = await serve((method, headers) => {
			const origin = headers.find(([k]) => k.toLowerCase() === 'origin')?.[1];
			const h: Header[] = origin ? [['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Credentials', 'true']] : [];
			return method === 'OPTIONS' ? { status: 204, headers: [...h, ['Access-Control-Allow-Methods', 'GET,POST,PUT,DELETE']] } : { status: 200, headers: h };
		});
		const r = await runCliAsync(['verify', file, url, '--no-color']);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('  ✗ GET from http://evil.com  200\n      access-control-allow-origin: the policy sends no such header, the server "http://evil.com"\n');
		expect(r.stdout).toContain('      access-control-allow-methods: the policy sends "GET, POST, PUT", the server "DELETE, GET, POST, PUT"\n');
		expect(r.stdout).toContain('      Vary: Origin is missing');
		expect(r.stdout).toMatch(/14 differ, 0 agree\.\n {2}Fix the server/);
		const json = JSON.parse((await runCliAsync(['verify', file, url, '--json'])).stdout);
		expect(json.counts).toEqual({ agree: 0, differ: 14, failed: 0 });
		expect(json.probes[0]).toMatchObject({ name: 'GET from http://localhost:5173', method: 'GET', origin: 'http://localhost:5173', status: 200, error: null });
		expect(json.probes[0].cors).toEqual([['Access-Control-Allow-Origin', 'http://localhost:5173'], ['Access-Control-Allow-Credentials', 'true']]);
	});

	test('-H goes on every request but the preflights, as in a browser: OPTIONS behind the key is found', async () => {
		const model = policyServer(parsePolicyText(JSON.stringify(POLICY), 'policy.json'));
		const keyed = (optionsToo: boolean) => (method: string, headers: Header[]) =>
			(method === 'OPTIONS' && !optionsToo) || headers.some(([k, v]) => k === 'X-Api-Key' && v === 'k1') ? model({ method, url: 'http://x/', headers, body: null }) : { status: 401, headers: [] };
		const right = await serve(keyed(false));
		expect((await runCliAsync(['verify', file, right.url, '-H', 'X-Api-Key: k1'])).code).toBe(0);
		const wrong = await serve(keyed(true));
		const r = await runCliAsync(['verify', file, wrong.url, '-H', 'X-Api-Key: k1']);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('  ✗ preflight PUT with content-type from http://localhost:5173  401\n');
		expect(r.stdout).toContain('The preflights got 401/403: a browser sends OPTIONS without credentials');
		// Without the key at all: every request 401, and the hint says how to pass it.
		const none = await runCliAsync(['verify', file, wrong.url]);
		expect(none.stdout).toMatch(/Every request got 401: the server wants credentials before its CORS layer answers\. Pass them with -H/);
	});

	test('a redirect is named, not compared', async () => {
		const { url } = await serve(() => ({ status: 301, headers: [['Location', 'https://api.example.com/items']] }));
		const r = await runCliAsync(['verify', file, url]);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain('  ✗ GET from http://localhost:5173  301\n      the server answered 301, a redirect to https://api.example.com/items: browsers fail a redirected preflight, and follow other redirects to where CORS is decided; run verify on https://api.example.com/items\n');
		expect(r.stdout).not.toContain('access-control-allow-origin:');
	});

	test('nothing listening: exit 3, each request says so', async () => {
		const r = await runCliAsync(['verify', file, 'http://127.0.0.1:9/items', '--timeout', '2']);
		expect(r.code).toBe(3);
		expect(r.stdout).toMatch(/! GET from http:\/\/localhost:5173 {2}no answer: .*refused/);
	});

	const bad = join(dir, 'bad.json');
	writeFileSync(bad, JSON.stringify({ origins: ['http://localhost:5173/'], method: ['GET'] }));
	test.each([
		[['verify'], /verify takes a policy file and a URL, got neither/],
		[['verify', 'policy.json'], /verify takes a policy file and a URL, got policy\.json/],
		[['verify', 'policy.json', 'ftp://x/'], /"ftp:\/\/x\/" is not an http:\/\/ or https:\/\/ URL/],
		[['verify', join(dir, 'missing.json'), 'http://127.0.0.1:9/'], /missing\.json cannot be read \(no such file\)\nthe policy file comes first/],
		[['verify', bad, 'http://127.0.0.1:9/'], /bad\.json: (origins\[0\]|method)/],
		[['verify', file, 'http://127.0.0.1:9/', '-H', 'Origin: https://x.example'], /--header Origin: verify sets that header itself/],
		[['verify', file, 'http://127.0.0.1:9/', '--origin', 'https://x.example/path'], /--origin "https:\/\/x\.example\/path" is not an http\(s\) origin/],
		[['verify', file, 'http://127.0.0.1:9/', '--timeout', 'never'], /--timeout must be a positive number/],
	])('%j: exit 2, nothing sent', async (args, message) => {
		expectUsageError(await runCliAsync(args), message);
	});
});
