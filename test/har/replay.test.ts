// HAR files read and replayed through the model: test/fixtures/har/chrome-export.har is shaped
// like Chrome's "Export HAR" (HTTP/2 pseudo-headers, _resourceType, a preflight entry that
// comes after its fetch and starts 2 ms later, a blocked response recorded with its status and
// _error), firefox-save-all.har like Firefox's "Save All As HAR" (no _resourceType, cookies kept).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readHar } from '../../source/har/read.js';
import { checkCommand, outcomeText, verdictOf } from '../../source/har/render.js';
import { corsFetches, replayFetch } from '../../source/har/replay.js';
import { InputError } from '../../source/input/json.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/har');
const load = (name: string) => readHar(readFileSync(join(FIXTURES, name), 'utf8'), name);

describe('readHar', () => {
	test('keeps what a replay needs: no pseudo-headers, the recorded error, base64 bodies left out', () => {
		const entries = load('chrome-export.har');
		expect(entries).toHaveLength(11);
		const signup = entries[1];
		expect(signup).toMatchObject({ index: 1, method: 'POST', url: 'https://api.example.com/prod/signup', status: 400, statusText: 'Bad Request', error: 'net::ERR_FAILED', resourceType: 'fetch', body: '{"email":"ann@example.com","p":1}' });
		expect(signup?.headers.some(([k]) => k.startsWith(':'))).toBe(false);
		expect(signup?.started).toBe(Date.parse('2026-11-29T10:00:01.736Z'));
		const har = { log: { entries: [{ request: { method: 'GET', url: 'https://a.example/', headers: [] }, response: { status: 200, headers: [], content: { text: 'AAEC', encoding: 'base64' } }, _error: 'net::ERR_ABORTED' }] } };
		expect(readHar(JSON.stringify(har), 'x.har')[0]).toMatchObject({ responseBody: '', error: 'net::ERR_ABORTED', started: 0, body: null, ms: 0 });
	});

	test('a file that is not JSON says where', () => {
		expect(() => readHar('{\n  "log": {,\n}', 'bad.har')).toThrow(InputError);
		expect(() => readHar('{\n  "log": {,\n}', 'bad.har')).toThrow(/bad\.har: invalid JSON: .* at line 2, column 11/);
	});

	test('JSON that is not a HAR names the field and what a HAR needs', () => {
		const e = (() => {
			try {
				readHar('{"entries": []}', 'scenario.json');
			} catch (x) {
				return x as InputError;
			}
		})();
		expect(e).toBeInstanceOf(InputError);
		expect(e?.problems[0]).toMatch(/^log: missing required field/);
		expect(e?.problems.at(-1)).toMatch(/this does not look like a HAR file: it needs log\.entries\[\]/);
		expect(() => readHar('{"log": {"entries": [{"request": {"method": "GET", "url": "https://a.example/"}, "response": {"status": 200, "headers": []}}]}}', 'x.har')).toThrow(
			/log\.entries\[0\]\.request\.headers: missing required field/,
		);
	});
});

describe('corsFetches', () => {
	test('the cross-origin fetches only: no navigation, no-cors image, same-origin call, preflight or redirect hop', () => {
		const fetches = corsFetches(load('chrome-export.har'));
		expect(fetches.map((f) => [f.entry.index, f.entry.method, f.origin, f.hops])).toEqual([
			[1, 'POST', 'http://localhost:5173', []],
			[3, 'GET', 'http://localhost:5173', []],
			[5, 'GET', 'http://localhost:5173', []],
			[6, 'GET', 'http://localhost:5173', []],
			[7, 'PUT', 'http://localhost:5173', []],
			[8, 'GET', 'http://localhost:5173', [9]],
		]);
	});
});

describe('replayFetch answers the model from the recording', () => {
	const entries = load('chrome-export.har');
	const fetches = corsFetches(entries);
	const at = (i: number) => fetches.find((f) => f.entry.index === i) as (typeof fetches)[number];

	test("the 400 without CORS headers behind Chrome's missing-header error, its preflight found 2 ms after it", async () => {
		const r = await replayFetch(entries, at(1));
		expect(r.browser).toBe('chromium');
		expect(r.credentials).toBe('same-origin');
		expect(r.report.exchanges.map((x) => [x.purpose, x.request.method, x.response?.status])).toEqual([
			['preflight', 'OPTIONS', 204],
			['actual', 'POST', 400],
		]);
		expect(r.report.failure).toMatchObject({ code: 'missing-allow-origin', stage: 'actual', status: 400 });
		expect(r.report.console).toEqual([
			"Access to fetch at 'https://api.example.com/prod/signup' from origin 'http://localhost:5173' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
		]);
		expect(r.report.fix?.traps.join(' ')).toMatch(/Error responses need the CORS headers too/);
		expect(outcomeText(r)).toBe('blocked at the response: missing-allow-origin (status 400)');
	});

	test('allowed, and allowed through a redirect answered by the hop entry', async () => {
		expect(verdictOf(await replayFetch(entries, at(3)))).toBe('allowed');
		const redirected = await replayFetch(entries, at(8));
		expect(redirected.report.exchanges.map((x) => [x.request.url, x.response?.status])).toEqual([
			['https://api.example.com/old', 301],
			['https://api.example.com/new', 200],
		]);
		expect(outcomeText(redirected)).toBe('allowed (status 200)');
	});

	test('a preflight the file does not hold: not judged, and why', async () => {
		const r = await replayFetch(entries, at(7));
		expect(verdictOf(r)).toBe('not-judged');
		expect(r.report.networkError?.message).toMatch(/^no preflight recorded for https:\/\/api\.example\.com\/prod\/orders\/7 \(the browser may have answered it from its preflight cache/);
		expect(outcomeText(r)).toBe('not judged: no preflight recorded');
	});

	test('--credentials and --browser override what the entry says', async () => {
		const r = await replayFetch(entries, at(3), { credentials: 'include', browser: 'firefox' });
		expect(r.report.browser.id).toBe('firefox');
		// ACAO * with credentials: blocked.
		expect(r.report.failure?.code).toBe('wildcard-with-credentials');
	});

	test('Firefox: cookies mean credentials "include"; the answer without Allow-Credentials is blocked', async () => {
		const ff = load('firefox-save-all.har');
		const [f] = corsFetches(ff);
		const r = await replayFetch(ff, f as NonNullable<typeof f>);
		expect([r.browser, r.credentials]).toEqual(['firefox', 'include']);
		expect(r.report.exchanges.map((x) => x.purpose)).toEqual(['preflight', 'actual']);
		expect(r.report.failure?.code).toBe('invalid-allow-credentials');
		expect(r.report.console[0]).toMatch(/Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’/);
		// The cookie went on the PUT only, shown by name.
		expect(r.report.exchanges[1]?.request.headers).toContainEqual(['Cookie', 'session=…']);
		expect(JSON.stringify(r.report)).not.toContain('s3cr3t');
	});

	test('a fetch the model sends on but the browser recorded no answer for (status 0) is not judged', async () => {
		const har = JSON.parse(readFileSync(join(FIXTURES, 'chrome-export.har'), 'utf8'));
		// The PUT's preflight, recorded and passing: the model then needs the PUT's answer, and the file has status 0.
		har.log.entries.push({
			startedDateTime: '2026-11-29T10:00:09.001Z',
			_resourceType: 'preflight',
			request: { method: 'OPTIONS', url: 'https://api.example.com/prod/orders/7', headers: [{ name: 'Access-Control-Request-Method', value: 'PUT' }] },
			response: { status: 204, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }, { name: 'Access-Control-Allow-Methods', value: 'PUT' }, { name: 'Access-Control-Allow-Headers', value: 'content-type' }] },
		});
		const all = readHar(JSON.stringify(har), 'x.har');
		const put = corsFetches(all).find((f) => f.entry.index === 7);
		const r = await replayFetch(all, put as NonNullable<typeof put>);
		expect(r.report.networkError?.message).toBe('no answer recorded for entries[7] (PUT https://api.example.com/prod/orders/7: status 0, net::ERR_FAILED)');
		expect(outcomeText(r)).toBe('not judged: no answer recorded');
	});
});

describe('a HAR recorded by Playwright from real Chromium 156 (test/lab/har/record-playwright.mjs)', () => {
	const entries = load('playwright-chromium.har');

	test('failed fetches kept without their Origin are found by their Referer, and marked partial', () => {
		expect(entries.map((e) => e.status)).toEqual([200, 200, 0, 200, 0]);
		expect(corsFetches(entries).map((f) => [f.entry.index, f.entry.url, f.origin, f.partial])).toEqual([
			[1, 'http://localhost:8802/ok', 'http://127.0.0.1:8801', false],
			[2, 'http://localhost:8802/missing', 'http://127.0.0.1:8801', true],
			[3, 'http://localhost:8802/put', 'http://127.0.0.1:8801', false],
			[4, 'http://localhost:8802/err', 'http://127.0.0.1:8801', true],
		]);
	});

	test('what the file can judge is judged; the rest says what is missing and which check to run', async () => {
		const results = [];
		for (const f of corsFetches(entries)) results.push(await replayFetch(entries, f));
		expect(results.map((r) => [r.browser, outcomeText(r)])).toEqual([
			['chromium', 'allowed (status 200)'],
			['chromium', 'not judged: no answer recorded'],
			['chromium', 'not judged: no preflight recorded'],
			['chromium', 'not judged: no answer recorded'],
		]);
		expect(results[1]?.report.networkError?.message).toBe('no answer recorded for entries[2] (GET http://localhost:8802/missing: status 0, net::ERR_FAILED)');
		expect(results.slice(1).map((r) => checkCommand(r))).toEqual([
			'cors-tutor check http://localhost:8802/missing --origin http://127.0.0.1:8801',
			`cors-tutor check http://localhost:8802/put --origin http://127.0.0.1:8801 -X PUT -H 'Content-Type: application/json' --body '{"a":1}'`,
			'cors-tutor check http://localhost:8802/err --origin http://127.0.0.1:8801',
		]);
	});
});

describe('a fetch whose preflight the browser answered from its cache', () => {
	const at = (ms: number) => new Date(Date.parse('2026-11-29T12:00:00.000Z') + ms).toISOString();
	const h = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));
	const post = (ms: number) => ({
		startedDateTime: at(ms),
		_resourceType: 'fetch',
		request: { method: 'POST', url: 'https://api.example.com/track', headers: h({ Origin: 'https://app.example.com', 'Content-Type': 'application/json', 'Sec-Fetch-Mode': 'cors' }), postData: { text: '{}' } },
		response: { status: 204, headers: h({ 'Access-Control-Allow-Origin': 'https://app.example.com' }) },
	});
	const preflight = (ms: number) => ({
		startedDateTime: at(ms),
		_resourceType: 'preflight',
		request: { method: 'OPTIONS', url: 'https://api.example.com/track', headers: h({ Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' }) },
		response: { status: 204, headers: h({ 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' }) },
	});
	// A fetch from before the recording's first preflight, one with its own, one five seconds later.
	const entries = readHar(JSON.stringify({ log: { entries: [post(-3000), post(0), preflight(2), post(5000)] } }), 'cached.har');

	test("each is judged: its own preflight, else the earlier one that filled the cache, else the later one; the report says which", async () => {
		const results = [];
		for (const f of corsFetches(entries)) results.push(await replayFetch(entries, f));
		expect(results.map((r) => [r.fetch.entry.index, outcomeText(r)])).toEqual([
			[0, 'allowed (status 204)'],
			[1, 'allowed (status 204)'],
			[3, 'allowed (status 204)'],
		]);
		expect(results.map((r) => r.notes)).toEqual([
			["No preflight was recorded for it (the browser's cache held one from before the recording); the preflight recorded 3.0 s later (entries[2]) stands in for it."],
			[],
			['No preflight was recorded for it: the browser answered from its preflight cache. The answer used is the preflight recorded 5.0 s earlier (entries[2]).'],
		]);
		expect(results[2]?.report.exchanges.map((x) => x.purpose)).toEqual(['preflight', 'actual']);
	});
});
