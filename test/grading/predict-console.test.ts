// predict-console: the options are the console messages of the exercise's server and of its
// variants, each computed by the core; the key is the exercise's own.
import { describe, expect, test } from 'vitest';
import { NO_CORS, URL, prepared } from './helpers.js';

const acao = (value: string) => ({ response: { status: 200, headers: { 'Access-Control-Allow-Origin': value } } });

describe('predict-console', () => {
	const p = prepared({
		kind: 'predict-console', server: { response: NO_CORS }, steps: [{ fetch: { url: URL } }],
		variants: [acao('https://other.example.com'), acao('https://app.example.com, https://other.example.com')],
	});
	const options = p.prompt.type === 'choice' ? p.prompt.options : [];
	const key = p.solution.type === 'choice' ? p.solution.index : -1;

	test('three distinct Chromium messages, the key is the missing-header one', () => {
		expect(options).toHaveLength(3);
		expect(new Set(options).size).toBe(3);
		expect(options[key]).toBe("Access to fetch at 'https://api.example.com/data' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
		expect(options.some((o) => o.includes("has a value 'https://other.example.com' that is not equal to the supplied origin"))).toBe(true);
		expect(options.some((o) => o.includes('contains multiple values'))).toBe(true);
		expect(p.solutionText).toBe(options[key]);
	});

	test('right and wrong picks; the miss names the rule that decided', () => {
		expect(p.grade({ type: 'choice', index: key }).correct).toBe(true);
		expect(p.wrong).toHaveLength(2);
		for (const w of p.wrong) {
			const g = p.grade(w);
			expect(g.correct).toBe(false);
			expect(g.feedback).toBe('The browser prints the other message because the response has no Access-Control-Allow-Origin header.');
		}
	});

	test('Firefox words it differently', () => {
		const ff = prepared({
			kind: 'predict-console', browser: 'firefox', server: { response: NO_CORS }, steps: [{ fetch: { url: URL } }],
			variants: [acao('https://other.example.com'), acao('*, *')],
		});
		expect(ff.solutionText).toMatch(/Cross-Origin Request Blocked: .*\(Reason: CORS header ‘Access-Control-Allow-Origin’ missing\)/);
	});

	test('variants printing the same message collapse into one option', () => {
		const same = prepared({
			kind: 'predict-console', server: { response: NO_CORS }, steps: [{ fetch: { url: URL } }],
			variants: [{ response: { status: 404, headers: {} } }, acao('https://other.example.com')],
		});
		expect(same.prompt.type === 'choice' && same.prompt.options).toHaveLength(2);
	});
});
