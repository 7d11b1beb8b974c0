import { expect, test } from 'vitest';
import { InputError } from '../../source/input/json.js';
import { parsePolicyText, policyToJson } from '../../source/policy/index.js';

function problems(json: unknown): string[] {
	try {
		parsePolicyText(typeof json === 'string' ? json : JSON.stringify(json), 'policy.json');
		return [];
	} catch (e) {
		if (e instanceof InputError) return e.problems;
		throw e;
	}
}

test('defaults fill in, and the JSON round-trips', () => {
	const p = parsePolicyText('{"origins": ["https://*.example.com"]}', 'p.json');
	expect(policyToJson(p)).toEqual({
		origins: ['https://*.example.com'], methods: ['GET', 'HEAD', 'POST'], allowHeaders: [], exposeHeaders: [],
		credentials: false, maxAge: null, preflightStatus: 204, vary: true,
	});
});

test.each([
	[{ origins: ['https://a.test'], methds: [] }, /unknown field "methds"/],
	[{ origins: ['https://a.test"; add_header X 1; "'] }, /origins\[0\]/],
	[{ origins: ['https://a.test'], methods: ['GET\nX'] }, /methods\[0\]: "GET\\nX" is not a valid method/],
	[{ origins: ['https://a.test'], allowHeaders: ['X-$(id)'] }, /allowHeaders/],
	[{ origins: ['https://a.test'], exposeHeaders: ['X Total'] }, /exposeHeaders\[0\]/],
	[{ origins: ['https://a.test'], allowHeaders: ['X-Ä'] }, /allowHeaders/],
	[{ origins: ['https://a.test'], maxAge: -1 }, /maxAge: maxAge is a number of seconds/],
	[{ origins: ['https://a.test'], preflightStatus: 201 }, /preflightStatus is 204 or 200/],
	[{ origins: 'everyone' }, /origins is "\*", "reflect", or a list/],
	[{}, /origins/],
	['{"origins": [}', /invalid JSON/],
])('%j is refused', (json, message) => {
	expect(problems(json).join('\n')).toMatch(message);
});

test.each([
	'https://a.test";add_header;"b',
	'https://$host',
	"https://a'b.test",
	'https://a{b}.test',
])('an origin with characters no host needs is refused: %s', (origin) => {
	expect(problems({ origins: [origin] }).join('\n')).toMatch(/origins\[0\]/);
});

test.each([['methods', 'GE$T'], ['allowHeaders', 'X-$id'], ['exposeHeaders', 'X#a'], ['allowHeaders', "X-'a"], ['methods', 'P`UT']])('%s with %j is refused', (field, value) => {
	expect(problems({ origins: ['https://a.test'], [field]: [value] }).join('\n')).toMatch(new RegExp(`${field}\\[0\\]`));
});

test('an unknown field names the fields that object may have', () => {
	expect(() => parsePolicyText('{"origins": ["https://a.example"], "headers": ["X-A"]}', 'p.json')).toThrow(/unknown field "headers" \(check the spelling against the policy format: README, "Policy files and generators"; the fields here are origins, methods, allowHeaders, /);
});
