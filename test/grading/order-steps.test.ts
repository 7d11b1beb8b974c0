// order-steps: the milestones come from the core's trace; the key is the trace's order.
import { describe, expect, test } from 'vitest';
import { milestones } from '../../source/grading/index.js';
import { URL, prepared } from './helpers.js';

const OPEN = {
	preflight: { status: 204, headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '600' } },
	response: { status: 200, headers: { 'Access-Control-Allow-Origin': '*' } },
};

/** The items in the order the key gives. */
const inKeyOrder = (p: ReturnType<typeof prepared>): string[] =>
	p.prompt.type === 'order' && p.solution.type === 'order' ? p.solution.order.map((i) => (p.prompt as { items: readonly string[] }).items[i] as string) : [];

describe('order-steps', () => {
	test('a PUT: the six preflight steps in the trace order', () => {
		const p = prepared({ kind: 'order-steps', server: OPEN, request: { url: URL, method: 'PUT' } });
		const expected = [
			'The page calls fetch()',
			'The browser sees the request is not simple: it needs a preflight',
			'The browser looks for a cached preflight answer',
			'The browser sends OPTIONS with Origin and Access-Control-Request-Method',
			'The server answers the preflight with Access-Control-Allow-* headers',
			'The browser stores the answer in its preflight cache for Max-Age seconds',
			'The browser sends the actual request',
			'The server answers the actual request',
			'The browser checks Access-Control-Allow-Origin on the response',
			'The page receives the response',
		];
		expect(inKeyOrder(p)).toEqual(expected);
		expect(p.solutionText.split('\n')).toEqual(expected.map((s, i) => `${i + 1}. ${s}`));
		const run = p.grade(p.solution).run;
		expect(run && milestones(run)).toEqual(expected);
	});

	test('the items are shown shuffled (never in the right order)', () => {
		const p = prepared({ kind: 'order-steps', server: OPEN, request: { url: URL, method: 'PUT' } });
		expect(p.solution.type === 'order' && p.solution.order).not.toEqual(p.solution.type === 'order' && p.solution.order.map((_, i) => i));
	});

	test('a simple GET: no preflight milestones', () => {
		const p = prepared({ kind: 'order-steps', server: OPEN, request: { url: URL } });
		expect(inKeyOrder(p)).toEqual([
			'The page calls fetch()',
			'The browser sees a simple request: no preflight',
			'The browser sends the actual request',
			'The server answers the actual request',
			'The browser checks Access-Control-Allow-Origin on the response',
			'The page receives the response',
		]);
	});

	test('a blocked fetch ends in a network error', () => {
		const p = prepared({ kind: 'order-steps', server: { response: { status: 200, headers: {} } }, request: { url: URL } });
		expect(inKeyOrder(p).at(-1)).toBe('The page gets a network error');
	});

	test('grading: right, the first wrong position named, and incomplete orders malformed', () => {
		const p = prepared({ kind: 'order-steps', server: OPEN, request: { url: URL, method: 'PUT' } });
		if (p.solution.type !== 'order') throw new Error('not an order prompt');
		const key = p.solution.order;
		expect(p.grade(p.solution).correct).toBe(true);
		const swapped = [key[0], key[3], key[2], key[1], ...key.slice(4)] as number[];
		const g = p.grade({ type: 'order', order: swapped });
		expect(g.correct).toBe(false);
		expect(g.feedback).toBe('Step 2 is "The browser sees the request is not simple: it needs a preflight".');
		expect(p.grade({ type: 'order', order: key.slice(1) }).malformed).toBe('put all 10 steps in order, each once');
		expect(p.grade({ type: 'order', order: [key[0] as number, ...key.slice(0, -1)] }).malformed).toBe('put all 10 steps in order, each once');
	});
});
