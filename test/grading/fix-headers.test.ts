// fix-headers: the learner's header lines run through the core; every step must pass and every
// mustBlock page must stay blocked. Lines that are not header lines are malformed, not misses.
import { describe, expect, test } from 'vitest';
import type { Answer } from '../../source/grading/index.js';
import { NO_CORS, URL, prepared } from './helpers.js';

const headers = (response: string[], preflight: string[] = []): Answer => ({ type: 'headers', preflight, response });

describe('fix-headers, response only', () => {
	const p = prepared({
		kind: 'fix-headers', server: { response: NO_CORS }, steps: [{ fetch: { url: URL } }], edit: 'response',
		mustBlock: ['https://evil.example.net'],
		solution: { response: ['Access-Control-Allow-Origin: https://app.example.com'] },
		wrong: [{ response: ['Access-Control-Allow-Origin: *'] }],
	});

	test('the prompt, the reference answer and its text', () => {
		expect(p.prompt).toEqual({ type: 'headers', preflight: false, response: true });
		expect(p.solution).toEqual(headers(['Access-Control-Allow-Origin: https://app.example.com']));
		expect(p.solutionText).toBe('On the response: Access-Control-Allow-Origin: https://app.example.com');
	});

	test('the right header passes; spacing, case and blank lines do not matter', () => {
		expect(p.grade(p.solution)).toMatchObject({ correct: true });
		expect(p.grade(headers(['', '  access-control-allow-origin:https://app.example.com  ', ''])).correct).toBe(true);
		expect(p.grade(p.solution).feedback).toMatch(/^The browser now allows it: /);
	});

	test('no header: still blocked, and the feedback says which rule', () => {
		const g = p.grade(headers(['Content-Type: text/plain']));
		expect(g.correct).toBe(false);
		expect(g.malformed).toBeUndefined();
		expect(g.feedback).toBe('With your headers the browser still blocks the request: the response has no Access-Control-Allow-Origin header.');
		expect(g.run?.steps[0]?.result.outcome).toBe('network-error');
	});

	test('a trailing slash: not the origin, byte for byte', () => {
		expect(p.grade(headers(['Access-Control-Allow-Origin: https://app.example.com/'])).feedback).toMatch(/is not byte-for-byte the request's origin/);
	});

	test('"*" works but lets a mustBlock page in: a miss that says so', () => {
		const g = p.grade(headers(['Access-Control-Allow-Origin: *']));
		expect(g.correct).toBe(false);
		expect(g.feedback).toBe('That works, but it also lets https://evil.example.net read the response: allow only the page that needs it.');
	});

	test('reflecting every origin is caught the same way', () => {
		expect(p.grade(headers(['Access-Control-Allow-Origin: $ORIGIN'])).feedback).toMatch(/also lets https:\/\/evil\.example\.net/);
	});
});

describe('malformed lines get a message saying how to write them (not a miss)', () => {
	const p = prepared({
		kind: 'fix-headers', server: { response: NO_CORS }, steps: [{ fetch: { url: URL } }], edit: 'response',
		solution: { response: ['Access-Control-Allow-Origin: *'] }, wrong: [{ response: [] }],
	});
	test.each([
		['Access-Control-Allow-Origin *', /^"Access-Control-Allow-Origin \*" misses the colon after the name: write "Access-Control-Allow-Origin: \*"/],
		['allow everything', /is not a header line: write "Name: value", e\.g\. "Access-Control-Allow-Origin: https:\/\/app\.example\.com"/],
		[': *', /is not a header line/],
		['Access Control Allow Origin: *', /^"Access Control Allow Origin" is not a header name \(letters, digits and - only; no spaces\)/],
		['Access-Control-Allow-Origin https://app.example.com', /^"Access-Control-Allow-Origin https:\/\/app\.example\.com" misses the colon after the name: write "Access-Control-Allow-Origin: https:\/\/app\.example\.com"/],
	])('%s', (line, message) => {
		const g = p.grade(headers(['Content-Type: text/plain', line]));
		expect(g.correct).toBe(false);
		expect(g.malformed).toMatch(message);
		expect(g.feedback).toBe('');
		expect(g.run).toBeUndefined();
	});

	test('a value with a control character', () => {
		expect(p.grade(headers(['X-A: a\u0000b'])).malformed).toMatch(/^the value of X-A /);
	});
});

describe('fix-headers on the preflight and the response', () => {
	const put = [{ fetch: { url: URL, method: 'PUT' } }];
	const p = prepared({
		kind: 'fix-headers', server: { response: NO_CORS }, steps: put, edit: 'both',
		solution: {
			preflight: ['Access-Control-Allow-Origin: https://app.example.com', 'Access-Control-Allow-Methods: PUT'],
			response: ['Access-Control-Allow-Origin: https://app.example.com'],
		},
		wrong: [{ preflight: ['Access-Control-Allow-Origin: https://app.example.com'], response: ['Access-Control-Allow-Origin: https://app.example.com'] }],
	});

	test('both sections are asked for, and both are graded', () => {
		expect(p.prompt).toEqual({ type: 'headers', preflight: true, response: true });
		expect(p.grade(p.solution).correct).toBe(true);
		expect(p.solutionText).toBe('On the preflight: Access-Control-Allow-Origin: https://app.example.com | Access-Control-Allow-Methods: PUT\nOn the response: Access-Control-Allow-Origin: https://app.example.com');
	});

	test('the preflight without Allow-Methods: the method rule', () => {
		const w = p.wrong[0];
		if (!w) throw new Error('no wrong answer');
		expect(p.grade(w).feedback).toBe('With your headers the browser still blocks the request: method PUT is not in Access-Control-Allow-Methods [].');
	});

	test('the right preflight but nothing on the response: the actual response is blocked', () => {
		const g = p.grade(headers([], ['Access-Control-Allow-Origin: https://app.example.com', 'Access-Control-Allow-Methods: PUT']));
		expect(g.correct).toBe(false);
		expect(g.feedback).toMatch(/no Access-Control-Allow-Origin header/);
	});

	test('a malformed line in the preflight section is reported too', () => {
		expect(p.grade(headers(p.solution.type === 'headers' ? [...p.solution.response] : [], ['PUT'])).malformed).toMatch(/^"PUT" is not a header line/);
	});
});

describe('fix-headers, preflight only', () => {
	test('response lines are ignored: the server keeps its own response headers', () => {
		const p = prepared({
			kind: 'fix-headers',
			server: { preflight: { status: 204, headers: {} }, response: { status: 200, headers: { 'Access-Control-Allow-Origin': '*' } } },
			steps: [{ fetch: { url: URL, method: 'DELETE' } }],
			edit: 'preflight',
			solution: { preflight: ['Access-Control-Allow-Origin: *', 'Access-Control-Allow-Methods: DELETE'] },
			wrong: [{ preflight: ['Access-Control-Allow-Origin: *'] }],
		});
		expect(p.prompt).toEqual({ type: 'headers', preflight: true, response: false });
		expect(p.grade(headers(['not a header'], ['Access-Control-Allow-Origin: *', 'Access-Control-Allow-Methods: DELETE'])).correct).toBe(true);
	});
});
