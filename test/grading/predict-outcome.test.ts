// predict-outcome: allowed or blocked, and (when blocked) the failure code, from the core.
import { describe, expect, test } from 'vitest';
import { FAILURE_LABELS } from '../../source/grading/index.js';
import { NO_CORS, PAGE, URL, prepared } from './helpers.js';

const WHY = ['missing-allow-origin', 'method-not-allowed', 'same-origin-mode'];

describe('predict-outcome', () => {
	test('cross-origin without Access-Control-Allow-Origin: blocked, for missing-allow-origin', () => {
		const p = prepared({ kind: 'predict-outcome', server: { response: NO_CORS }, steps: [{ fetch: { url: URL } }], why: WHY });
		expect(p.prompt.type === 'outcome' && [...p.prompt.reasons].sort()).toEqual(WHY.map((c) => FAILURE_LABELS[c as keyof typeof FAILURE_LABELS]).sort());
		const reasons = p.prompt.type === 'outcome' ? p.prompt.reasons : [];
		const right = reasons.indexOf(FAILURE_LABELS['missing-allow-origin']);
		expect(p.solution).toEqual({ type: 'outcome', allowed: false, reason: right });
		expect(p.solutionText).toBe('Blocked: no Access-Control-Allow-Origin header.');

		expect(p.grade({ type: 'outcome', allowed: false, reason: right }).correct).toBe(true);
		const allowed = p.grade({ type: 'outcome', allowed: true });
		expect(allowed.correct).toBe(false);
		expect(allowed.feedback).toBe('It is blocked: the response has no Access-Control-Allow-Origin header.');
		const otherReason = p.grade({ type: 'outcome', allowed: false, reason: (right + 1) % 3 });
		expect(otherReason.correct).toBe(false);
		expect(otherReason.feedback).toMatch(/^Blocked, yes, but for another reason: the response has no Access-Control-Allow-Origin/);
	});

	test('the reasons are shuffled, but the same way every time (seeded by the id)', () => {
		const a = prepared({ id: 'one', kind: 'predict-outcome', server: { response: NO_CORS }, steps: [{ fetch: { url: URL } }], why: WHY });
		const b = prepared({ id: 'one', kind: 'predict-outcome', server: { response: NO_CORS }, steps: [{ fetch: { url: URL } }], why: WHY });
		expect(a.prompt).toEqual(b.prompt);
		expect(a.prompt.type === 'outcome' && a.prompt.reasons).not.toEqual(WHY.map((c) => FAILURE_LABELS[c as keyof typeof FAILURE_LABELS]));
	});

	test('the same origin needs no CORS header: allowed', () => {
		const p = prepared({ kind: 'predict-outcome', server: { response: NO_CORS }, steps: [{ fetch: { url: `${PAGE}/api` } }], why: WHY });
		expect(p.solution).toEqual({ type: 'outcome', allowed: true });
		expect(p.solutionText).toBe('Allowed.');
		const g = p.grade({ type: 'outcome', allowed: false, reason: 0 });
		expect(g.correct).toBe(false);
		expect(g.feedback).toMatch(/^It is allowed: /);
	});

	test('the last fetch step decides', () => {
		const server = {
			response: NO_CORS,
			routes: { [URL]: { response: { status: 200, headers: { 'Access-Control-Allow-Origin': PAGE } } } },
		};
		const p = prepared({ kind: 'predict-outcome', server, steps: [{ fetch: { url: URL } }, { fetch: { url: 'https://api.example.com/other' } }] });
		expect(p.solution).toEqual({ type: 'outcome', allowed: false });
	});

	test('without "why", only allowed/blocked is asked', () => {
		const p = prepared({ kind: 'predict-outcome', server: { response: NO_CORS }, steps: [{ fetch: { url: URL } }] });
		expect(p.prompt).toEqual({ type: 'outcome', reasons: [] });
		expect(p.solution).toEqual({ type: 'outcome', allowed: false });
		expect(p.grade({ type: 'outcome', allowed: false }).correct).toBe(true);
	});

	test('credentials with "*": the wildcard rule is the feedback', () => {
		const p = prepared({
			kind: 'predict-outcome',
			server: { response: { status: 200, headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' } } },
			steps: [{ fetch: { url: URL, credentials: 'include' } }],
			why: ['wildcard-with-credentials', 'missing-allow-origin'],
		});
		expect(p.solutionText).toBe(`Blocked: ${FAILURE_LABELS['wildcard-with-credentials']}.`);
		expect(p.grade({ type: 'outcome', allowed: true }).feedback).toMatch(/'\*' but the request's credentials mode is 'include'/);
	});
});
