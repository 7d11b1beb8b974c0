import { describe, expect, test } from 'vitest';
import type { FetchResult, ResponseSpec, RouteSpec, ServerSpec } from '../../source/core/index.js';
import { ALL, APP, ECHO, chromium, fetchStep, firefox, methodsSeen, runAll, runOne, saw } from './helpers.js';

const OPEN_PF: ResponseSpec = { status: 204, headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': '*', 'Access-Control-Allow-Headers': '*' } };
const STAR_OK: ResponseSpec = { status: 200, headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' }, body: 'ok' };
const hop = (status: number, location: string, acao: string | null = '*'): ResponseSpec => ({
	status, headers: { Location: location, ...(acao === null ? {} : { 'Access-Control-Allow-Origin': acao }) },
});
const route = (response: ResponseSpec, preflight: ResponseSpec | null = OPEN_PF): RouteSpec => (preflight ? { preflight, response } : { response });
const srv = (routes: Record<string, RouteSpec>, response: ResponseSpec = STAR_OK, preflight: ResponseSpec = OPEN_PF): ServerSpec => ({ preflight, response, routes });
const actual = (r: FetchResult) => r.sent.filter((s) => s.method !== 'OPTIONS');

describe('cors-facts §6.3 method changes on redirect', () => {
	test.each<[number, string, string, boolean]>([
		// status, method, method after, body and body headers dropped
		[301, 'POST', 'GET', true],
		[302, 'POST', 'GET', true],
		[303, 'POST', 'GET', true],
		[303, 'PUT', 'GET', true],
		[303, 'DELETE', 'GET', true],
		[303, 'HEAD', 'HEAD', false],
		[303, 'GET', 'GET', false],
		[301, 'PUT', 'PUT', false],
		[302, 'DELETE', 'DELETE', false],
		[307, 'POST', 'POST', false],
		[307, 'PUT', 'PUT', false],
		[308, 'POST', 'POST', false],
		[308, 'PUT', 'PUT', false],
	])('%i %s → %s', (status, method, after, dropped) => {
		const hasBody = method !== 'GET' && method !== 'HEAD';
		const step = fetchStep({
			url: 'http://api.test/start', method, credentials: 'omit', body: hasBody ? 'payload' : null,
			headers: [['Content-Language', 'en'], ['X-Keep', '1'], ...(hasBody ? [['Content-Type', 'text/plain'] as const] : [])],
		});
		for (const p of ALL) {
			const { result } = runOne(p, srv({ 'http://api.test/start': route(hop(status, 'http://api.test/final')) }), step);
			expect(result.outcome).toBe('ok');
			const [first, second] = actual(result);
			expect(first?.method).toBe(method);
			expect(second?.method).toBe(after);
			expect(second?.url).toBe('http://api.test/final');
			const names = (second?.headers ?? []).map(([k]) => k.toLowerCase());
			expect(names).toContain('x-keep');
			expect(names.includes('content-language')).toBe(!dropped);
			if (hasBody) {
				expect(second?.body).toBe(dropped ? null : 'payload');
				expect(names.includes('content-type')).toBe(!dropped);
			}
		}
	});
});

describe('cors-facts §6.5 redirect tainting', () => {
	const reflect: ResponseSpec = { status: 200, headers: { 'Access-Control-Allow-Origin': '$ORIGIN', 'Content-Type': 'text/plain' } };

	test.each<[string, string[], string[], 'cors' | 'basic']>([
		// label, URL chain (page is http://app.test), Origin seen at each hop, final response type
		['A→B→C: null', ['http://app.test/a', 'http://api.test/b', 'http://evil.test/c'], ['', 'http://app.test', 'null'], 'cors'],
		['A→B→A: null, still cors', ['http://app.test/a', 'http://api.test/b', 'http://app.test/c'], ['', 'http://app.test', 'null'], 'cors'],
		["A→A'→B: A", ['http://app.test/a', 'http://app.test/a2', 'http://api.test/b'], ['', '', 'http://app.test'], 'cors'],
		['B→C: null at C', ['http://api.test/start', 'http://evil.test/final'], ['http://app.test', 'null'], 'cors'],
		["B→B'→C: B→B' keeps the origin, B'→C taints", ['http://api.test/a', 'http://api.test/b', 'http://evil.test/c'], ['http://app.test', 'http://app.test', 'null'], 'cors'],
		["A→A': basic", ['http://app.test/a', 'http://app.test/b'], ['', ''], 'basic'],
	])('%s', (_l, chain, origins, type) => {
		const routes: Record<string, RouteSpec> = {};
		chain.forEach((u, i) => {
			const next = chain[i + 1];
			routes[u] = route(next === undefined ? reflect : hop(302, next));
		});
		for (const p of ALL) {
			const { obs } = runOne(p, srv(routes), fetchStep({ url: chain[0] ?? '' }));
			expect(obs.server_saw.map((r) => r.url)).toEqual(chain);
			expect(obs.server_saw.map((r) => r.headers.origin ?? '')).toEqual(origins);
			expect(obs).toMatchObject({ outcome: 'ok', type });
		}
	});

	test('a tainted request fails against a fixed ACAO naming the page (redirect-cross-origin-target-fixed-acao)', () => {
		const s = srv({ 'http://api.test/start': route(hop(302, 'http://evil.test/final', '$ORIGIN')),
			'http://evil.test/final': route({ status: 200, headers: { 'Access-Control-Allow-Origin': APP } }) });
		for (const p of ALL) expect(runOne(p, s, fetchStep({ url: 'http://api.test/start' })).result.failure).toMatchObject({ code: 'allow-origin-mismatch', value: APP, stage: 'actual' });
	});

	test('a tainted request that needs a preflight sends the new preflight with Origin: null', () => {
		const s = srv({ 'http://api.test/start': route(hop(307, 'http://evil.test/final')) });
		const { obs } = runOne(chromium, s, fetchStep({ url: 'http://api.test/start', method: 'PUT', credentials: 'omit' }));
		expect(obs.server_saw.map((r) => [r.method, r.url, r.headers.origin])).toEqual([
			['OPTIONS', 'http://api.test/start', APP], ['PUT', 'http://api.test/start', APP],
			['OPTIONS', 'http://evil.test/final', 'null'], ['PUT', 'http://evil.test/final', 'null'],
		]);
	});
});

describe('cors-facts §6.6 re-checks after each redirect', () => {
	test('a request that still needs a preflight gets a new preflight to the new URL', () => {
		const s = srv({ 'http://api.test/start': route(hop(307, 'http://api.test/final')) });
		for (const p of ALL) {
			const { obs } = runOne(p, s, fetchStep({ url: 'http://api.test/start', method: 'PUT', credentials: 'omit', headers: [['X-A', '1']] }));
			expect(obs.server_saw.map((r) => `${r.method} ${r.url}`)).toEqual([
				'OPTIONS http://api.test/start', 'PUT http://api.test/start', 'OPTIONS http://api.test/final', 'PUT http://api.test/final',
			]);
			expect(saw(obs, 2).headers['access-control-request-headers']).toBe('x-a');
			expect(obs.outcome).toBe('ok');
		}
	});

	test('the new preflight can fail on its own (the target has no preflight handler)', () => {
		const s = srv({ 'http://api.test/start': route(hop(307, 'http://api.test/final')), 'http://api.test/final': route(STAR_OK, null) });
		for (const p of ALL) {
			const { obs, result } = runOne(p, s, fetchStep({ url: 'http://api.test/start', method: 'PUT', credentials: 'omit' }));
			expect(methodsSeen(obs)).toEqual(['OPTIONS', 'PUT', 'OPTIONS']);
			expect(result.failure?.stage).toBe('preflight');
		}
	});

	test('a redirect response without ACAO fails the hop; the target is never requested (redirect-302-hop-without-acao)', () => {
		const s = srv({ 'http://api.test/start': route(hop(302, 'http://evil.test/final', null)) });
		for (const p of ALL) {
			const { obs, result } = runOne(p, s, fetchStep({ url: 'http://api.test/start' }));
			expect(obs.server_saw.map((r) => r.url)).toEqual(['http://api.test/start']);
			expect(result.failure).toMatchObject({ code: 'missing-allow-origin', stage: 'redirect', status: 302 });
		}
	});

	test('Firefox forgets cached preflights for a URL whose redirect fails CORS; Chromium does not', () => {
		const s = srv({ 'http://api.test/start': route(hop(307, 'http://api.test/final', null), { status: 204, headers: { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Methods': 'PUT' } }) });
		const step = fetchStep({ url: 'http://api.test/start', method: 'PUT' });
		for (const [p, again] of [[chromium, false], [firefox, true]] as const) {
			const obs = runAll(p, s, [step, step]);
			expect(obs.map((o) => o.outcome)).toEqual(['network-error', 'network-error']);
			expect(obs[1]?.preflight_sent).toBe(again);
		}
	});
});

describe('cors-facts §6.1, §6.2 Location checks and the redirect limit', () => {
	test.each<[string, string, string, 'cors' | 'no-cors', string | null]>([
		// label, fetch URL, Location, mode, failure code (null: followed)
		['cross-origin userinfo from a cors hop', 'http://api.test/start', 'http://user:pass@evil.test/final', 'cors', 'redirect-has-credentials'],
		['same-origin (to the hop) userinfo from a cors hop', 'http://api.test/start', 'http://user:pass@api.test/final', 'cors', 'redirect-has-credentials'],
		['userinfo on a page-origin URL from a basic hop', 'http://app.test/start', 'http://user:pass@app.test/final', 'cors', null],
		['cross-origin userinfo from a basic hop', 'http://app.test/start', 'http://user@api.test/final', 'cors', 'redirect-has-credentials'],
		['cross-origin userinfo in no-cors mode', 'http://api.test/start', 'http://user:pass@evil.test/final', 'no-cors', null],
		['data: URL', 'http://api.test/start', 'data:text/plain,hi', 'cors', 'redirect-unsafe-scheme'],
		['ftp: URL', 'http://api.test/start', 'ftp://evil.test/x', 'cors', 'redirect-unsafe-scheme'],
		['relative Location', 'http://api.test/start', '/final', 'cors', null],
		['unparseable Location', 'http://api.test/start', 'http://[broken', 'cors', 'redirect-bad-location'],
	])('%s', (_l, url, location, mode, code) => {
		const s = srv({ [url]: route(hop(302, location)) });
		for (const p of ALL) {
			const { obs, result } = runOne(p, s, fetchStep({ url, mode }));
			expect(result.failure?.code ?? null).toBe(code);
			expect(obs.request_sent).toBe(true);
			if (code !== null) expect(obs.server_saw).toHaveLength(1);
		}
	});

	const chain = (n: number): ServerSpec => {
		const routes: Record<string, RouteSpec> = {};
		for (let i = 0; i < n; i++) routes[`http://api.test/r${i}`] = route(hop(302, `/r${i + 1}`));
		return srv(routes);
	};

	test.each<[number, string | null]>([
		[1, null],
		[19, null],
		[20, null],
		[21, 'too-many-redirects'],
		[25, 'too-many-redirects'],
	])('%i redirects → %s', (n, code) => {
		for (const p of ALL) {
			const { obs, result } = runOne(p, chain(n), fetchStep({ url: 'http://api.test/r0' }));
			expect(result.failure?.code ?? null).toBe(code);
			expect(obs.server_saw).toHaveLength(Math.min(n, 20) + 1);
			if (code === null) expect(result.urlList).toHaveLength(n + 1);
		}
	});
});

describe('cors-facts §6.4 Authorization is dropped on a cross-origin hop', () => {
	test.each<[string, string, boolean]>([
		['cross-origin hop', 'http://evil.test/final', false],
		['same-origin hop', 'http://api.test/final', true],
	])('%s: Authorization kept %s', (_l, location, kept) => {
		const s = srv({ 'http://api.test/start': route(hop(307, location)) });
		for (const p of ALL) {
			const { result } = runOne(p, s, fetchStep({ url: 'http://api.test/start', credentials: 'omit', headers: [['Authorization', 'Bearer t'], ['X-A', '1']] }));
			expect(result.outcome).toBe('ok');
			const last = result.sent[result.sent.length - 1];
			expect(last?.url).toBe(location);
			expect(last?.headers.some(([k]) => k.toLowerCase() === 'authorization')).toBe(kept);
			const pf = result.sent.filter((r) => r.method === 'OPTIONS' && r.url === location)[0];
			expect(pf?.headers.find(([k]) => k === 'access-control-request-headers')?.[1]).toBe(kept ? 'authorization,x-a' : 'x-a');
		}
	});

	test('with Authorization gone and nothing else unsafe, the new hop needs no preflight', () => {
		const s = srv({ 'http://api.test/start': route(hop(307, 'http://evil.test/final')) });
		const { obs } = runOne(chromium, s, fetchStep({ url: 'http://api.test/start', credentials: 'omit', headers: [['Authorization', 'Bearer t']] }));
		expect(obs.server_saw.map((r) => `${r.method} ${r.url}`)).toEqual(['OPTIONS http://api.test/start', 'GET http://api.test/start', 'GET http://evil.test/final']);
	});
});

test('ECHO helper keeps passing after same-origin redirects (sanity)', () => {
	const { obs } = runOne(chromium, { response: ECHO, routes: { 'http://api.test/start': route(hop(302, '/data', '$ORIGIN')) } }, fetchStep({ url: 'http://api.test/start' }));
	expect(obs.outcome).toBe('ok');
});
