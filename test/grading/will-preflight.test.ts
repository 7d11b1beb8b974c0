// will-preflight: the key is whether the core sends a preflight for the request.
import { describe, expect, test } from 'vitest';
import { URL, prepared } from './helpers.js';

const yes = { type: 'yes-no', value: true } as const;
const no = { type: 'yes-no', value: false } as const;

describe('will-preflight', () => {
	test('PUT: yes, and a "no" is told why (not a safelisted method)', () => {
		const p = prepared({ kind: 'will-preflight', request: { url: URL, method: 'PUT' } });
		expect(p.prompt).toEqual({ type: 'yes-no' });
		expect(p.solution).toEqual(yes);
		expect(p.wrong).toEqual([no]);
		expect(p.solutionText).toBe('Yes: a preflight is sent.');
		expect(p.grade(yes).correct).toBe(true);
		const g = p.grade(no);
		expect(g.correct).toBe(false);
		expect(g.malformed).toBeUndefined();
		expect(g.feedback).toMatch(/^Not quite: a preflight is needed: PUT is not a CORS-safelisted method/);
		expect(g.run?.observations[0]?.preflight_sent).toBe(true);
	});

	test('GET: no; a "yes" is told the request is simple', () => {
		const p = prepared({ kind: 'will-preflight', request: { url: URL } });
		expect(p.solution).toEqual(no);
		expect(p.grade(no)).toMatchObject({ correct: true });
		expect(p.grade(yes).feedback).toMatch(/^Not quite: GET with only CORS-safelisted headers: no preflight/);
	});

	test('a GET with a custom header needs a preflight', () => {
		const p = prepared({ kind: 'will-preflight', request: { url: URL, headers: { 'X-Requested-With': 'fetch' } } });
		expect(p.solution).toEqual(yes);
		expect(p.grade(no).feedback).toMatch(/x-requested-with/i);
	});

	test('POST with Content-Type application/json needs one; with text/plain it does not', () => {
		const json = prepared({ kind: 'will-preflight', request: { url: URL, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' } });
		const text = prepared({ kind: 'will-preflight', request: { url: URL, method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' } });
		expect(json.solution).toEqual(yes);
		expect(text.solution).toEqual(no);
	});

	test('another kind of answer is malformed, not a miss', () => {
		const g = prepared({ kind: 'will-preflight', request: { url: URL } }).grade({ type: 'number', value: 1 });
		expect(g).toMatchObject({ correct: false, malformed: 'this exercise does not take a number answer' });
	});
});
