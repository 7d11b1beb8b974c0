// visible-headers: which of the response's headers the page can read (safelisted, or exposed).
import { describe, expect, test } from 'vitest';
import { URL, prepared } from './helpers.js';

const response = (headers: Record<string, string>) => ({ response: { status: 200, headers, body: 'ok' } });
const visible = (headers: Record<string, string>, fetch: Record<string, unknown> = {}) =>
	prepared({ kind: 'visible-headers', server: response(headers), steps: [{ fetch: { url: URL, ...fetch } }] });

describe('visible-headers', () => {
	const headers = {
		'Content-Type': 'text/plain',
		'X-Total': '5',
		'X-Secret': 's',
		'Access-Control-Expose-Headers': 'X-Total',
		'Access-Control-Allow-Origin': '*',
	};

	test('options are the response header names; the key: safelisted plus Expose-Headers', () => {
		const p = visible(headers);
		expect(p.prompt).toEqual({ type: 'multi', options: ['content-type', 'x-total', 'x-secret', 'access-control-expose-headers', 'access-control-allow-origin'] });
		expect(p.solution).toEqual({ type: 'multi', indices: [0, 1] });
		// Each header with the reason it is readable or not.
		expect(p.solutionText).toBe(
			'The page can read content-type, x-total. content-type: a CORS-safelisted response header; x-total: listed in Access-Control-Expose-Headers; x-secret: not safelisted, and not in Access-Control-Expose-Headers; access-control-expose-headers: not safelisted, and not in Access-Control-Expose-Headers; access-control-allow-origin: not safelisted, and not in Access-Control-Expose-Headers.',
		);
	});

	test('order of ticking does not matter; a miss explains only the headers got wrong, not the whole answer', () => {
		const p = visible(headers);
		expect(p.grade({ type: 'multi', indices: [1, 0] }).correct).toBe(true);
		const missing = p.grade({ type: 'multi', indices: [0] });
		expect(missing.correct).toBe(false);
		expect(missing.feedback).toBe('Not quite. x-total is readable: listed in Access-Control-Expose-Headers.');
		const extra = p.grade({ type: 'multi', indices: [0, 1, 2] });
		expect(extra.correct).toBe(false);
		expect(extra.feedback).toBe('Not quite. x-secret is not readable: not safelisted, and not in Access-Control-Expose-Headers.');
	});

	test('without Expose-Headers only the safelisted header is readable', () => {
		const { 'Access-Control-Expose-Headers': _, ...rest } = headers;
		expect(visible(rest).solution).toEqual({ type: 'multi', indices: [0] });
	});

	test('Expose-Headers "*" exposes everything, but not on a credentialed request', () => {
		const star = { ...headers, 'Access-Control-Expose-Headers': '*' };
		expect(visible(star).solution).toEqual({ type: 'multi', indices: [0, 1, 2, 3, 4] });
		const cred = { ...star, 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Credentials': 'true' };
		const p = visible(cred, { credentials: 'include' });
		const options = p.prompt.type === 'multi' ? p.prompt.options : [];
		const read = p.solution.type === 'multi' ? p.solution.indices.map((i) => options[i]) : [];
		expect(read).toEqual(['content-type']);
	});

	test('a blocked response: nothing is readable', () => {
		const { 'Access-Control-Allow-Origin': _, ...blocked } = headers;
		const p = visible(blocked);
		expect(p.solution).toEqual({ type: 'multi', indices: [] });
		expect(p.solutionText).toMatch(/^The page can read none of them\. The response itself is blocked, so no header is readable: /);
		expect(p.grade({ type: 'multi', indices: [0] }).feedback).toMatch(/no Access-Control-Allow-Origin header/);
	});
});

test('with credentials, * in Expose-Headers is only a name: the reason says so', () => {
	const p = visible(
		{ 'Content-Type': 'text/plain', 'X-Total': '5', 'Access-Control-Expose-Headers': '*', 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Credentials': 'true' },
		{ credentials: 'include' },
	);
	expect(p.solution).toEqual({ type: 'multi', indices: [0] });
	expect(p.solutionText).toMatch(/x-total: '\*' in Access-Control-Expose-Headers is only a name on a credentialed request/);
	const anon = visible({ 'Content-Type': 'text/plain', 'X-Total': '5', 'Access-Control-Expose-Headers': '*', 'Access-Control-Allow-Origin': '*' });
	expect(anon.solutionText).toMatch(/x-total: '\*' in Access-Control-Expose-Headers;/);
});
