// After a redirect to another origin the browser sends Origin: null (cors-facts §6.5): the fix
// is not "allow your page's origin", which cannot match, but calling the final URL directly.
import { describe, expect, test } from 'vitest';
import type { Failure } from '../../source/core/failure.js';
import { advise, taintedRedirect } from '../../source/explain/advice.js';
import { recognizedFromFailure } from '../../source/explain/from-failure.js';
import { recognise } from '../../source/explain/recognize.js';
import { noConfigReason } from '../../source/explain/report.js';

const chromium = (from: string, to: string) =>
	`Access to fetch at '${to}' (redirected from '${from}') from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`;

describe('a response reached by a cross-origin redirect', () => {
	test('from a console message: the origin was null, so the fix is to call the final URL', () => {
		const r = recognise(chromium('https://api.example.com/items', 'https://cdn.example.net/items')).primary!;
		expect(taintedRedirect(r)).toBe(true);
		const a = advise(r);
		expect(a.explanation).toMatch(/Origin: null to https:\/\/cdn\.example\.net\/items/);
		expect(a.headers).toEqual({ preflight: [], actual: ['Access-Control-Allow-Origin: *'] });
		expect(a.steps[0]).toMatch(/^Call https:\/\/cdn\.example\.net\/items directly/);
		expect(a.traps.join(' ')).toMatch(/Do not allow the origin 'null'/);
		expect(a.policy).toBeNull();
		expect(noConfigReason(r, a)).toMatch(/origin is null/);
	});
	test('a redirect within one origin, or from the page\'s own origin, keeps the page origin', () => {
		for (const [from, to] of [['https://api.example.com/a', 'https://api.example.com/b'], ['https://app.example.com/a', 'https://api.example.com/b']] as const) {
			const r = recognise(chromium(from, to)).primary!;
			expect(taintedRedirect(r)).toBe(false);
			expect(advise(r).headers.actual).toContain('Access-Control-Allow-Origin: https://app.example.com');
		}
	});
	test('from the whole URL chain (check): A → B → A is tainted too', () => {
		const f = { code: 'missing-allow-origin', stage: 'actual', url: 'https://api.example.com/x', urlList: ['https://api.example.com/x', 'https://cdn.example.net/x', 'https://api.example.com/x'] } as unknown as Failure;
		const r = recognizedFromFailure(f, 'chromium', 'https://app.example.com', []);
		expect(r.tainted).toBe(true);
		expect(advise(r).headers.actual).toEqual(['Access-Control-Allow-Origin: *']);
		const same = recognizedFromFailure({ ...f, urlList: ['https://api.example.com/x', 'https://api.example.com/y'] } as Failure, 'chromium', 'https://app.example.com', []);
		expect(same.tainted).toBe(false);
	});
});
