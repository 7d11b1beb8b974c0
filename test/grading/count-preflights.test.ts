// count-preflights: the number of steps that sent a preflight, over time on the virtual clock.
import { describe, expect, test } from 'vitest';
import { URL, prepared } from './helpers.js';

const put = { fetch: { url: URL, method: 'PUT' } };
const server = (maxAge?: string) => ({
	preflight: { status: 204, headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'PUT', ...(maxAge === undefined ? {} : { 'Access-Control-Max-Age': maxAge }) } },
	response: { status: 200, headers: { 'Access-Control-Allow-Origin': '*' } },
});
const count = (browser: string, maxAge: string | undefined, steps: unknown[]) => prepared({ kind: 'count-preflights', browser, server: server(maxAge), steps });

describe('count-preflights', () => {
	test('Max-Age 600: cached within it, sent again after it expires', () => {
		const p = count('chromium', '600', [put, { wait_ms: 1000 }, put, { wait_ms: 700_000 }, put]);
		expect(p.prompt).toEqual({ type: 'number' });
		expect(p.solution).toEqual({ type: 'number', value: 2 });
		expect(p.wrong).toEqual([{ type: 'number', value: 3 }, { type: 'number', value: 1 }]);
		expect(p.solutionText).toBe('2 preflights (request 1: preflight, request 2: no preflight, request 3: preflight).');
		expect(p.grade({ type: 'number', value: 2 }).correct).toBe(true);
		const g = p.grade({ type: 'number', value: 1 });
		expect(g.correct).toBe(false);
		expect(g.feedback).toBe('The browser sends 2: request 1: preflight, request 2: no preflight, request 3: preflight.');
	});

	test('no Max-Age: the 5-second default', () => {
		const p = count('chromium', undefined, [put, { wait_ms: 4000 }, put, { wait_ms: 6000 }, put]);
		expect(p.solution).toEqual({ type: 'number', value: 2 });
		expect(p.solutionText).toContain('request 2: no preflight');
	});

	test('Max-Age 0: every request is preflighted', () => {
		expect(count('chromium', '0', [put, put, put]).solution).toEqual({ type: 'number', value: 3 });
	});

	test('a day of Max-Age after three hours: Chromium caps it at two hours, Firefox does not', () => {
		const steps = [put, { wait_ms: 3 * 3_600_000 }, put];
		expect(count('chromium', '86400', steps).solution).toEqual({ type: 'number', value: 2 });
		expect(count('firefox', '86400', steps).solution).toEqual({ type: 'number', value: 1 });
	});

	test('simple requests never count', () => {
		const p = count('chromium', '600', [{ fetch: { url: URL } }, { fetch: { url: URL } }]);
		expect(p.solution).toEqual({ type: 'number', value: 0 });
		expect(p.wrong).toEqual([{ type: 'number', value: 1 }]);
		expect(p.solutionText).toBe('0 preflights (request 1: no preflight, request 2: no preflight).');
	});

	test('a yes/no answer is malformed here', () => {
		expect(count('chromium', '600', [put]).grade({ type: 'yes-no', value: true }).malformed).toMatch(/does not take a yes-no answer/);
	});
});

test('the deciding sentence says when a needed preflight came from the cache', async () => {
	const { decisive } = await import('../../source/grading/prepare.js');
	const { runScenario, PROFILES } = await import('../../source/core/index.js');
	const server = { preflight: { status: 204, headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '600' } }, response: { status: 200, headers: { 'Access-Control-Allow-Origin': '*' } } };
	const put = { fetch: { url: 'https://api.example.com/x', method: 'PUT', headers: [], credentials: 'same-origin', mode: 'cors', body: null } };
	const r = runScenario({ id: 't', page: 'https://app.example.com', server, steps: [put, { wait_ms: 30_000 }, put] } as never, PROFILES.chromium);
	expect(decisive(r)).toMatch(/^a preflight is needed: PUT is not a CORS-safelisted method .*, and the preflight cache answered it \(cached preflight covers PUT; it expires in 9 min 30 s\): no preflight went out/);
});
