// Every message the core's profiles print must be recognised back as the same failure:
// the recogniser and the message templates cannot drift apart.
import { describe, expect, test } from 'vitest';
import { type Failure, type FailureCode, PROFILES, isThrownByFetch } from '../../source/core/index.js';
import { advise } from '../../source/explain/advice.js';
import { recognise } from '../../source/explain/recognize.js';

const CODES: FailureCode[] = [
	'missing-allow-origin', 'wildcard-with-credentials', 'multiple-allow-origin', 'invalid-allow-origin', 'allow-origin-mismatch',
	'invalid-allow-credentials', 'preflight-bad-status', 'preflight-redirect', 'allow-methods-unparseable', 'allow-headers-unparseable',
	'method-not-allowed', 'header-not-allowed', 'redirect-has-credentials', 'same-origin-mode',
];
const VALUE: Partial<Record<FailureCode, string>> = {
	'multiple-allow-origin': 'https://a.example, https://b.example', 'invalid-allow-origin': 'foo', 'allow-origin-mismatch': 'https://app.example.com/',
	'invalid-allow-credentials': 'True', 'method-not-allowed': 'PATCH', 'redirect-has-credentials': 'https://user:pass@evil.example/', 'header-not-allowed': 'x-trace', 'allow-methods-unparseable': 'PUT DELETE', 'allow-headers-unparseable': 'X-A X-B',
};
const PREFLIGHT_ONLY: FailureCode[] = ['preflight-bad-status', 'preflight-redirect', 'allow-methods-unparseable', 'allow-headers-unparseable', 'method-not-allowed', 'header-not-allowed'];
const ctx = { pageOrigin: 'https://app.example.com', pageUrl: 'https://app.example.com/' };

function failure(code: FailureCode, stage: Failure['stage'], redirected = false): Failure {
	const url = 'https://api.example.com/items';
	const urlList = redirected ? ['https://api.example.com/old', url] : [url];
	return { code, stage, url, urlList, value: VALUE[code] ?? '', status: code === 'preflight-bad-status' ? 404 : 200 };
}

for (const browser of ['chromium', 'firefox', 'safari'] as const) {
	describe(`${browser}: every console message the profile prints is recognised as itself`, () => {
		const cases = CODES.flatMap((code) =>
			(PREFLIGHT_ONLY.includes(code) ? (['preflight'] as const) : code === 'redirect-has-credentials' || code === 'same-origin-mode' ? (['redirect', 'request'] as const) : (['actual', 'preflight'] as const)).map((stage) => [code, stage] as const),
		).filter(([code, stage]) => !(code === 'same-origin-mode' && stage === 'redirect' && browser !== 'chromium'));
		test.each(cases)('%s at %s', (code, stage) => {
			const lines = PROFILES[browser].consoleMessages(failure(code, stage), ctx);
			if (lines.length === 0) return; // this browser prints nothing for it (checked below)
			const all = recognise(lines.join('\n'));
			const r = all.primary;
			expect(r?.browser).toBe(browser);
			// Some failures print only the browser's generic line (Firefox "CORS request did not
			// succeed", Safari "Fetch API cannot load … due to access control checks."): nothing more can be read from them.
			if (all.all.every((x) => x.code === 'request-did-not-succeed')) return;
			// Safari words a missing and a mismatched Allow-Origin alike; Firefox has no "invalid".
			const same: Record<string, FailureCode[][]> = {
				safari: [['missing-allow-origin', 'allow-origin-mismatch', 'invalid-allow-origin'], ['preflight-redirect', 'preflight-bad-status']],
				firefox: [['allow-origin-mismatch', 'invalid-allow-origin']],
				chromium: [],
			};
			const alike = (same[browser] ?? []).find((g) => g.includes(code)) ?? [];
			if (alike.includes(code)) expect(alike).toContain(r?.code);
			else expect(r?.code).toBe(code);
			if (browser === 'chromium' && VALUE[code] && !code.endsWith('unparseable') && code !== 'redirect-has-credentials') expect(r?.value).toBe(VALUE[code]);
			if (browser === 'chromium' && stage === 'preflight') expect(r?.stage).toBe('preflight');
			if (browser === 'firefox' && stage === 'preflight' && !PREFLIGHT_ONLY.includes(code)) expect(r?.stage).toBe('preflight-or-redirect');
		});
	});
}

test('Chromium: the redirected form names both URLs and the page origin', () => {
	const [line] = PROFILES.chromium.consoleMessages(failure('missing-allow-origin', 'actual', true), ctx);
	const r = recognise(line ?? '').primary;
	expect(r).toMatchObject({ url: 'https://api.example.com/items', redirectedFrom: 'https://api.example.com/old', origin: 'https://app.example.com', initiator: 'fetch' });
});

test.each([
	["older Chromium: the no-cors suggestion after a missing header", "Access to XMLHttpRequest at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.", 'missing-allow-origin'],
	["older Chromium: the no-cors suggestion after a mismatch", "Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://www.example.com' that is not equal to the supplied origin. Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.", 'allow-origin-mismatch'],
	['a fragment without the prefix', "No 'Access-Control-Allow-Origin' header is present on the requested resource.", 'missing-allow-origin'],
	['a script load', "Access to script at 'https://cdn.example.com/a.js' from origin 'null' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.", 'missing-allow-origin'],
	['DevTools Issues wording', "Access blocked by CORS policy: Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.", 'header-not-allowed'],
	['Firefox, old wording with straight quotes', "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/. (Reason: CORS preflight channel did not succeed).", 'preflight-bad-status'],
	['Firefox, old missing-token wording', "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/. (Reason: missing token 'x-trace' in CORS header 'Access-Control-Allow-Headers' from CORS preflight channel).", 'header-not-allowed'],
	['Firefox, CORS disabled', 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/. (Reason: CORS disabled).', 'cors-disabled'],
	['Firefox, not http', 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at file:///x. (Reason: CORS request not HTTP).', 'request-not-http'],
	['Firefox, Origin not added', "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/. (Reason: CORS header ‘Origin’ cannot be added).", 'origin-header-not-added'],
	['Firefox, only the reason', '(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 403.', 'missing-allow-origin'],
	['Safari, two lines', 'Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 200\nFetch API cannot load https://api.example.com/items due to access control checks.', 'allow-origin-mismatch'],
	['Safari with the [Error] prefix', '[Error] Preflight response is not successful. Status code: 405', 'preflight-bad-status'],
	['Chrome line plus the ERR_FAILED line', "Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nGET https://api.example.com/x net::ERR_FAILED 500 (Internal Server Error)", 'missing-allow-origin'],
])('%s', (_n, text, code) => {
	expect(recognise(text).primary?.code).toBe(code);
});

test('the ERR_FAILED status is picked up', () => {
	const r = recognise("Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nGET https://api.example.com/x net::ERR_FAILED 500 (Internal Server Error)");
	expect(r.primary?.status).toBe(500);
});

test.each([
	'Uncaught TypeError: Cannot read properties of undefined',
	'GET https://api.example.com/x 404 (Not Found)',
	'Refused to load the script because it violates the following Content Security Policy directive',
	'',
])('not a CORS message: %j', (text) => {
	expect(recognise(text).primary).toBeNull();
});

test('every thrown-by-fetch code prints no console line in Chromium (nothing to recognise)', () => {
	for (const code of ['forbidden-method', 'no-cors-method', 'url-has-credentials'] as const) {
		expect(isThrownByFetch(code)).toBe(true);
		expect(PROFILES.chromium.consoleMessages(failure(code, 'request'), ctx)).toEqual([]);
	}
});

test('every failure code the advice knows points at a lesson that exists', async () => {
	const { LESSON_FOR } = await import('../../source/explain/advice.js');
	const { loadCurriculum } = await import('../../source/content/load.js');
	const { join } = await import('node:path');
	const ids = new Set(loadCurriculum(join(import.meta.dirname, '../../lessons')).lessons.map((l) => l.id));
	for (const [code, id] of Object.entries(LESSON_FOR)) expect(ids.has(id), `${code} → ${id}`).toBe(true);
});

test.each([
	['Reason: CORS header ‘Access-Control-Allow-Origin’ missing', 'missing-allow-origin'],
	["CORS header 'Access-Control-Allow-Origin' missing", 'missing-allow-origin'],
	['(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.', 'missing-allow-origin'],
	['Did not find method in CORS header ‘Access-Control-Allow-Methods’', 'method-not-allowed'],
])('Firefox: the reason alone, with or without "(Reason: …)", is recognised: %s', (text, code) => {
	expect(recognise(text).primary).toMatchObject({ browser: 'firefox', code });
});

test('text that only looks like a reason is not taken for one', () => {
	expect(recognise('Reason: the server is down').primary).toBeNull();
	expect(recognise('hello world').primary).toBeNull();
});

test("Safari's 'Origin … is not allowed' names no header value: the advice says missing or another origin", () => {
	const r = recognise('Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 200').primary!;
	expect(r).toMatchObject({ browser: 'safari', code: 'allow-origin-mismatch', value: null });
	const a = advise(r);
	expect(a.explanation).toMatch(/missing or named another origin \(Safari reports both the same way\)/);
	expect(a.explanation).not.toMatch(/was ''/);
});

test('a method in lower case: the first step is to write it in upper case in the page', () => {
	const lower = advise(recognise("Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: Method patch is not allowed by Access-Control-Allow-Methods in preflight response.").primary!);
	expect(lower.steps[0]).toMatch(/^Write the method in upper case in the page: method: 'PATCH'/);
	const upper = advise(recognise("Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response.").primary!);
	expect(upper.steps).toEqual(['Add PATCH to Access-Control-Allow-Methods on the OPTIONS answer.']);
});
