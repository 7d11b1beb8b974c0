// The replay loop without a network: each request goes out once, in the core's order, and
// the last run of the core sees every answer.
import { expect, test } from 'vitest';
import { PROFILES } from '../../source/core/profiles/index.js';

const { chromium, firefox } = PROFILES;
import { pageFor, runCheck } from '../../source/check/run.js';
import type { Answer, Exchange } from '../../source/net/http.js';

const ORIGIN = 'https://app.example';
const ok = (status: number, headers: [string, string][]): Answer => ({ ok: true, status, statusText: '', headers, body: '', truncated: false, ms: 1 });

/** /a redirects (307) to /b on another origin; both allow everyone and PUT. */
function fakeNet() {
	const calls: Exchange[] = [];
	const send = async (x: Exchange) => {
		calls.push(x);
		const allow: [string, string][] = [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'PUT']];
		if (x.method === 'OPTIONS') return ok(204, allow);
		return x.url.endsWith('/a') ? ok(307, [...allow, ['Location', 'http://other.test/b']]) : ok(200, allow);
	};
	return { calls, net: { timeoutMs: 1000, maxBodyBytes: 1000, insecure: false, send } };
}

const init = { url: 'http://api.test/a', method: 'PUT', headers: [], body: null, credentials: 'same-origin', mode: 'cors' } as const;

test.each([
	['chromium', chromium, ['OPTIONS http://api.test/a', 'PUT http://api.test/a', 'OPTIONS http://other.test/b', 'PUT http://other.test/b']],
	['firefox', firefox, ['OPTIONS http://api.test/a', 'PUT http://api.test/a', 'OPTIONS http://other.test/b', 'PUT http://other.test/b']],
] as const)('%s: a preflighted request and its redirect: four requests, each sent once', async (_name, profile, wanted) => {
	const { calls, net } = fakeNet();
	const run = await runCheck(profile, pageFor(ORIGIN), init, net);
	expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(wanted);
	expect(run.exchanges.map((x) => x.purpose)).toEqual(['preflight', 'actual', 'preflight', 'actual']);
	expect(run.result?.outcome).toBe('ok');
	expect(run.result?.sent).toHaveLength(4);
	expect(calls.every((c) => c.timeoutMs === 1000 && c.maxBodyBytes === 1000)).toBe(true);
});

test('a network failure stops the run: no verdict, the failed exchange last', async () => {
	const send = async (x: Exchange) => (x.method === 'OPTIONS' ? ok(204, [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'PUT']]) : { ok: false as const, kind: 'reset' as const, message: 'reset', ms: 1 });
	const run = await runCheck(chromium, pageFor(ORIGIN), init, { timeoutMs: 1000, maxBodyBytes: 1000, insecure: false, send });
	expect(run.result).toBeNull();
	expect(run.exchanges.map((x) => x.answer.ok)).toEqual([true, false]);
	expect(run.trace.at(-1)).toMatchObject({ type: 'request', purpose: 'actual' });
});

test('pageFor: the origin root, and about:blank for a null origin', () => {
	expect(pageFor(ORIGIN).url).toBe(`${ORIGIN}/`);
	expect(pageFor('null')).toMatchObject({ url: 'about:blank', origin: { kind: 'opaque' } });
});

test.each([
	// credentials mode, URL, the requests that carry the cookie
	// (after the redirect to another origin the request's origin is null, so the next preflight fails)
	['include', 'http://api.test/a', ['PUT http://api.test/a']],
	['same-origin', 'http://api.test/a', []],
	['omit', 'http://api.test/a', []],
	['same-origin', 'https://app.example/x', ['PUT https://app.example/x']],
] as const)('--cookie with credentials "%s" to %s: sent with %j, never on a preflight', async (credentials, url, withCookie) => {
	// A server that allows the page with credentials, and redirects /a to another origin.
	const calls: Exchange[] = [];
	const send = async (x: Exchange) => {
		calls.push(x);
		const allow: [string, string][] = [['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Methods', 'PUT']];
		if (x.method === 'OPTIONS') return ok(204, allow);
		return x.url.endsWith('/a') ? ok(307, [...allow, ['Location', 'http://other.test/b']]) : ok(200, allow);
	};
	const run = await runCheck(chromium, pageFor(ORIGIN), { ...init, url, credentials }, { timeoutMs: 1000, maxBodyBytes: 1000, insecure: false, send, cookie: 'session=abc; theme=dark' });
	const cookied = calls.filter((c) => c.headers.some(([k, v]) => k === 'Cookie' && v === 'session=abc; theme=dark')).map((c) => `${c.method} ${c.url}`);
	expect(cookied).toEqual(withCookie);
	expect(run.exchanges.filter((x) => x.cookie).map((x) => `${x.request.method} ${x.request.url}`)).toEqual(withCookie);
	// The replay compares the core's requests, which never hold the cookie.
	expect(run.result).not.toBeNull();
});
