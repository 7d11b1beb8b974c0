import { describe, expect, test } from 'vitest';
import { CORS_SAFELISTED_RESPONSE_HEADERS, type Header, exposedHeaders } from '../../source/core/index.js';
import { APP, chromium, fetchStep, firefox, runOne, safari } from './helpers.js';

const RESPONSE: Header[] = [
	['Cache-Control', 'no-cache'], ['Content-Language', 'en'], ['Content-Length', '2'], ['Content-Type', 'text/plain'],
	['Expires', '0'], ['Last-Modified', 'x'], ['Pragma', 'no-cache'], ['X-Final', '1'], ['X-Other', '2'], ['Set-Cookie', 'a=b'],
	['Set-Cookie2', 'c=d'], ['ETag', '"e"'],
];
const SAFE = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];
const names = (hs: Header[]): string[] => [...new Set(hs.map(([k]) => k.toLowerCase()))].sort();
const withAceh = (...v: string[]): Header[] => [...RESPONSE, ...v.map((x): Header => ['Access-Control-Expose-Headers', x])];

describe('cors-facts §5.2 CORS-safelisted response-header names', () => {
	test('the list', () => expect([...CORS_SAFELISTED_RESPONSE_HEADERS].sort()).toEqual(SAFE));
});

describe('cors-facts §5.2-5.4 what a cors response exposes', () => {
	test.each<[string, Header[], boolean, string[]]>([
		['no ACEH: safelisted only', RESPONSE, false, SAFE],
		['ACEH lists X-Final', withAceh('X-Final'), false, [...SAFE, 'x-final'].sort()],
		['ACEH is case-insensitive', withAceh('x-FINAL'), false, [...SAFE, 'x-final'].sort()],
		['ACEH over two lines', withAceh('X-Final', 'ETag'), false, [...SAFE, 'etag', 'x-final'].sort()],
		['ACEH with empty items', withAceh(' , X-Final,,'), false, [...SAFE, 'x-final'].sort()],
		['ACEH names Set-Cookie: still hidden', withAceh('Set-Cookie, Set-Cookie2, X-Final'), false, [...SAFE, 'x-final'].sort()],
		['ACEH * without credentials: everything but Set-Cookie', withAceh('*'), false, [...SAFE, 'access-control-expose-headers', 'etag', 'x-final', 'x-other'].sort()],
		['ACEH * with include: only a header literally named *', withAceh('*'), true, SAFE],
		['ACEH *, X-Final with include', withAceh('*, X-Final'), true, [...SAFE, 'x-final'].sort()],
		['ACEH unparseable ("X-Final X-Other"): safelisted only', withAceh('X-Final X-Other'), false, SAFE],
		['ACEH unparseable in one item of two: safelisted only', withAceh('X-Final, not valid'), false, SAFE],
		['ACEH unparseable (///)', withAceh('///'), false, SAFE],
	])('%s', (_l, headers, include, expected) => expect(names(exposedHeaders(headers, 'cors', include))).toEqual(expected));

	test('a response header literally named * is exposed by ACEH * with include', () => {
		const hs: Header[] = [['*', 'star'], ['X-A', '1'], ['Access-Control-Expose-Headers', '*']];
		expect(names(exposedHeaders(hs, 'cors', true))).toEqual(['*']);
	});
});

describe('cors-facts §5.3, §5.5 basic and opaque responses', () => {
	test('basic (same-origin): everything except Set-Cookie and Set-Cookie2', () => {
		expect(names(exposedHeaders(RESPONSE, 'basic', true))).toEqual([...SAFE, 'etag', 'x-final', 'x-other'].sort());
		expect(names(exposedHeaders(RESPONSE, 'basic', false))).not.toContain('set-cookie');
	});

	test('opaque: nothing', () => {
		expect(exposedHeaders(RESPONSE, 'opaque', false)).toEqual([]);
	});
});

describe('visible_headers observed (FORMAT.md: candidates are the names the scenario lists)', () => {
	const server = (headers: Record<string, string>) => ({
		response: { status: 200, headers: { 'Content-Type': 'text/plain', 'X-Final': '1', 'Set-Cookie': 'a=b', ...headers }, body: 'ok' },
	});

	test.each<[string, Record<string, string>, 'omit' | 'include', string[]]>([
		['ACAO * only', { 'Access-Control-Allow-Origin': '*' }, 'omit', ['content-type']],
		['ACEH X-Final', { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'X-Final' }, 'omit', ['content-type', 'x-final']],
		['ACEH *', { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': '*' }, 'omit',
			['access-control-allow-origin', 'access-control-expose-headers', 'content-type', 'x-final']],
		['ACEH * with include', { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': '*' }, 'include', ['content-type']],
		['ACEH Set-Cookie', { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Set-Cookie' }, 'omit', ['content-type']],
	])('%s → %j (every profile)', (_l, headers, credentials, visible) => {
		for (const p of [chromium, firefox, safari]) {
			const { obs } = runOne(p, server(headers), fetchStep({ credentials }));
			expect(obs.type).toBe('cors');
			expect(obs.visible_headers).toEqual(visible);
		}
	});

	test('same-origin: type basic, every listed header but Set-Cookie', () => {
		const { obs } = runOne(chromium, server({}), fetchStep({ url: `${APP}/data` }));
		expect(obs).toMatchObject({ type: 'basic', outcome: 'ok', visible_headers: ['content-type', 'x-final'] });
	});

	test('no-cors: opaque, status 0, no headers, no body', () => {
		const { obs, result } = runOne(chromium, server({ 'Access-Control-Allow-Origin': '*' }), fetchStep({ mode: 'no-cors' }));
		expect(obs).toMatchObject({ type: 'opaque', status: 0, visible_headers: [] });
		expect(result.body).toBeNull();
	});

	test('a failed fetch exposes nothing', () => {
		const { obs } = runOne(chromium, server({}));
		expect(obs).toMatchObject({ outcome: 'network-error', visible_headers: [], type: null, status: 0 });
	});
});
