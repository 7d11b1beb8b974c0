import { describe, expect, test } from 'vitest';
import {
	type BrowserProfile, type FailureCode, type Header, type PreflightQuery, evaluatePreflight, parseTokenList,
} from '../../source/core/index.js';
import { ALL, APP, ECHO, chromium, fetchStep, firefox, preflightAnswer, runOne, safari, saw } from './helpers.js';

const q = (over: Partial<PreflightQuery> = {}): PreflightQuery => ({ method: 'PUT', headers: [], origin: APP, include: false, ...over });
const acao: Header = ['Access-Control-Allow-Origin', APP];
const acac: Header = ['Access-Control-Allow-Credentials', 'true'];
const verdict = (p: BrowserProfile, status: number, headers: Header[], query: PreflightQuery): FailureCode | 'ok' => {
	const out = evaluatePreflight(p, { status, headers }, query);
	return out.ok ? 'ok' : out.problem.code;
};

describe('cors-facts §2.1, §1.10: the preflight request as the server sees it', () => {
	test.each(ALL.map((p) => [p.name, p] as const))('%s: OPTIONS with ACRM, ACRH (sorted, lowercased, deduped, "," without space) and Origin', (_n, p) => {
		const { obs } = runOne(p, { preflight: preflightAnswer({ 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': '*' }), response: ECHO },
			fetchStep({ method: 'PUT', headers: [['X-Zeta', '1'], ['X-Alpha', '2'], ['x-zeta', '3'], ['Content-Type', 'application/json'], ['Accept', 'x']] }));
		const pf = saw(obs, 0);
		expect(pf.method).toBe('OPTIONS');
		expect(pf.url).toBe('http://api.test/data');
		expect(pf.headers['access-control-request-method']).toBe('PUT');
		expect(pf.headers['access-control-request-headers']).toBe('content-type,x-alpha,x-zeta');
		expect(pf.headers.origin).toBe(APP);
		expect(pf.headers.accept).toBe('*/*');
		expect(pf.headers['x-zeta']).toBeUndefined();
		expect(saw(obs, 1).method).toBe('PUT');
		expect(saw(obs, 1).headers['x-zeta']).toBe('1, 3');
	});

	test('only the method is unsafe: no Access-Control-Request-Headers at all', () => {
		const { obs } = runOne(chromium, { preflight: preflightAnswer({ 'Access-Control-Allow-Methods': 'DELETE' }), response: ECHO }, fetchStep({ method: 'DELETE' }));
		expect(saw(obs, 0).headers['access-control-request-headers']).toBeUndefined();
		expect(saw(obs, 0).headers['access-control-request-method']).toBe('DELETE');
	});

	test('Chromium adds Sec-Fetch-Mode: cors to the preflight only (FORMAT.md)', () => {
		const { obs } = runOne(chromium, { preflight: preflightAnswer({ 'Access-Control-Allow-Methods': 'PUT' }), response: ECHO }, fetchStep({ method: 'PUT' }));
		expect(saw(obs, 0).headers['sec-fetch-mode']).toBe('cors');
		expect(saw(obs, 1).headers['sec-fetch-mode']).toBeUndefined();
	});

	test('an opaque page sends Origin: null on the preflight and the request', () => {
		const { obs } = runOne(chromium, { preflight: preflightAnswer({ 'Access-Control-Allow-Methods': 'PUT' }), response: ECHO }, fetchStep({ method: 'PUT' }), 'null');
		expect(saw(obs, 0).headers.origin).toBe('null');
		expect(saw(obs, 1).headers.origin).toBe('null');
		expect(obs.outcome).toBe('ok');
	});
});

describe('cors-facts §2.2 check order per profile', () => {
	test.each<[string, number, Header[], PreflightQuery, FailureCode | 'ok', FailureCode | 'ok', FailureCode | 'ok']>([
		// label, status, headers, query, Chromium, Firefox, Safari
		['404 without ACAO: Chromium/Firefox report ACAO, Safari the status', 404, [], q(), 'missing-allow-origin', 'missing-allow-origin', 'preflight-bad-status'],
		['500 with a mismatching ACAO', 500, [['Access-Control-Allow-Origin', 'http://evil.test']], q(), 'allow-origin-mismatch', 'allow-origin-mismatch', 'preflight-bad-status'],
		['404 with a good ACAO: status', 404, [acao, ['Access-Control-Allow-Methods', 'PUT']], q(), 'preflight-bad-status', 'preflight-bad-status', 'preflight-bad-status'],
		['200 ok', 200, [acao, ['Access-Control-Allow-Methods', 'PUT']], q(), 'ok', 'ok', 'ok'],
		['299 ok', 299, [acao, ['Access-Control-Allow-Methods', 'PUT']], q(), 'ok', 'ok', 'ok'],
		['199 is not ok', 199, [acao, ['Access-Control-Allow-Methods', 'PUT']], q(), 'preflight-bad-status', 'preflight-bad-status', 'preflight-bad-status'],
		['300 is not ok', 300, [acao, ['Access-Control-Allow-Methods', 'PUT']], q(), 'preflight-bad-status', 'preflight-bad-status', 'preflight-bad-status'],
		['credentialed: ACAC missing on the preflight', 204, [acao, ['Access-Control-Allow-Methods', 'PUT']], q({ include: true }), 'invalid-allow-credentials', 'invalid-allow-credentials', 'invalid-allow-credentials'],
		['method missing and ACAH unparseable: Firefox checks the method before parsing ACAH', 204,
			[acao, ['Access-Control-Allow-Methods', 'GET'], ['Access-Control-Allow-Headers', 'X-A X-B']], q({ headers: ['x-a'] }),
			'allow-headers-unparseable', 'method-not-allowed', 'allow-headers-unparseable'],
		['method ok and ACAH unparseable', 204, [acao, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'X-A X-B']], q({ headers: ['x-a'] }),
			'allow-headers-unparseable', 'allow-headers-unparseable', 'allow-headers-unparseable'],
		['both method and header missing: the method is reported', 204, [acao, ['Access-Control-Allow-Methods', 'GET']], q({ headers: ['x-a'] }),
			'method-not-allowed', 'method-not-allowed', 'method-not-allowed'],
	])('%s', (_l, status, headers, query, cr, ff, sf) => {
		expect(verdict(chromium, status, headers, query)).toBe(cr);
		expect(verdict(firefox, status, headers, query)).toBe(ff);
		expect(verdict(safari, status, headers, query)).toBe(sf);
	});

	test('a redirected preflight is never followed (§2.2)', () => {
		const server = { preflight: { status: 302, headers: { Location: 'http://api.test/elsewhere', 'Access-Control-Allow-Origin': '*' } }, response: ECHO };
		for (const p of ALL) {
			const { obs, result } = runOne(p, server, fetchStep({ method: 'PUT' }));
			expect(result.failure?.code).toBe('preflight-redirect');
			expect(obs.server_saw.map((r) => r.method)).toEqual(['OPTIONS']);
		}
	});
});

describe('cors-facts §2.3 ACAM/ACAH parsing: split on commas, trim, skip empty items, every item a token', () => {
	test.each<[string[], string[] | string]>([
		[['PUT, DELETE'], ['PUT', 'DELETE']],
		[[',PUT,, ,DELETE,'], ['PUT', 'DELETE']],
		[['  PUT\t,\tDELETE  '], ['PUT', 'DELETE']],
		[['PUT', 'DELETE'], ['PUT', 'DELETE']],
		[[''], []],
		[[], []],
		[['*'], ['*']],
		[['PUT DELETE'], 'PUT DELETE'],
		[['PUT;'], 'PUT;'],
		[['"PUT"'], '"PUT"'],
		[['PUT/DELETE'], 'PUT/DELETE'],
		[['PUT, X Y, Z'], 'X Y'],
	])('parseTokenList(%j) → %j', (lines, expected) => {
		const r = parseTokenList(lines);
		if (typeof expected === 'string') expect(r).toEqual({ ok: false, badItem: expected });
		else expect(r).toEqual({ ok: true, items: expected });
	});

	test.each<[string, Header[], PreflightQuery, FailureCode | 'ok']>([
		['empty items skipped', [acao, ['Access-Control-Allow-Methods', ',PUT,,'], ['Access-Control-Allow-Headers', ' x-a ,, X-B ,']], q({ headers: ['x-a', 'x-b'] }), 'ok'],
		['two ACAM lines are combined', [acao, ['Access-Control-Allow-Methods', 'GET'], ['Access-Control-Allow-Methods', 'PUT']], q(), 'ok'],
		['unparseable ACAM fails even for a safelisted method', [acao, ['Access-Control-Allow-Methods', 'PUT DELETE'], ['Access-Control-Allow-Headers', 'x-a']], q({ method: 'GET', headers: ['x-a'] }), 'allow-methods-unparseable'],
		['unparseable ACAH fails even with no unsafe header', [acao, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'X-Trace X-Span']], q(), 'allow-headers-unparseable'],
	])('%s (every profile)', (_l, headers, query, expected) => {
		for (const p of ALL) expect(verdict(p, 204, headers, query)).toBe(expected);
	});
});

describe('cors-facts §2.4 method check: exact and case-sensitive; safelisted pass; * only without credentials', () => {
	test.each<[string, string, boolean, FailureCode | 'ok']>([
		['PUT', 'PUT', false, 'ok'],
		['put', 'PUT', false, 'method-not-allowed'],
		['PATCH', 'patch', false, 'method-not-allowed'],
		['patch', 'patch', false, 'ok'],
		['PATCH', 'PATCH', false, 'ok'],
		['', 'GET', false, 'ok'],
		['', 'HEAD', true, 'ok'],
		['DELETE', 'POST', false, 'ok'],
		['*', 'PUT', false, 'ok'],
		['*', 'PUT', true, 'method-not-allowed'],
		['*', 'GET', true, 'ok'],
		['PUT, *', 'PUT', true, 'ok'],
		['', 'PURGE', false, 'method-not-allowed'],
	])('ACAM %j, method %s, include %s → %s', (acam, method, include, expected) => {
		const headers: Header[] = [acao, acac, ['Access-Control-Allow-Methods', acam]];
		for (const p of ALL) expect(verdict(p, 204, headers, q({ method, include }))).toBe(expected);
	});

	test('the failing method is reported as sent', () => {
		const out = evaluatePreflight(chromium, { status: 204, headers: [acao, ['Access-Control-Allow-Methods', 'PATCH']] }, q({ method: 'patch' }));
		expect(!out.ok && out.problem).toMatchObject({ code: 'method-not-allowed', value: 'patch' });
	});
});

describe('cors-facts §2.5 header check: case-insensitive; * only without credentials; * still covers Authorization', () => {
	test.each<[string, string[], boolean, FailureCode | 'ok', string?]>([
		['X-Custom', ['x-custom'], false, 'ok'],
		['x-custom', ['x-custom'], false, 'ok'],
		['X-CUSTOM, x-other', ['x-custom', 'x-other'], false, 'ok'],
		['x-custom', ['x-custom', 'x-other'], false, 'header-not-allowed', 'x-other'],
		['', ['x-a'], false, 'header-not-allowed', 'x-a'],
		['*', ['x-a', 'x-b'], false, 'ok'],
		['*', ['x-a'], true, 'header-not-allowed', 'x-a'],
		['*, X-A', ['x-a'], true, 'ok'],
		['*', ['authorization'], false, 'ok'],
		['*', ['authorization', 'x-a'], false, 'ok'],
		['*', ['authorization'], true, 'header-not-allowed', 'authorization'],
		['Authorization', ['authorization'], true, 'ok'],
	])('ACAH %j, headers %j, include %s → %s', (acah, names, include, expected, value) => {
		const headers: Header[] = [acao, acac, ['Access-Control-Allow-Headers', acah]];
		for (const p of ALL) {
			const out = evaluatePreflight(p, { status: 204, headers }, q({ method: 'GET', headers: names, include }));
			expect(out.ok ? 'ok' : out.problem.code).toBe(expected);
			if (!out.ok && value !== undefined) expect(out.problem.value).toBe(value);
		}
	});

	test('observed: Authorization with ACAH * passes in every profile, with credentials omitted', () => {
		const server = { preflight: { status: 204, headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*' } }, response: { status: 200, headers: { 'Access-Control-Allow-Origin': '*' } } };
		for (const p of ALL) {
			const { obs } = runOne(p, server, fetchStep({ headers: [['Authorization', 'Bearer t']], credentials: 'omit' }));
			expect(saw(obs, 0).headers['access-control-request-headers']).toBe('authorization');
			expect(obs.outcome).toBe('ok');
		}
	});
});

describe('cors-facts §4.7: WebKit keeps a preflight that failed its method check; Chromium and Firefox do not', () => {
	test.each([['Chromium', chromium, false], ['Firefox', firefox, false], ['Safari', safari, true]] as const)('%s: storable %s', (_n, p, storable) => {
		const out = evaluatePreflight(p, { status: 204, headers: [acao, ['Access-Control-Allow-Methods', 'GET']] }, q());
		expect(out.ok).toBe(false);
		if (!out.ok) expect(out.storable !== null).toBe(storable);
	});
});
