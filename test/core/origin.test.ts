import { describe, expect, test } from 'vitest';
import {
	OPAQUE, type Origin, originOf, parsePageOrigin, parseUrl, sameOrigin, serializeOrigin, urlHasCredentials,
} from '../../source/core/index.js';

const url = (s: string): URL => {
	const u = parseUrl(s);
	if (!u) throw new Error(`bad test URL ${s}`);
	return u;
};

describe('HTML origins: serialisation (cors-facts §3.1 step 4: lowercase, no trailing slash, no default port)', () => {
	test.each([
		['http://app.test/x?y#z', 'http://app.test'],
		['HTTP://APP.TEST/', 'http://app.test'],
		['http://app.test:80/', 'http://app.test'],
		['https://app.test:443/', 'https://app.test'],
		['http://app.test:8080/', 'http://app.test:8080'],
		['https://app.test:80/', 'https://app.test:80'],
		['http://[::1]:3000/', 'http://[::1]:3000'],
		['data:text/plain,hi', 'null'],
		['file:///etc/passwd', 'null'],
	])('%s → %s', (u, serialised) => expect(serializeOrigin(originOf(url(u)))).toBe(serialised));
});

describe('same origin', () => {
	test.each([
		['http://app.test/a', 'http://app.test/b', true],
		['http://app.test/', 'http://app.test:80/', true],
		['http://app.test/', 'https://app.test/', false],
		['http://app.test/', 'http://api.test/', false],
		['http://app.test/', 'http://app.test:81/', false],
		['http://app.test/', 'http://sub.app.test/', false],
	])('%s vs %s → %s', (a, b, same) => expect(sameOrigin(originOf(url(a)), originOf(url(b)))).toBe(same));

	test('an opaque origin is only same origin with itself', () => {
		const tuple: Origin = originOf(url('http://app.test/'));
		expect(sameOrigin(OPAQUE, tuple)).toBe(false);
		expect(sameOrigin(tuple, OPAQUE)).toBe(false);
		expect(sameOrigin(OPAQUE, OPAQUE)).toBe(true);
	});
});

describe('scenario page origins (FORMAT.md "page")', () => {
	test.each([
		['http://app.test', 'http://app.test'],
		['http://localhost:8080', 'http://localhost:8080'],
		['null', 'null'],
	])('%j is accepted', (page, serialised) => {
		const o = parsePageOrigin(page);
		expect('error' in o).toBe(false);
		if (!('error' in o)) expect(serializeOrigin(o)).toBe(serialised);
	});

	test.each([
		['http://app.test/', 'http://app.test'],
		['http://APP.test', 'http://app.test'],
		['http://app.test:80', 'http://app.test'],
	])('%j is rejected, suggesting %j', (page, canonical) => {
		const o = parsePageOrigin(page);
		expect('error' in o && o.error).toContain(`"${canonical}"`);
	});

	test.each([['app.test'], ['ftp://app.test'], ['']])('%j is rejected', (page) => expect('error' in parsePageOrigin(page)).toBe(true));
});

describe('cors-facts §1.11, §6.2: URLs with credentials', () => {
	test.each([
		['http://user:pass@api.test/', true],
		['http://user@api.test/', true],
		['http://:pass@api.test/', true],
		['http://api.test/', false],
		['http://api.test/@x', false],
	])('%s → %s', (u, has) => expect(urlHasCredentials(url(u))).toBe(has));
});
