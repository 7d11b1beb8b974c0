import { describe, expect, test } from 'vitest';
import { type FailureCode, type FetchInit, type Header, constructRequest, normalizeMethod, combineByName } from '../../source/core/index.js';
import { ALL, ECHO, chromium, fetchStep, firefox, preflightAnswer, runOne, safari, saw } from './helpers.js';

const init = (over: Partial<FetchInit> = {}): FetchInit => fetchStep(over);
const CR = chromium.headerRules;

describe('cors-facts §1.9 method normalisation: only DELETE GET HEAD OPTIONS POST PUT are uppercased', () => {
	test.each([
		['get', 'GET'], ['Get', 'GET'], ['head', 'HEAD'], ['post', 'POST'], ['put', 'PUT'], ['delete', 'DELETE'],
		['options', 'OPTIONS'], ['patch', 'patch'], ['Patch', 'Patch'], ['PATCH', 'PATCH'], ['purge', 'purge'], ['mkcol', 'mkcol'],
	])('%s → %s', (m, normalised) => {
		expect(normalizeMethod(m)).toBe(normalised);
		const built = constructRequest(init({ method: m, body: null, mode: 'cors' }), CR);
		expect(built.ok && built.request.method).toBe(normalised);
	});

	test.each([['patch'], ['put']])('%s goes on the wire as normalised, and ACRM carries the same spelling', (m) => {
		const { obs } = runOne(chromium, { preflight: preflightAnswer({ 'Access-Control-Allow-Methods': 'PUT, patch' }), response: ECHO }, fetchStep({ method: m }));
		const wire = normalizeMethod(m);
		expect(saw(obs, 0).headers['access-control-request-method']).toBe(wire);
		expect(saw(obs, 1).method).toBe(wire);
		expect(obs.outcome).toBe('ok');
	});
});

describe('cors-facts §1.7, §1.8, §1.11: fetch() throws before anything is sent', () => {
	test.each<[string, Partial<FetchInit>, FailureCode]>([
		['CONNECT', { method: 'CONNECT' }, 'forbidden-method'],
		['connect', { method: 'connect' }, 'forbidden-method'],
		['TRACE', { method: 'TRACE' }, 'forbidden-method'],
		['trace', { method: 'trace' }, 'forbidden-method'],
		['TRACK', { method: 'TRACK' }, 'forbidden-method'],
		['tRaCk', { method: 'tRaCk' }, 'forbidden-method'],
		['method with a space', { method: 'bad method' }, 'invalid-method'],
		['empty method', { method: '' }, 'invalid-method'],
		['method with a colon', { method: 'GET:' }, 'invalid-method'],
		['no-cors PUT', { method: 'PUT', mode: 'no-cors' }, 'no-cors-method'],
		['no-cors put (normalised first)', { method: 'put', mode: 'no-cors' }, 'no-cors-method'],
		['no-cors DELETE', { method: 'DELETE', mode: 'no-cors' }, 'no-cors-method'],
		['no-cors patch', { method: 'patch', mode: 'no-cors' }, 'no-cors-method'],
		['GET with a body', { method: 'GET', body: 'x' }, 'body-with-get-or-head'],
		['HEAD with a body', { method: 'HEAD', body: '' }, 'body-with-get-or-head'],
		['get with a body', { method: 'get', body: 'x' }, 'body-with-get-or-head'],
		['URL with user:pass', { url: 'http://user:pass@api.test/data' }, 'url-has-credentials'],
		['URL with user only', { url: 'http://user@api.test/data' }, 'url-has-credentials'],
		['ftp: URL', { url: 'ftp://api.test/data' }, 'invalid-url'],
		['relative URL', { url: '/data' }, 'invalid-url'],
		['header name with a space', { headers: [['X Bad', '1']] }, 'invalid-header'],
		['header value with LF', { headers: [['X-A', 'a\nb']] }, 'invalid-header'],
		['header value beyond U+00FF', { headers: [['X-A', 'λ']] }, 'invalid-header'],
	])('%s → %s, network-error, nothing sent, no console message', (_label, over, code) => {
		for (const p of ALL) {
			const { obs, result } = runOne(p, { preflight: preflightAnswer(), response: ECHO }, fetchStep(over));
			expect(result.failure?.code).toBe(code);
			expect(result.failure?.stage).toBe('request');
			expect(obs.outcome).toBe('network-error');
			expect(obs.server_saw).toEqual([]);
			expect(obs.preflight_sent || obs.request_sent).toBe(false);
			expect(obs.console).toBeNull();
		}
	});

	test.each([
		['CONNECT', "TypeError: Failed to execute 'fetch' on 'Window': 'CONNECT' HTTP method is unsupported.", 'TypeError: Window.fetch: Invalid request method CONNECT.'],
		['trace', "TypeError: Failed to execute 'fetch' on 'Window': 'trace' HTTP method is unsupported.", 'TypeError: Window.fetch: Invalid request method trace.'],
		['bad method', "TypeError: Failed to execute 'fetch' on 'Window': 'bad method' is not a valid HTTP method.", 'TypeError: Window.fetch: Invalid request method bad method.'],
	])('rejection text for method %j (messages.md "fetch() throwing")', (method, cr, ff) => {
		expect(runOne(chromium, { response: ECHO }, fetchStep({ method })).result.rejection).toBe(cr);
		expect(runOne(firefox, { response: ECHO }, fetchStep({ method })).result.rejection).toBe(ff);
	});

	test('no-cors PUT rejection text (messages.md, messages-firefox.md)', () => {
		const step = fetchStep({ method: 'PUT', mode: 'no-cors' });
		expect(runOne(chromium, { response: ECHO }, step).result.rejection).toBe("TypeError: Failed to execute 'fetch' on 'Window': 'PUT' is unsupported in no-cors mode.");
		expect(runOne(firefox, { response: ECHO }, step).result.rejection).toBe('TypeError: Window.fetch: Invalid request method PUT.');
	});

	test('URL with credentials rejection text (cors-facts §1.11)', () => {
		const u = 'http://user:pass@api.test/data';
		expect(runOne(chromium, { response: ECHO }, fetchStep({ url: u })).result.rejection)
			.toBe(`TypeError: Failed to execute 'fetch' on 'Window': Request cannot be constructed from a URL that includes credentials: ${u}`);
	});

	test('a network error after sending rejects with the generic TypeError (cors-facts §5.6)', () => {
		const server = { response: { status: 200, headers: {} } };
		expect(runOne(chromium, server).result.rejection).toBe('TypeError: Failed to fetch');
		expect(runOne(firefox, server).result.rejection).toBe('TypeError: NetworkError when attempting to fetch resource.');
		expect(runOne(safari, server).result.rejection).toBe('TypeError: Load failed');
	});
});

describe('cors-facts §1.8 no-cors keeps only safelisted Accept, Accept-Language, Content-Language, Content-Type', () => {
	test.each<[string, Header[], Header[], number]>([
		['custom header dropped', [['X-Custom', '1']], [], 1],
		['Range dropped even when safelisted', [['Range', 'bytes=0-1']], [], 1],
		['Accept kept', [['Accept', 'application/json']], [['Accept', 'application/json']], 0],
		['Accept-Language kept', [['Accept-Language', 'de']], [['Accept-Language', 'de']], 0],
		['Content-Language with @ dropped', [['Content-Language', 'a@b']], [], 1],
		['Content-Type application/json dropped', [['Content-Type', 'application/json']], [], 1],
		['Content-Type text/plain kept', [['Content-Type', 'text/plain']], [['Content-Type', 'text/plain']], 0],
		['Authorization dropped', [['Authorization', 'Bearer t']], [], 1],
		['second Accept dropped when the combined value is unsafe', [['Accept', 'a'], ['Accept', 'b"c']], [['Accept', 'a']], 1],
		['second Accept kept when the combined value is safe', [['Accept', 'a'], ['Accept', 'b']], [['Accept', 'a'], ['Accept', 'b']], 0],
		['combined value over 128 bytes dropped', [['Accept', 'a'.repeat(100)], ['Accept', 'b'.repeat(30)]], [['Accept', 'a'.repeat(100)]], 1],
	])('%s', (_label, headers, kept, dropped) => {
		for (const p of [chromium, firefox]) {
			const built = constructRequest(init({ mode: 'no-cors', headers }), p.headerRules);
			expect(built.ok).toBe(true);
			if (built.ok) {
				expect(built.request.headers).toEqual(kept);
				expect(built.request.dropped).toHaveLength(dropped);
			}
		}
	});

	test('observed: no preflight, opaque response, status 0, no readable headers', () => {
		for (const p of [chromium, firefox]) {
			const { obs } = runOne(p, { response: { status: 200, headers: { 'X-Secret': '1', 'Content-Type': 'text/plain' } } },
				fetchStep({ mode: 'no-cors', headers: [['X-Custom', '1'], ['Accept', 'text/plain']] }));
			expect(obs).toMatchObject({ preflight_sent: false, request_sent: true, outcome: 'ok', status: 0, type: 'opaque', visible_headers: [] });
			expect(saw(obs, 0).headers['x-custom']).toBeUndefined();
			expect(saw(obs, 0).headers.accept).toBe('text/plain');
		}
	});

	test('no-cors POST carries Origin (a non-GET/HEAD request always does)', () => {
		const { obs } = runOne(chromium, { response: ECHO }, fetchStep({ mode: 'no-cors', method: 'POST', body: 'x' }));
		expect(saw(obs, 0).headers.origin).toBe('http://app.test');
	});
});

describe('Headers: values are trimmed of HTTP whitespace, and repeated names are combined with ", "', () => {
	test('trimmed, one entry per append; combineByName gives what Headers.get reads', () => {
		const built = constructRequest(init({ headers: [['X-A', '  1\t'], ['x-a', '2'], ['X-B', '\r\n3 ']] }), CR);
		expect(built.ok && built.request.headers).toEqual([['X-A', '1'], ['x-a', '2'], ['X-B', '3']]);
		expect(built.ok && combineByName(built.request.headers)).toEqual([['X-A', '1, 2'], ['X-B', '3']]);
	});
});
