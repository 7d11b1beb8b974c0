// Departures found by reading browser source (/tmp research notes, cors-facts §2.6, §4.5,
// §4.7): each is a rule in a profile, so each gets a test that fails if the rule goes.
import { describe, expect, test } from 'vitest';
import { fetchStep, preflightAnswer, runAll, ECHO, chromium, firefox, safari } from './helpers.js';

const put = (url: string) => fetchStep({ url, method: 'PUT', body: 'x' });

describe('Chromium never caches a preflight for a URL of 1024 characters or more (preflight_cache.cc kMaxKeyLength)', () => {
	const server = { preflight: preflightAnswer({ 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '60' }), response: ECHO };
	test.each([
		['1023 characters: cached', 1023, false],
		['1024 characters: preflights again', 1024, true],
	])('%s', (_n, length, again) => {
		const url = `http://api.test/${'a'.repeat(length - 'http://api.test/'.length)}`;
		expect(url).toHaveLength(length);
		const [, second] = runAll(chromium, server, [put(url), put(url)]);
		expect(second?.preflight_sent).toBe(again);
	});
	test('Firefox caches it either way', () => {
		const url = `http://api.test/${'a'.repeat(1100)}`;
		expect(runAll(firefox, server, [put(url), put(url)])[1]?.preflight_sent).toBe(false);
	});
});

describe('a repeated request header: Chromium judges the combined value, Firefox each entry (InternalHeaders::GetUnsafeHeaders)', () => {
	const step = fetchStep({ headers: [['Accept', 'a'.repeat(100)], ['accept', 'b'.repeat(100)]] });
	const server = { preflight: preflightAnswer({ 'Access-Control-Allow-Headers': 'Accept' }), response: ECHO };
	test('Chromium: 202 bytes combined → not safelisted → preflight', () => {
		expect(runAll(chromium, server, [step])[0]?.preflight_sent).toBe(true);
	});
	test('Firefox: two entries of 100 bytes → both safelisted → no preflight', () => {
		expect(runAll(firefox, server, [step])[0]?.preflight_sent).toBe(false);
	});
});

describe('Safari: Max-Age read with String::toUIntStrict, entries served at the instant they expire, `*` judged by the request', () => {
	test.each([
		['+700', 600],
		['4294967295', 600],
		['4294967296', 5],
		['99999999999', 5],
		['-1', 5],
	])('%s → %i s', (raw, seconds) => {
		expect(safari.parseMaxAge(raw).seconds).toBe(seconds);
	});

	test('an entry is still served exactly at its expiry time (Chromium would preflight again)', () => {
		const server = { preflight: preflightAnswer({ 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '1' }), response: ECHO };
		// fetch steps take 200 virtual ms: the second fetch runs at exactly t = 1000 ms.
		const steps = [put('http://api.test/data'), 800, put('http://api.test/data')];
		expect(runAll(safari, server, steps)[1]?.preflight_sent).toBe(false);
		expect(runAll(chromium, server, steps)[1]?.preflight_sent).toBe(true);
	});

	test('a credentialed `*` entry serves a later uncredentialed request in Safari, not in Chromium', () => {
		// ACAM lists PUT and *; the include preflight is stored with credentials, then DELETE without credentials.
		const server = { preflight: preflightAnswer({ 'Access-Control-Allow-Methods': 'PUT, *', 'Access-Control-Max-Age': '60' }), response: ECHO };
		const steps = [fetchStep({ method: 'PUT', body: 'x', credentials: 'include' }), fetchStep({ method: 'DELETE', credentials: 'omit' })];
		expect(runAll(safari, server, steps)[1]?.preflight_sent).toBe(false);
		expect(runAll(chromium, server, steps)[1]?.preflight_sent).toBe(true);
	});
});
