import { expect, test } from 'vitest';
import { lintPolicy, parsePolicyText } from '../../source/policy/index.js';

const ids = (json: object) => lintPolicy(parsePolicyText(JSON.stringify(json), 'p.json')).map((f) => f.id);
const good = { origins: ['https://app.example.com'], methods: ['GET', 'POST'], allowHeaders: ['Content-Type'], maxAge: 600 };

test('a sound policy has no findings', () => {
	expect(ids(good)).toEqual([]);
});

test.each([
	[{ origins: '*', credentials: true }, 'wildcard-with-credentials'],
	[{ origins: 'reflect', credentials: true }, 'reflect-any-origin-credentials'],
	[{ origins: 'reflect' }, 'reflect-any-origin'],
	[{ origins: [] }, 'blocks-everything'],
	[{ origins: ['null'] }, 'null-origin'],
	[{ origins: ['https://a.example.com', 'http://b.example.com'] }, 'http-next-to-https'],
	[{ origins: ['https://*.com'] }, 'pattern-too-broad'],
	[{ origins: ['https://*.github.io'] }, 'pattern-shared-hosting'],
	[{ origins: ['https://*.example.com'] }, 'pattern-any-subdomain'],
	[{ maxAge: 86401 }, 'max-age-above-firefox-cap'],
	[{ maxAge: 7201 }, 'max-age-above-chromium-cap'],
	[{ maxAge: 601 }, 'max-age-above-safari-cap'],
	[{ maxAge: null }, 'max-age-absent'],
	[{ vary: false }, 'missing-vary-origin'],
	[{ allowHeaders: '*' }, 'star-authorization'],
	[{ exposeHeaders: ['Set-Cookie'] }, 'expose-set-cookie'],
	[{ methods: ['GET', 'PUT', 'DELETE'], appMethods: ['GET', 'PUT'] }, 'methods-not-served'],
	[{ methods: ['get', 'put'] }, 'method-case'],
	[{ methods: ['*'], credentials: true }, 'star-method-credentials'],
])('%j → %s', (patch, id) => {
	const found = lintPolicy(parsePolicyText(JSON.stringify({ ...good, ...patch }), 'p.json'));
	const f = found.find((x) => x.id === id);
	expect(f, JSON.stringify(found)).toBeDefined();
	expect(f?.fix.length).toBeGreaterThan(10);
});
