import { describe, expect, test } from 'vitest';
import {
	type Header, SPEC_HEADER_RULES, corsUnsafeRequestHeaderNames, isCorsSafelistedMethod, isCorsSafelistedRequestHeader,
	isCorsUnsafeRequestHeaderByte, isForbiddenMethod, isForbiddenRequestHeader, parseSingleRange,
} from '../../source/core/index.js';
import { chromium, fetchStep, firefox, preflightAnswer, runOne, saw, ECHO } from './helpers.js';

const SPEC = SPEC_HEADER_RULES;
const CR = chromium.headerRules;
const FF = firefox.headerRules;

describe('cors-facts §1.1 CORS-safelisted methods are byte-exact', () => {
	test.each([
		['GET', true], ['HEAD', true], ['POST', true],
		['get', false], ['Post', false], ['PUT', false], ['PATCH', false], ['OPTIONS', false], ['DELETE', false], ['', false],
	])('%j → %s', (m, ok) => expect(isCorsSafelistedMethod(m)).toBe(ok));
});

describe('cors-facts §1.3 CORS-unsafe request-header bytes', () => {
	test.each([
		[0x00, true], [0x08, true], [0x09, false], [0x0a, true], [0x1f, true], [0x20, false], [0x22, true], [0x28, true],
		[0x29, true], [0x3a, true], [0x3c, true], [0x3e, true], [0x3f, true], [0x40, true], [0x5b, true], [0x5c, true],
		[0x5d, true], [0x7b, true], [0x7d, true], [0x7f, true], [0x41, false], [0x2f, false], [0x2c, false], [0x3b, false],
	])('0x%s → unsafe %s', (code, unsafe) => expect(isCorsUnsafeRequestHeaderByte(code)).toBe(unsafe));
});

describe('cors-facts §1.2 safelisted request headers (Accept, Accept-Language, Content-Language)', () => {
	test.each([
		['Accept', 'application/json', true],
		['accept', 'text/html, */*;q=0.8', true],
		['ACCEPT', 'a\tb', true],
		['Accept', '', true],
		['Accept', 'text/"x"', false],
		['Accept', 'a(b)', false],
		['Accept', 'x@y', false],
		['Accept', 'a{b}', false],
		['Accept', 'a\x7fb', false],
		['Accept-Language', 'en-US,en;q=0.9', true],
		['Accept-Language', 'de-CH, fr *', true],
		['Accept-Language', 'en_US', false],
		['Accept-Language', 'en/US', false],
		['Content-Language', 'fr', true],
		['Content-Language', 'fr@x', false],
		['Content-Language', 'fr\tx', false],
		['X-Custom', '1', false],
		['Authorization', 'Bearer x', false],
	])('%s: %j → %s (spec, Chromium and Firefox agree)', (name, value, ok) => {
		for (const rules of [SPEC, CR, FF]) expect(isCorsSafelistedRequestHeader(name, value, rules)).toBe(ok);
	});
});

describe('cors-facts §1.2 step 1: values longer than 128 bytes are not safelisted', () => {
	test.each([
		['Accept', 'a'.repeat(128), true],
		['Accept', 'a'.repeat(129), false],
		['Accept-Language', 'e'.repeat(128), true],
		['Content-Language', 'e'.repeat(129), false],
		['Content-Type', `text/plain;a=${'x'.repeat(128 - 13)}`, true],
		['Content-Type', `text/plain;a=${'x'.repeat(129 - 13)}`, false],
	])('%s with %#: %s', (name, value, ok) => {
		for (const rules of [SPEC, CR, FF]) expect(isCorsSafelistedRequestHeader(name, value, rules)).toBe(ok);
	});
});

describe('cors-facts §1.2 Range: parse a single range header value (allowWhitespace = false)', () => {
	test.each([
		['bytes=0-99', [0, 99]],
		['bytes=200-', [200, null]],
		['bytes=5-5', [5, 5]],
		['bytes=-500', [null, 500]],
		['bytes=200-100', null],
		['bytes = 100-200', null],
		['bytes=0-1,2-3', null],
		['bytes=-', null],
		['BYTES=0-1', null],
		['bytes=a-1', null],
	])('parseSingleRange(%j) → %j', (v, expected) => expect(parseSingleRange(v)).toEqual(expected));

	test.each([
		// value, spec & Firefox, Chromium. cors-facts §1.5 says Chromium lowercases first; the lab's
		// recordings of Chromium 156 say it does not (safelist-range-uppercase-unit): the browser wins.
		['bytes=0-99', true, true],
		['bytes=200-', true, true],
		['bytes=-500', false, false],
		['bytes=-200', false, false],
		['bytes=200-100', false, false],
		['bytes = 100-200', false, false],
		['bytes=0-1,5-6', false, false],
		['BYTES=0-1', false, false],
		['Bytes=0-', false, false],
		['bytes=9223372036854775806-', true, true],
		['bytes=9223372036854775807-', true, false],
		['bytes=0-9223372036854775807', true, false],
	])('Range: %j → spec/Firefox %s, Chromium %s', (v, spec, cr) => {
		expect(isCorsSafelistedRequestHeader('Range', v, SPEC)).toBe(spec);
		expect(isCorsSafelistedRequestHeader('Range', v, FF)).toBe(spec);
		expect(isCorsSafelistedRequestHeader('range', v, CR)).toBe(cr);
	});
});

describe('cors-facts §1.5 Chromium-only safelisted names', () => {
	test.each([
		['Intervention', 'anything at all', true],
		['DPR', '2', true],
		['dpr', '1.5', true],
		['dpr', '1.', false],
		['dpr', '.5', false],
		['Device-Memory', '8', true],
		['Downlink', '10.25', true],
		['Width', '1280', true],
		['width', '12.5', false],
		['Viewport-Width', '980', true],
		['rtt', '50', true],
		['rtt', '-1', false],
		['ECT', '4g', true],
		['ect', 'slow-2g', true],
		['ect', '5g', false],
		['Save-Data', 'on', true],
		['save-data', 'ON', true],
		['save-data', 'off', false],
	])('%s: %j → Chromium %s, Firefox and spec never', (name, value, cr) => {
		expect(isCorsSafelistedRequestHeader(name, value, CR)).toBe(cr);
		expect(isCorsSafelistedRequestHeader(name, value, FF)).toBe(false);
		expect(isCorsSafelistedRequestHeader(name, value, SPEC)).toBe(false);
	});
});

describe('cors-facts §1.4 CORS-unsafe request-header names', () => {
	test.each<[string, Header[], string[]]>([
		['only safelisted', [['Accept', 'x'], ['Content-Type', 'text/plain']], []],
		['lowercased, sorted', [['X-Zeta', '1'], ['X-Alpha', '1'], ['Content-Type', 'application/json']], ['content-type', 'x-alpha', 'x-zeta']],
		['de-duplicated across spellings', [['X-A', '1'], ['x-a', '2'], ['X-a', '3']], ['x-a']],
		['byte order: uppercase would sort first, but names are lowercased first', [['b', '1'], ['A', '1'], ['_', '1']], ['_', 'a', 'b']],
	])('%s', (_label, headers, names) => {
		expect(corsUnsafeRequestHeaderNames(headers, SPEC).names).toEqual(names);
		expect(corsUnsafeRequestHeaderNames(headers, FF).names).toEqual(names);
	});

	// 128-byte values on eight Chromium-safelisted names: exactly 1024 bytes is within budget.
	const big = (n: number): string => '1'.repeat(n);
	const at1024: Header[] = [
		['Accept', 'a'.repeat(128)], ['Accept-Language', 'e'.repeat(128)], ['Content-Language', 'e'.repeat(128)],
		['Content-Type', `text/plain;a=${'x'.repeat(115)}`], ['DPR', big(128)], ['Width', big(128)], ['Viewport-Width', big(128)], ['RTT', big(128)],
	];

	test('Chromium: safelisted values adding up to exactly 1024 bytes need no preflight', () => {
		const u = corsUnsafeRequestHeaderNames(at1024, CR);
		expect(u.safelistedBytes).toBe(1024);
		expect(u.names).toEqual([]);
	});

	test('Chromium: one byte more (1025) makes every potentially-unsafe name unsafe', () => {
		const u = corsUnsafeRequestHeaderNames([...at1024, ['Device-Memory', '1'], ['X-Custom', 'y']], CR);
		expect(u.safelistedBytes).toBe(1025);
		expect(u.names).toEqual([
			'accept', 'accept-language', 'content-language', 'content-type', 'device-memory', 'dpr', 'rtt', 'viewport-width', 'width', 'x-custom',
		]);
		expect(u.overBudget).not.toContain('x-custom');
		expect(u.overBudget).toHaveLength(9);
	});

	test('spec rules have the 1024 total too (four 128-byte safelisted values alone never reach it)', () => {
		const four: Header[] = at1024.slice(0, 4);
		expect(corsUnsafeRequestHeaderNames(four, SPEC).names).toEqual([]);
		expect(SPEC.safelistedTotalLimit).toBe(1024);
	});

	test('Firefox has no 1024-byte total; its only unsafe names are the non-safelisted ones', () => {
		const u = corsUnsafeRequestHeaderNames([...at1024, ['Device-Memory', '1']], FF);
		expect(u.overBudget).toEqual([]);
		expect(u.names).toEqual(['device-memory', 'dpr', 'rtt', 'viewport-width', 'width']);
	});

	test('Chromium over budget, observed: the preflight lists every name, sorted, joined with "," (§1.10)', () => {
		const { obs } = runOne(chromium, { preflight: preflightAnswer({ 'Access-Control-Allow-Headers': '*' }), response: ECHO },
			fetchStep({ headers: [...at1024, ['Device-Memory', '1']] }));
		expect(saw(obs, 0).method).toBe('OPTIONS');
		expect(saw(obs, 0).headers['access-control-request-headers']).toBe(
			'accept,accept-language,content-language,content-type,device-memory,dpr,rtt,viewport-width,width');
	});
});

describe('cors-facts §1.6 forbidden request headers', () => {
	test.each([
		['Accept-Charset', 'utf-8'], ['Accept-Encoding', 'br'], ['Access-Control-Request-Headers', 'x'],
		['Access-Control-Request-Method', 'PUT'], ['Connection', 'close'], ['Content-Length', '1'], ['Cookie', 'a=b'],
		['Cookie2', 'a'], ['Date', 'x'], ['DNT', '1'], ['Expect', '100-continue'], ['Host', 'x'], ['Keep-Alive', '1'],
		['Origin', 'http://evil.test'], ['Referer', 'http://x'], ['Set-Cookie', 'a=b'], ['TE', 'trailers'], ['Trailer', 'x'],
		['Transfer-Encoding', 'chunked'], ['Upgrade', 'h2c'], ['Via', 'x'],
		['Proxy-Authorization', 'x'], ['proxy-anything', 'x'], ['Sec-Fetch-Mode', 'no-cors'], ['sec-custom', 'x'],
		['X-HTTP-Method-Override', 'TRACE'], ['X-HTTP-Method', 'connect'], ['X-Method-Override', 'GET, track'],
	])('%s: %j is forbidden in every profile', (name, value) => {
		for (const rules of [SPEC, CR, FF]) expect(isForbiddenRequestHeader(name, value, rules)).toBe(true);
	});

	test.each([
		['X-HTTP-Method-Override', 'PUT'], ['X-HTTP-Method-Override', 'DELETE, PATCH'], ['X-Custom', 'TRACE'], ['Accept', 'x'],
		['Proxy', 'x'], ['Secret', 'x'],
	])('%s: %j is not forbidden', (name, value) => {
		for (const rules of [SPEC, CR, FF]) expect(isForbiddenRequestHeader(name, value, rules)).toBe(false);
	});

	test.each([['User-Agent']])('%s is forbidden only in Chromium', (name) => {
		expect(isForbiddenRequestHeader(name, 'x', CR)).toBe(true);
		expect(isForbiddenRequestHeader(name, 'x', FF)).toBe(false);
	});

	test.each([['CONNECT'], ['connect'], ['TRACE'], ['Trace'], ['TRACK'], ['track']])('cors-facts §1.7: %s is a forbidden method', (m) =>
		expect(isForbiddenMethod(m)).toBe(true));
	test.each([['GET'], ['PATCH'], ['OPTIONS'], ['TRACES']])('%s is not forbidden', (m) => expect(isForbiddenMethod(m)).toBe(false));

	test('dropped silently: the request still goes out, without the header and without a preflight', () => {
		const headers: Header[] = [['Cookie', 'a=b'], ['Sec-Foo', '1'], ['Proxy-Foo', '1'], ['X-HTTP-Method-Override', 'TRACE']];
		for (const p of [chromium, firefox]) {
			const { obs, result } = runOne(p, { response: ECHO }, fetchStep({ headers }));
			expect(obs.preflight_sent).toBe(false);
			expect(obs.outcome).toBe('ok');
			expect(Object.keys(saw(obs, 0).headers)).not.toContain('x-http-method-override');
			expect(Object.keys(saw(obs, 0).headers)).not.toContain('sec-foo');
			expect(saw(obs, 0).headers.cookie).toBeUndefined();
			expect(result.failure).toBeNull();
		}
	});

	test('User-Agent: Chromium drops it (no preflight); Firefox keeps it, so it must be preflighted', () => {
		const server = { preflight: preflightAnswer({ 'Access-Control-Allow-Headers': 'User-Agent' }), response: ECHO };
		const step = fetchStep({ headers: [['User-Agent', 'my-agent']] });
		const cr = runOne(chromium, server, step).obs;
		expect(cr.preflight_sent).toBe(false);
		expect(saw(cr, 0).headers['user-agent']).not.toBe('my-agent');
		const ff = runOne(firefox, server, step).obs;
		expect(ff.preflight_sent).toBe(true);
		expect(saw(ff, 0).headers['access-control-request-headers']).toBe('user-agent');
		expect(ff.outcome).toBe('ok');
	});
});
