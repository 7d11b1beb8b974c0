import { describe, expect, test } from 'vitest';
import { type CorsCheckCode, type CorsCheckInput, type Header, corsCheckInput } from '../../source/core/index.js';
import { APP, chromium, fetchStep, firefox, runOne, safari } from './helpers.js';

type V = CorsCheckCode | 'ok';
/** The check's input for a response carrying these ACAO and ACAC lines. */
const input = (allowOrigin: string[], include = false, allowCredentials: string[] = [], origin = APP, acaoName = 'Access-Control-Allow-Origin'): CorsCheckInput =>
	corsCheckInput([
		...allowOrigin.map((v): Header => [acaoName, v]),
		...allowCredentials.map((v): Header => ['Access-Control-Allow-Credentials', v]),
	], origin, include);

describe('cors-facts §3.1 / §3.3 ACAO classification per profile', () => {
	test.each<[string, string[], boolean, string, V, V, V]>([
		// label, ACAO lines, include, origin, Chromium, Firefox, Safari
		['exact origin', [APP], false, APP, 'ok', 'ok', 'ok'],
		['* without credentials', ['*'], false, APP, 'ok', 'ok', 'ok'],
		['* with include', ['*'], true, APP, 'wildcard-with-credentials', 'wildcard-with-credentials', 'wildcard-with-credentials'],
		['missing', [], false, APP, 'missing-allow-origin', 'missing-allow-origin', 'missing-allow-origin'],
		['missing with include', [], true, APP, 'missing-allow-origin', 'missing-allow-origin', 'missing-allow-origin'],
		['two origins, comma-joined in one line', [`${APP}, http://api.test`], false, APP, 'multiple-allow-origin', 'allow-origin-mismatch', 'multiple-allow-origin'],
		['two origins separated by a space', [`${APP} http://api.test`], false, APP, 'multiple-allow-origin', 'allow-origin-mismatch', 'allow-origin-mismatch'],
		['two lines, different', [APP, 'http://api.test'], false, APP, 'multiple-allow-origin', 'multiple-allow-origin', 'multiple-allow-origin'],
		['two identical lines', [APP, APP], false, APP, 'multiple-allow-origin', 'multiple-allow-origin', 'multiple-allow-origin'],
		['two * lines', ['*', '*'], false, APP, 'multiple-allow-origin', 'multiple-allow-origin', 'multiple-allow-origin'],
		['empty value', [''], false, APP, 'invalid-allow-origin', 'allow-origin-mismatch', 'allow-origin-mismatch'],
		['foo (no scheme)', ['foo'], false, APP, 'invalid-allow-origin', 'allow-origin-mismatch', 'allow-origin-mismatch'],
		['*.example.com', ['*.example.com'], false, APP, 'invalid-allow-origin', 'allow-origin-mismatch', 'allow-origin-mismatch'],
		['http:// (empty host)', ['http://'], false, APP, 'invalid-allow-origin', 'allow-origin-mismatch', 'allow-origin-mismatch'],
		['null for a tuple origin', ['null'], false, APP, 'allow-origin-mismatch', 'allow-origin-mismatch', 'allow-origin-mismatch'],
		['null for an opaque origin', ['null'], false, 'null', 'ok', 'ok', 'ok'],
		['an origin for an opaque origin', [APP], false, 'null', 'allow-origin-mismatch', 'allow-origin-mismatch', 'allow-origin-mismatch'],
		['trailing slash', [`${APP}/`], false, APP, 'allow-origin-mismatch', 'allow-origin-mismatch', 'allow-origin-mismatch'],
		['uppercase host', ['http://APP.test'], false, APP, 'allow-origin-mismatch', 'allow-origin-mismatch', 'allow-origin-mismatch'],
		['uppercase scheme', ['HTTP://app.test'], false, APP, 'allow-origin-mismatch', 'allow-origin-mismatch', 'allow-origin-mismatch'],
		['wrong scheme', ['https://app.test'], false, APP, 'allow-origin-mismatch', 'allow-origin-mismatch', 'allow-origin-mismatch'],
		['explicit default port', ['http://app.test:80'], false, APP, 'allow-origin-mismatch', 'allow-origin-mismatch', 'allow-origin-mismatch'],
		['another origin', ['http://evil.test'], false, APP, 'allow-origin-mismatch', 'allow-origin-mismatch', 'allow-origin-mismatch'],
	])('%s', (_l, lines, include, origin, cr, ff, sf) => {
		const i = input(lines, include, include ? ['true'] : [], origin);
		const code = (o: ReturnType<typeof chromium.corsCheck>): V => (o.ok ? 'ok' : o.code);
		expect(code(chromium.corsCheck(i))).toBe(cr);
		expect(code(firefox.corsCheck(i))).toBe(ff);
		expect(code(safari.corsCheck(i))).toBe(sf);
	});

	test.each<[string, string[], V, V]>([
		// name spelling, two lines, Chromium, Firefox (research §1a: only the exact spelling is counted)
		['Access-Control-Allow-Origin', [APP, APP], 'multiple-allow-origin', 'multiple-allow-origin'],
		['access-control-allow-origin', [APP, APP], 'multiple-allow-origin', 'allow-origin-mismatch'],
		['ACCESS-CONTROL-ALLOW-ORIGIN', [APP, 'http://api.test'], 'multiple-allow-origin', 'allow-origin-mismatch'],
		['access-control-allow-origin', [APP], 'ok', 'ok'],
	])('two ACAO lines spelled %s', (name, lines, cr, ff) => {
		const i = input(lines, false, [], APP, name);
		const code = (o: ReturnType<typeof chromium.corsCheck>): V => (o.ok ? 'ok' : o.code);
		expect(code(chromium.corsCheck(i))).toBe(cr);
		expect(code(firefox.corsCheck(i))).toBe(ff);
	});

	test('the failing value is reported joined with ", " (Chromium, §3.1 step 1) and the line count is kept', () => {
		const out = chromium.corsCheck(input(['a', 'b']));
		expect(!out.ok && [out.value, out.lines]).toEqual(['a, b', 2]);
		const ff = firefox.corsCheck(input([APP, APP]));
		expect(!ff.ok && ff.lines).toBe(2);
	});
});

describe('cors-facts §3.1 steps 5-6: Access-Control-Allow-Credentials must be exactly "true" with include', () => {
	test.each<[string, string[], boolean, V]>([
		['true with include', ['true'], true, 'ok'],
		['True with include', ['True'], true, 'invalid-allow-credentials'],
		['TRUE with include', ['TRUE'], true, 'invalid-allow-credentials'],
		['"true" quoted', ['"true"'], true, 'invalid-allow-credentials'],
		['1', ['1'], true, 'invalid-allow-credentials'],
		['missing with include', [], true, 'invalid-allow-credentials'],
		['two true lines', ['true', 'true'], true, 'invalid-allow-credentials'],
		['false without include (ignored)', ['false'], false, 'ok'],
		['missing without include', [], false, 'ok'],
	])('%s → %s (every profile)', (_l, acac, include, expected) => {
		for (const p of [chromium, firefox, safari]) {
			const out = p.corsCheck(input([APP], include, acac));
			expect(out.ok ? 'ok' : out.code).toBe(expected);
		}
	});

	test('Chromium reports the ACAC value (empty when missing)', () => {
		const a = chromium.corsCheck(input([APP], true, ['True']));
		const b = chromium.corsCheck(input([APP], true, []));
		expect(!a.ok && a.value).toBe('True');
		expect(!b.ok && b.value).toBe('');
	});

	test('wildcard is reported before ACAC, and * with credentials is never rescued by ACAC: true', () => {
		for (const p of [chromium, firefox, safari]) {
			const out = p.corsCheck(input(['*'], true, ['true']));
			expect(!out.ok && out.code).toBe('wildcard-with-credentials');
		}
	});
});

describe('CORS check on real responses (cors-facts §3.2), observed through runScenario', () => {
	const res = (headers: Record<string, string | readonly string[]>) => ({ response: { status: 200, headers: { 'Content-Type': 'text/plain', ...headers }, body: 'ok' } });

	test.each<[string, Record<string, string | readonly string[]>, 'omit' | 'include', V, V, V]>([
		['no ACAO', {}, 'omit', 'missing-allow-origin', 'missing-allow-origin', 'missing-allow-origin'],
		['echo', { 'Access-Control-Allow-Origin': '$ORIGIN' }, 'omit', 'ok', 'ok', 'ok'],
		['echo sent twice', { 'Access-Control-Allow-Origin': ['$ORIGIN', '$ORIGIN'] }, 'omit', 'multiple-allow-origin', 'multiple-allow-origin', 'multiple-allow-origin'],
		['surrounding blanks are stripped by the HTTP parser', { 'Access-Control-Allow-Origin': ' \t$ORIGIN\t ' }, 'omit', 'ok', 'ok', 'ok'],
		['* with include', { 'Access-Control-Allow-Origin': '*' }, 'include', 'wildcard-with-credentials', 'wildcard-with-credentials', 'wildcard-with-credentials'],
		['echo with include, ACAC "true "', { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Credentials': 'true ' }, 'include', 'ok', 'ok', 'ok'],
		['echo with include, ACAC True', { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Credentials': 'True' }, 'include', 'invalid-allow-credentials', 'invalid-allow-credentials', 'invalid-allow-credentials'],
	])('%s', (_l, headers, credentials, cr, ff, sf) => {
		const got = (p: typeof chromium): string => runOne(p, res(headers), fetchStep({ credentials })).result.failure?.code ?? 'ok';
		expect(got(chromium)).toBe(cr);
		expect(got(firefox)).toBe(ff);
		expect(got(safari)).toBe(sf);
	});

	test('a CORS failure on the actual response still means the request was sent (simple-post-no-acao-side-effect)', () => {
		const { obs } = runOne(chromium, res({}), fetchStep({ method: 'POST', body: 'x' }));
		expect(obs).toMatchObject({ preflight_sent: false, request_sent: true, outcome: 'network-error', status: 0, type: null, visible_headers: [] });
	});

	test('a 404 with a good ACAO is an ok response with status 404 (simple-get-404-with-acao)', () => {
		const { obs } = runOne(chromium, { response: { status: 404, headers: { 'Access-Control-Allow-Origin': '*' } } });
		expect(obs).toMatchObject({ outcome: 'ok', status: 404, type: 'cors', console: null });
	});
});
