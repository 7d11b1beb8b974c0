// `cors-tutor har` end to end: the built binary on HAR files shaped like Chrome's and
// Firefox's exports. Nothing is sent; the answers come from the files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectUsageError, runCli } from '../helpers/cli.js';

const CHROME = join(import.meta.dirname, '../fixtures/har/chrome-export.har');
const FIREFOX = join(import.meta.dirname, '../fixtures/har/firefox-save-all.har');

describe('cors-tutor har', () => {
	test('one line per cross-origin fetch, then each different failure in full; exit 1', () => {
		const r = runCli(['har', CHROME]);
		expect(r.code).toBe(1);
		expect(r.stderr).toBe('');
		const lines = r.stdout.split('\n');
		expect(lines[0]).toBe(`${CHROME}: 11 requests, 6 cross-origin fetches (CORS): 3 blocked, 2 allowed, 1 not judged`);
		expect(lines[1]).toMatch(/^Fetches without a Cookie header are taken as credentials "same-origin"\. .*add --credentials include\.$/);
		expect(lines.slice(3, 9)).toEqual([
			'  ✗ entries[1]  POST https://api.example.com/prod/signup  blocked at the response: missing-allow-origin (status 400)',
			'  ✓ entries[3]  GET https://api.example.com/prod/items  allowed (status 200)',
			'  ✗ entries[5]  GET https://api.example.com/prod/status  blocked at the response: missing-allow-origin (status 200)',
			'  ✗ entries[6]  GET https://api.example.com/prod/status  blocked at the response: missing-allow-origin (status 200)',
			'  ? entries[7]  PUT https://api.example.com/prod/orders/7  not judged: no preflight recorded',
			'  ✓ entries[8]  GET https://api.example.com/old  allowed (status 200)',
		]);
		// Details: the signup failure, the polling failure once, the unjudged PUT; not the allowed ones.
		expect(lines.filter((l) => l.startsWith('── '))).toEqual([
			'── entries[1]: POST https://api.example.com/prod/signup',
			'── entries[5]: GET https://api.example.com/prod/status  (the same for entries[6])',
			'── entries[7]: PUT https://api.example.com/prod/orders/7',
		]);
		expect(r.stdout).toContain("console error: Access to fetch at 'https://api.example.com/prod/signup' from origin 'http://localhost:5173' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
		expect(r.stdout).toContain('? Not judged: an answer the model needs is not in the recording');
		expect(r.stdout).not.toMatch(/Network error/);
	});

	test('--all shows the allowed ones too; --url keeps the matching fetches', () => {
		expect(runCli(['har', CHROME, '--all']).stdout.split('\n').filter((l) => l.startsWith('── '))).toHaveLength(5);
		const items = runCli(['har', CHROME, '--url', '/prod/items']);
		expect(items.code).toBe(0);
		expect(items.stdout.split('\n')[0]).toBe(`${CHROME}: 11 requests, 1 cross-origin fetch (CORS): 0 blocked, 1 allowed`);
	});

	test('--json: counts, notes and each fetch with how it was read and the whole report', () => {
		const r = runCli(['har', FIREFOX, '--json']);
		expect(r.code).toBe(1);
		const json = JSON.parse(r.stdout);
		expect(json).toMatchObject({ file: FIREFOX, requests: 2, counts: { blocked: 1, allowed: 0, 'not-judged': 0 }, notes: [] });
		expect(json.fetches).toHaveLength(1);
		expect(json.fetches[0]).toMatchObject({
			entry: 1,
			method: 'PUT',
			url: 'https://api.example.com/cart',
			verdict: 'blocked',
			outcome: 'blocked at the response: invalid-allow-credentials (status 200)',
			read: { credentials: { value: 'include' }, browser: { value: 'firefox', from: 'User-Agent' }, cookies: ['session'], pageHeaders: ['content-type'] },
			report: { verdict: 'blocked', failure: { code: 'invalid-allow-credentials' } },
		});
		expect(r.stdout).not.toContain('s3cr3t');
	});

	test('no cross-origin fetch: says what it looked for, exit 0', () => {
		const r = runCli(['har', CHROME, '--url', 'nothing-matches']);
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/0 cross-origin fetches \(CORS\)\n {2}No request here has an Origin header naming another origin/);
	});

	const dir = mkdtempSync(join(tmpdir(), 'cors-tutor-har-'));
	writeFileSync(join(dir, 'broken.har'), '{"log": {"entries": [}');
	writeFileSync(join(dir, 'policy.json'), '{"origins": ["https://app.example.com"]}');
	test.each([
		[['har'], /name the HAR file to read/],
		[['har', 'a.har', 'b.har'], /har reads one file, got 2/],
		[['har', join(dir, 'missing.har')], /missing\.har cannot be read \(no such file\)\ngive the path of a \.har file/],
		[['har', dir], /cannot be read \(it is a folder\)/],
		[['har', join(dir, 'broken.har')], /broken\.har: invalid JSON/],
		[['har', join(dir, 'policy.json')], /policy\.json: log: missing required field[\s\S]*this does not look like a HAR file/],
		[['har', CHROME, '--credentials', 'yes'], /--credentials must be one of omit, same-origin, include/],
		[['har', CHROME, '--browser', 'lynx'], /--browser must be one of chromium, firefox, safari/],
		[['har', CHROME, '--bogus'], /unknown flag --bogus/],
	])('%j: exit 2 with the fix, no stack trace', (args, message) => {
		expectUsageError(runCli(args), message);
	});
});
