import { describe, expect, test } from 'vitest';
import { type CacheQuery, type PreflightCache, ResultCache, TokenCache } from '../../source/core/index.js';
import { ECHO, chromium, fetchStep, firefox, liveBrowser, preflightAnswer, runAll, safari } from './helpers.js';

const Q = (over: Partial<CacheQuery> = {}): CacheQuery => ({ origin: 'http://app.test', url: 'http://api.test/data', include: false, method: 'PUT', headers: [], ...over });
const grant = (methods: string[], headers: string[] = [], maxAgeMs = 5000) => ({ methods, headers, maxAgeMs });
const caches: [string, () => PreflightCache][] = [
	['ResultCache (Chromium)', () => new ResultCache({ starCoversAuthorization: true })],
	['TokenCache (Firefox)', () => new TokenCache()],
];

describe('cors-facts §4 both cache shapes', () => {
	test.each(caches)('%s: an entry is fresh while now < stored + max-age, expired at exactly the boundary', (_n, make) => {
		const c = make();
		c.store(Q(), grant(['PUT']), 1000);
		expect(c.lookup(Q(), 5999).hit).toBe(true);
		expect(c.lookup(Q(), 6000).hit).toBe(false);
		expect(c.entries(6000)).toEqual([]);
	});

	test.each(caches)('%s: keyed by origin and full URL (query included)', (_n, make) => {
		const c = make();
		c.store(Q(), grant(['PUT']), 0);
		expect(c.lookup(Q({ url: 'http://api.test/data?x=1' }), 1).hit).toBe(false);
		expect(c.lookup(Q({ url: 'http://api.test/other' }), 1).hit).toBe(false);
		expect(c.lookup(Q({ origin: 'http://evil.test' }), 1).hit).toBe(false);
		expect(c.lookup(Q(), 1).hit).toBe(true);
	});

	test.each(caches)('%s: methods match case-sensitively, headers case-insensitively', (_n, make) => {
		const c = make();
		c.store(Q(), grant(['PUT', 'patch'], ['X-Custom']), 0);
		expect(c.lookup(Q({ method: 'patch', headers: ['x-custom'] }), 1).hit).toBe(true);
		const d = make();
		d.store(Q(), grant(['PUT']), 0);
		expect(d.lookup(Q({ method: 'put' }), 1).hit).toBe(false);
	});

	test.each(caches)('%s: max-age 0 is never a hit', (_n, make) => {
		const c = make();
		c.store(Q(), grant(['PUT'], [], 0), 10);
		expect(c.lookup(Q(), 10).hit).toBe(false);
	});
});

describe('cors-facts §4.5 Chromium ResultCache: one result per (origin, URL), replaced, never merged', () => {
	test('a later store replaces the earlier grant', () => {
		const c = new ResultCache({ starCoversAuthorization: true });
		c.store(Q({ headers: ['x-a'] }), grant(['PUT'], ['x-a']), 0);
		c.store(Q({ headers: ['x-b'] }), grant(['PUT'], ['x-b']), 0);
		expect(c.lookup(Q({ headers: ['x-b'] }), 1).hit).toBe(true);
		expect(c.lookup(Q({ headers: ['x-a'] }), 1).hit).toBe(false);
	});

	test('an insufficient hit is erased (a later sufficient request misses too)', () => {
		const c = new ResultCache({ starCoversAuthorization: true });
		c.store(Q(), grant(['PUT']), 0);
		expect(c.lookup(Q({ method: 'DELETE' }), 1).hit).toBe(false);
		expect(c.lookup(Q(), 2).hit).toBe(false);
	});

	test.each<[boolean, boolean, boolean]>([
		// stored with include, looked up with include, hit
		[true, true, true],
		[true, false, true],
		[false, false, true],
		[false, true, false],
	])('stored include=%s serves include=%s: %s', (stored, asked, hit) => {
		const c = new ResultCache({ starCoversAuthorization: true });
		c.store(Q({ include: stored }), grant(['PUT']), 0);
		expect(c.lookup(Q({ include: asked }), 1).hit).toBe(hit);
	});

	test('a * grant made without credentials is reused for any method and header', () => {
		const c = new ResultCache({ starCoversAuthorization: true });
		c.store(Q(), grant(['*'], ['*']), 0);
		expect(c.lookup(Q({ method: 'DELETE', headers: ['x-a', 'authorization'] }), 1).hit).toBe(true);
	});

	test('a * grant made with credentials is only the literal name *', () => {
		const c = new ResultCache({ starCoversAuthorization: true });
		c.store(Q({ include: true }), grant(['*'], ['*']), 0);
		expect(c.lookup(Q({ include: true, method: 'DELETE' }), 1).hit).toBe(false);
	});

	test('observed: a successful preflight for X-B replaces the X-A entry, so X-A preflights again', () => {
		const b = liveBrowser(chromium, [preflightAnswer({ 'Access-Control-Allow-Headers': 'X-A', 'Access-Control-Max-Age': '60' }),
			preflightAnswer({ 'Access-Control-Allow-Headers': 'X-B', 'Access-Control-Max-Age': '60' })]);
		expect(b.preflighted(fetchStep({ headers: [['X-A', '1']] }))).toBe(true);
		expect(b.preflighted(fetchStep({ headers: [['X-A', '1']] }))).toBe(false);
		expect(b.preflighted(fetchStep({ headers: [['X-B', '1']] }))).toBe(true);
		expect(b.preflighted(fetchStep({ headers: [['X-B', '1']] }))).toBe(false);
		expect(b.preflighted(fetchStep({ headers: [['X-A', '1']] }))).toBe(true);
	});
});

describe('cors-facts §4.6 Firefox TokenCache: keyed by credentials, per-token expiry, merged', () => {
	test.each<[boolean, boolean, boolean]>([
		[true, true, true],
		[true, false, false],
		[false, false, true],
		[false, true, false],
	])('stored include=%s serves include=%s: %s', (stored, asked, hit) => {
		const c = new TokenCache();
		c.store(Q({ include: stored }), grant(['PUT']), 0);
		expect(c.lookup(Q({ include: asked }), 1).hit).toBe(hit);
	});

	test('tokens merge and keep their own expiry', () => {
		const c = new TokenCache();
		c.store(Q(), grant(['PUT'], ['x-a'], 1000), 0);
		c.store(Q(), grant(['PUT'], ['X-B'], 5000), 500);
		expect(c.lookup(Q({ headers: ['x-a', 'x-b'] }), 999).hit).toBe(true);
		expect(c.lookup(Q({ headers: ['x-a'] }), 1000).hit).toBe(false);
		expect(c.lookup(Q({ headers: ['x-b'] }), 1000).hit).toBe(true);
		expect(c.lookup(Q(), 5499).hit).toBe(true);
		expect(c.lookup(Q(), 5500).hit).toBe(false);
	});

	test('GET and POST need no method token; HEAD and everything else do', () => {
		const c = new TokenCache();
		c.store(Q(), grant([], ['x-a']), 0);
		expect(c.lookup(Q({ method: 'GET', headers: ['x-a'] }), 1).hit).toBe(true);
		expect(c.lookup(Q({ method: 'POST', headers: ['x-a'] }), 1).hit).toBe(true);
		expect(c.lookup(Q({ method: 'HEAD', headers: ['x-a'] }), 1).hit).toBe(false);
	});

	test('a * token never satisfies a lookup', () => {
		const c = new TokenCache();
		c.store(Q(), grant(['*'], ['*']), 0);
		expect(c.lookup(Q({ method: 'DELETE' }), 1).hit).toBe(false);
		expect(c.lookup(Q({ method: 'GET', headers: ['x-a'] }), 1).hit).toBe(false);
	});

	test('clear removes both the credentialed and the uncredentialed entry for the URL', () => {
		const c = new TokenCache();
		c.store(Q({ include: true }), grant(['PUT']), 0);
		c.store(Q(), grant(['PUT']), 0);
		expect(c.clear('http://app.test', 'http://api.test/data')).toHaveLength(2);
		expect(c.entries(1)).toEqual([]);
	});

	test('observed: X-A and X-B granted by two preflights are both reused (Chromium would preflight again)', () => {
		const answers = [preflightAnswer({ 'Access-Control-Allow-Headers': 'X-A' }), preflightAnswer({ 'Access-Control-Allow-Headers': 'X-B' })];
		const steps = [[['X-A', '1']], [['X-B', '1']], [['X-A', '1'], ['X-B', '1']]] as const;
		const ff = liveBrowser(firefox, answers);
		expect(steps.map((h) => ff.preflighted(fetchStep({ headers: h })))).toEqual([true, true, false]);
		const cr = liveBrowser(chromium, answers);
		expect(steps.map((h) => cr.preflighted(fetchStep({ headers: h })))).toEqual([true, true, true]);
	});

	test('observed: a preflight whose Max-Age is not digits leaves existing tokens untouched', () => {
		const ff = liveBrowser(firefox, [preflightAnswer({ 'Access-Control-Allow-Headers': 'X-A', 'Access-Control-Max-Age': '60' }),
			preflightAnswer({ 'Access-Control-Allow-Headers': 'X-A, X-B', 'Access-Control-Max-Age': 'abc' })]);
		expect(ff.preflighted(fetchStep({ headers: [['X-A', '1']] }))).toBe(true);
		expect(ff.preflighted(fetchStep({ headers: [['X-B', '1']] }))).toBe(true);
		expect(ff.preflighted(fetchStep({ headers: [['X-A', '1']] }))).toBe(false);
		expect(ff.preflighted(fetchStep({ headers: [['X-B', '1']] }))).toBe(true);
	});
});

describe('observed cache behaviour per profile (runScenario, one browsing context per scenario)', () => {
	const pf = preflightAnswer({ 'Access-Control-Allow-Methods': 'PUT' });
	const put = (credentials: 'omit' | 'include') => fetchStep({ method: 'PUT', credentials });

	test.each<[string, 'omit' | 'include', 'omit' | 'include', boolean, boolean, boolean]>([
		// first, second, Chromium / Firefox / Safari second preflights?
		['include then omit', 'include', 'omit', false, true, false],
		['omit then include', 'omit', 'include', true, true, true],
		['include then include', 'include', 'include', false, false, false],
		['omit then omit', 'omit', 'omit', false, false, false],
	])('credentials: %s', (_l, a, b, cr, ff, sf) => {
		const second = (p: typeof chromium) => runAll(p, { preflight: pf, response: ECHO }, [put(a), put(b)])[1]?.preflight_sent;
		expect(second(chromium)).toBe(cr);
		expect(second(firefox)).toBe(ff);
		expect(second(safari)).toBe(sf);
	});

	test('a * grant (no credentials) is reused by Chromium and Safari, never by Firefox', () => {
		const server = { preflight: { status: 204, headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': '*', 'Access-Control-Allow-Headers': '*' } }, response: { status: 200, headers: { 'Access-Control-Allow-Origin': '*' } } };
		const step = fetchStep({ method: 'PUT', credentials: 'omit', headers: [['X-A', '1']] });
		for (const [p, again] of [[chromium, false], [safari, false], [firefox, true]] as const) {
			const obs = runAll(p, server, [step, step]);
			expect(obs.map((o) => o.outcome)).toEqual(['ok', 'ok']);
			expect(obs[1]?.preflight_sent).toBe(again);
		}
	});

	test('an actual response failing CORS clears Firefox\'s cached preflight; Chromium keeps it (§4.5, §4.6)', () => {
		const server = { preflight: pf, response: { status: 200, headers: { 'Content-Type': 'text/plain' } } };
		for (const [p, again] of [[chromium, false], [safari, false], [firefox, true]] as const) {
			const obs = runAll(p, server, [put('omit'), put('omit')]);
			expect(obs.map((o) => o.outcome)).toEqual(['network-error', 'network-error']);
			expect(obs[1]?.preflight_sent).toBe(again);
		}
	});

	test('Firefox: a failed preflight also clears the URL\'s cached tokens (the channel fails CORS, research §1a/§1c)', () => {
		const server = { preflight: preflightAnswer({ 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'X-A', 'Access-Control-Max-Age': '60' }), response: ECHO };
		const putA = fetchStep({ method: 'PUT', headers: [['X-A', '1']] });
		const del = fetchStep({ method: 'DELETE' });
		expect(runAll(firefox, server, [putA, putA]).map((o) => o.preflight_sent)).toEqual([true, false]);
		expect(runAll(firefox, server, [putA, del, putA]).map((o) => [o.preflight_sent, o.outcome])).toEqual([[true, 'ok'], [true, 'network-error'], [true, 'ok']]);
	});

	test('a failed preflight is not cached (cache-failed-preflight-not-cached)', () => {
		const server = { preflight: preflightAnswer({ 'Access-Control-Allow-Methods': 'DELETE' }), response: ECHO };
		for (const p of [chromium, firefox]) {
			const obs = runAll(p, server, [put('omit'), put('omit')]);
			expect(obs.map((o) => [o.preflight_sent, o.request_sent])).toEqual([[true, false], [true, false]]);
		}
	});

	test('Safari stores a preflight that failed its method check; a later request it covers reuses it (§4.7)', () => {
		const b = liveBrowser(safari, [preflightAnswer({ 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': 'X-A', 'Access-Control-Max-Age': '60' })]);
		expect(b.fetch(fetchStep({ method: 'PUT', headers: [['X-A', '1']] })).outcome).toBe('network-error');
		expect(b.browser.cache.entries(b.clock.now())).toHaveLength(1);
		expect(b.preflighted(fetchStep({ headers: [['X-A', '1']] }))).toBe(false);
	});
});
