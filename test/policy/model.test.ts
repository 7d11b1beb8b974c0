import { describe, expect, test } from 'vitest';
import { type OriginRule, matchesRule, parseOriginRule } from '../../source/policy/index.js';

const rule = (s: string) => parseOriginRule(s) as OriginRule;

describe('origin patterns match whole subdomain labels only', () => {
	test.each([
		['https://*.example.com', 'https://app.example.com', true],
		['https://*.example.com', 'https://a.b.example.com', true],
		['https://*.example.com', 'https://example.com', false],
		['https://*.example.com', 'https://example.com.evil.net', false],
		['https://*.example.com', 'https://evilexample.com', false],
		['https://*.example.com', 'https://app.example.com:8443', false],
		['https://*.example.com', 'http://app.example.com', false],
		['https://*.example.com', 'https://app.example.com.', false],
		['https://*.example.com', 'null', false],
		['https://*.example.com:8443', 'https://app.example.com:8443', true],
		['https://*.example.com:443', 'https://app.example.com', true],
		['https://app.example.com', 'https://app.example.com', true],
		['https://app.example.com', 'https://APP.example.com', false],
		['null', 'null', true],
	])('%s vs %s → %s', (pattern, origin, want) => {
		expect(matchesRule(rule(pattern), origin)).toBe(want);
	});
});

describe('bad origin entries are refused with a reason', () => {
	test.each([
		['https://app.example.com/', /serialized origin/],
		['https://*example.com', /wildcard may only stand for whole subdomain labels/],
		['https://app.*.com', /wildcard/],
		['*.example.com', /wildcard/],
		['https://*.exa mple.com', /lowercase domain name/],
		['https://*.Example.com', /lowercase domain name/],
		['ftp://x.example.com', /http: or https:/],
		['app.example.com', /not a URL/],
		['https://a.com\nadd_header X 1', /not a serialized origin|not a URL/],
	])('%j', (s, message) => {
		const r = parseOriginRule(s);
		expect('error' in r ? r.error : 'accepted').toMatch(message);
	});
});
