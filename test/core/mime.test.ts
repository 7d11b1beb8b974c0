import { describe, expect, test } from 'vitest';
import { SPEC_HEADER_RULES, isCorsSafelistedRequestHeader } from '../../source/core/index.js';
import { ECHO, chromium, fetchStep, firefox, preflightAnswer, runOne, safari, saw } from './helpers.js';

// parseMimeEssence (mime.ts) is not exported from core/index.ts, so the strict MIME parser
// is exercised through isCorsSafelistedRequestHeader('Content-Type', ...).
describe('MIMESNIFF parse a MIME type (strict) as used for Content-Type — cors-facts §1.2', () => {
	test.each([
		['TEXT/Plain', true],
		['  text/plain  ', true],
		['text/plain ; charset=utf-8', true],
		['text/plain;', true],
		['text/plain;;;', true],
		['text/plain;=x', true],
		['multipart/form-data; boundary=something', true],
		['APPLICATION/X-WWW-FORM-URLENCODED;x=y', true],
		['text/ plain', false],
		['text/plain, application/json', false],
		['text', false],
		['/plain', false],
		['text/', false],
		['text/plain/x', false],
		['te(xt/plain', false],
		['text/plainx', false],
		['xtext/plain', false],
	])('Content-Type %j parses to a safelisted essence: %s', (input, ok) =>
		expect(isCorsSafelistedRequestHeader('Content-Type', input, SPEC_HEADER_RULES)).toBe(ok));
});

describe('cors-facts §1.2.3 WPT cors-safelisted-request-header: Content-Type', () => {
	// [value, safelisted] — the same in the spec, Chromium and Firefox.
	const cases: [string, boolean][] = [
		['text/plain', true],
		['text/plain;charset=UTF-8', true],
		['Text/Plain', true],
		['application/x-www-form-urlencoded', true],
		['multipart/form-data', true],
		['multipart/form-data; boundary=x', true],
		['text/plain;garbage', true],
		['text /plain', false],
		['text/plain,text/plain', false],
		['multipart/form-data;"', false],
		['text/plain; charset="utf-8"', false],
		['application/json', false],
		['text/html', false],
		['text/plain\x7f', false],
		['', false],
	];
	test.each(cases)('Content-Type %j → safelisted %s', (value, ok) => {
		for (const rules of [SPEC_HEADER_RULES, chromium.headerRules, firefox.headerRules, safari.headerRules])
			expect(isCorsSafelistedRequestHeader('Content-Type', value, rules)).toBe(ok);
	});

	const server = { preflight: preflightAnswer({ 'Access-Control-Allow-Headers': 'Content-Type' }), response: ECHO };
	test.each(cases)('POST with Content-Type %j (safelisted %s): preflight only when not safelisted', (value, ok) => {
		for (const p of [chromium, firefox]) {
			const { obs } = runOne(p, server, fetchStep({ method: 'POST', headers: [['Content-Type', value]], body: 'x' }));
			expect(obs.preflight_sent).toBe(!ok);
			if (!ok) expect(saw(obs, 0).headers['access-control-request-headers']).toBe('content-type');
			expect(obs.outcome).toBe('ok');
		}
	});

	test('a string body with no Content-Type gets text/plain;charset=UTF-8 and needs no preflight', () => {
		for (const p of [chromium, firefox]) {
			const { obs } = runOne(p, { response: ECHO }, fetchStep({ method: 'POST', body: 'hello' }));
			expect(obs.preflight_sent).toBe(false);
			expect(saw(obs, 0).headers['content-type']).toBe('text/plain;charset=UTF-8');
		}
	});
});
