// choose-fix: each option's headers run through the core; exactly the working one is the key.
import { describe, expect, test } from 'vitest';
import { NO_CORS, URL, prepared } from './helpers.js';

describe('choose-fix', () => {
	const p = prepared({
		kind: 'choose-fix', server: { response: NO_CORS }, steps: [{ fetch: { url: URL, credentials: 'include' } }],
		options: [
			{ label: 'Allow-Origin * and Allow-Credentials true', response: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' } },
			{ label: 'The exact origin and Allow-Credentials true', response: { 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Credentials': 'true' } },
			{ label: 'The exact origin only', response: { 'Access-Control-Allow-Origin': 'https://app.example.com' } },
		],
	});

	test('the options keep their order; the key is the only one that works', () => {
		expect(p.prompt).toEqual({ type: 'choice', options: ['Allow-Origin * and Allow-Credentials true', 'The exact origin and Allow-Credentials true', 'The exact origin only'] });
		expect(p.solution).toEqual({ type: 'choice', index: 1 });
		expect(p.wrong).toEqual([{ type: 'choice', index: 0 }, { type: 'choice', index: 2 }]);
		expect(p.solutionText).toBe('The exact origin and Allow-Credentials true');
	});

	test('each wrong option is told the rule it breaks', () => {
		expect(p.grade({ type: 'choice', index: 1 }).correct).toBe(true);
		expect(p.grade({ type: 'choice', index: 0 }).feedback).toBe("With that change the browser still blocks: Access-Control-Allow-Origin is '*' but the request's credentials mode is 'include'.");
		expect(p.grade({ type: 'choice', index: 2 }).feedback).toBe("With that change the browser still blocks: the request's credentials mode is 'include' but Access-Control-Allow-Credentials is missing.");
	});

	test('the trace of the learner\'s pick comes with the grade', () => {
		const g = p.grade({ type: 'choice', index: 0 });
		expect(g.run?.steps[0]?.result.failure?.code).toBe('wildcard-with-credentials');
	});

	test('a pick outside the options is malformed', () => {
		expect(p.grade({ type: 'choice', index: 7 })).toEqual({ correct: false, malformed: 'choose one of the options', feedback: '' });
	});

	test('an option may change the preflight answer', () => {
		const q = prepared({
			kind: 'choose-fix',
			server: { preflight: { status: 204, headers: { 'Access-Control-Allow-Origin': '*' } }, response: { status: 200, headers: { 'Access-Control-Allow-Origin': '*' } } },
			steps: [{ fetch: { url: URL, method: 'PATCH' } }],
			options: [
				{ label: 'lowercase patch', preflight: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'patch' } },
				{ label: 'PATCH', preflight: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'PATCH' } },
			],
		});
		expect(q.solution).toEqual({ type: 'choice', index: 1 });
	});
});
