// `cors-tutor simulate` end to end, through the built binary.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const SCENARIOS = join(ROOT, 'test/fixtures/oracle/scenarios');
const one = join(SCENARIOS, 'acac-capital-true.json');
const tmp = () => mkdtempSync(join(tmpdir(), 'cors-tutor-'));

function scenarioFile(json: unknown): string {
	const f = join(tmp(), 'scenario.json');
	writeFileSync(f, typeof json === 'string' ? json : JSON.stringify(json));
	return f;
}

const valid = {
	id: 'my-case', page: 'http://app.test',
	server: { response: { status: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: 'ok' } },
	steps: [{ fetch: { url: 'http://api.test/data' } }],
};

describe('output', () => {
	test('text: the trace names each exchange, the rule and the console message', () => {
		const r = runCli(['simulate', one]);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('browser → server');
		expect(r.stdout).toContain('Access-Control-Allow-Credentials: True');
		expect(r.stdout).toContain('[cors-facts §3.1]');
		expect(r.stdout).toContain("has been blocked by CORS policy: The value of the 'Access-Control-Allow-Credentials' header in the response is 'True'");
		expect(r.stdout).toContain('⇒ blocked');
		expect(r.stdout).not.toMatch(/\u001b\[/);
	});

	test('--json with one file prints {id, browser, observations} in the oracle shape', () => {
		const r = runCli(['simulate', one, '--json']);
		expect(r.code).toBe(0);
		const out = JSON.parse(r.stdout);
		expect(out.id).toBe('acac-capital-true');
		expect(out.browser).toBe('chromium');
		expect(Object.keys(out.observations[0]).sort()).toEqual(
			['console', 'outcome', 'preflight_sent', 'request_sent', 'server_saw', 'status', 'step', 'type', 'visible_headers'].sort(),
		);
		const saw = out.observations[0].server_saw[0];
		expect(saw).toMatchObject({ method: 'GET', url: 'http://api.test/data' });
		expect(saw.headers.origin).toBe('http://app.test');
		expect(out.trace).toBeUndefined();
	});

	test('--json --trace adds the structured trace', () => {
		const out = JSON.parse(runCli(['simulate', one, '--json', '--trace']).stdout);
		expect(out.trace.map((e: { type: string }) => e.type)).toContain('console');
	});

	test('--browser firefox prints Firefox console messages', () => {
		const out = JSON.parse(runCli(['simulate', one, '--json', '--browser', 'firefox']).stdout);
		expect(out.browser).toBe('firefox');
		expect(out.observations[0].console).toMatch(/^Cross-Origin Request Blocked: /);
	});

	test('--out DIR writes <id>.json per scenario, and the results match the recordings', () => {
		const dir = tmp();
		const r = runCli(['simulate', SCENARIOS, '--json', '--out', dir, '--browser', 'firefox']);
		expect(r.code).toBe(0);
		expect(r.stderr).toContain('wrote 93 observation files');
		const files = readdirSync(dir);
		expect(files).toHaveLength(93);
		for (const f of files) {
			const got = JSON.parse(readFileSync(join(dir, f), 'utf8'));
			const want = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/oracle/firefox', f), 'utf8'));
			expect(got.observations.map((o: { console: unknown }) => o.console)).toEqual(want.observations.map((o: { console: unknown }) => o.console));
		}
	});

	test('FORCE_COLOR colours the text trace; NO_COLOR and --no-color do not', () => {
		expect(runCli(['simulate', one], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(/\u001b\[/);
		expect(runCli(['simulate', one, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
	});
});

describe('bad input: exit 1, file and JSON path named, no stack trace', () => {
	test.each([
		['broken JSON', '{"id": "x",,}', /invalid JSON: .* at line 1, column 12/],
		['unknown field', { ...valid, steps: [{ fetch: { url: 'http://api.test/', heders: {} } }] }, /steps\[0\]\.fetch: unknown field "heders" \(check the spelling against the scenario format, FORMAT.md; the fields here are url, method, headers, credentials, mode, body\)/],
		['mistyped mode', { ...valid, steps: [{ fetch: { url: 'http://api.test/', credentials: 'includ' } }] }, /steps\[0\]\.fetch\.credentials: .*"omit"\|"same-origin"\|"include"/],
		['bad page origin', { ...valid, page: 'http://app.test/' }, /page: .*write it as "http:\/\/app\.test"/],
		['bad URL', { ...valid, steps: [{ fetch: { url: 'api.test/data' } }] }, /steps\[0\]\.fetch\.url: "api\.test\/data" is not an absolute URL/],
		['header value fetch() rejects', { ...valid, steps: [{ fetch: { url: 'http://api.test/', headers: { 'X-A': 'a\nb' } } }] }, /steps\[0\]\.fetch\.headers\["X-A"\]: header value contains the forbidden byte 0x0a/],
		['header name fetch() rejects', { ...valid, steps: [{ fetch: { url: 'http://api.test/', headers: { 'X A': '1' } } }] }, /headers\["X A"\]: 'X A' is not a valid header name/],
		['status out of range', { ...valid, server: { response: { status: 1000, headers: {} } } }, /server\.response\.status: an HTTP status is 100-599/],
		['missing server', { id: 'x', page: 'null', steps: [{ wait_ms: 1 }] }, /server: /],
		['step with both kinds', { ...valid, steps: [{ fetch: { url: 'http://api.test/' }, wait_ms: 3 }] }, /steps\[0\]: a step is either/],
		['route key with a query', { ...valid, server: { ...valid.server, routes: { 'http://api.test/a?b': { response: { status: 200 } } } } }, /route key "http:\/\/api\.test\/a\?b"/],
	])('%s', (_name, json, message) => {
		const f = scenarioFile(json);
		const r = runCli(['simulate', f]);
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain(f);
		expect(r.stderr).toMatch(message);
		expect(r.stderr).not.toMatch(/\n\s+at /);
	});

	test('a missing file is named', () => {
		const r = runCli(['simulate', 'no-such-file.json']);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('no-such-file.json: no such file or directory');
	});
});

describe('usage errors: exit 2', () => {
	test.each([
		[['simulate'], /name at least one scenario file/],
		[['simulate', one, '--browser', 'edge'], /--browser must be one of chromium, firefox, safari/],
		[['simulate', one, '--frobnicate'], /unknown flag --frobnicate .*\n.*valid flags: .*--browser/],
		[['frobnicate'], /unknown command "frobnicate"/],
	])('%j', (args, message) => {
		const r = runCli(args);
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(message);
	});

	test('--help leads with examples; --version prints the version', () => {
		const top = runCli(['--help']);
		expect(top.code).toBe(0);
		expect(top.stdout).toMatch(/^cors-tutor [\d.]+ .*\n\nExamples\n\s+\$ cors-tutor/);
		expect(top.stdout).toMatch(/\$ cors-tutor simulate scenario\.json/);
		const sub = runCli(['simulate', '--help']);
		expect(sub.code).toBe(0);
		expect(sub.stdout.trimStart()).toMatch(/^Run CORS scenarios[\s\S]*Examples/);
		expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
	});
});
