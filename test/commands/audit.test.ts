// `cors-tutor audit` end to end through the built binary: live loopback servers, policy
// files, --json shape, --fail-on exit codes, usage errors (2) and an unreachable target (3).
import { spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN, ROOT, type CliResult, ensureBuilt, runCli } from '../helpers/cli.js';
import { BROKEN, CORRECT, type Running, SITE, freePort, listen } from '../audit/servers.js';
import { hasWildcardDot } from '../../source/commands/audit.js';

/** The binary without blocking this process, so the loopback servers here can answer it. */
function runAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	ensureBuilt();
	return new Promise((resolve) => {
		const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
		let stdout = '';
		let stderr = '';
		p.stdout.on('data', (d) => (stdout += d));
		p.stderr.on('data', (d) => (stderr += d));
		p.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

const dir = mkdtempSync(join(tmpdir(), 'cors-tutor-audit-'));
function policyFile(name: string, json: unknown): string {
	const f = join(dir, name);
	writeFileSync(f, typeof json === 'string' ? json : JSON.stringify(json));
	return f;
}

const servers: Record<string, Running> = {};
beforeAll(async () => {
	servers.reflect = await listen(BROKEN['reflect-any-origin'] as never);
	servers.subdomain = await listen(BROKEN['any-subdomain'] as never);
	servers.maxAge = await listen(BROKEN['max-age-above-caps'] as never);
	servers.good = await listen(CORRECT['the cors package with an allowlist'] as never);
	// Node's own server refuses control characters in headers: write the answer by hand. The
	// right-to-left override goes out as UTF-8 and is read back byte by byte (latin1).
	const raw = createNetServer((sock) => {
		sock.on('error', () => {});
		sock.once('data', () => sock.end('HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: \u202ehttps://evil.com\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok'));
	});
	await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
	const a = raw.address();
	servers.control = { url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/`, close: () => new Promise<void>((r) => raw.close(() => r())) };
});
afterAll(async () => {
	for (const s of Object.values(servers)) await s.close();
});

describe('a URL', () => {
	test('a reflecting server: the finding with evidence, impact and fix; exit 1', async () => {
		const r = await runAsync(['audit', servers.reflect!.url, '--origin', SITE]);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain(`CORS audit of ${servers.reflect!.url} (GET)`);
		expect(r.stdout).toContain('Site origin: https://app.example.com (from --origin)');
		expect(r.stdout).toMatch(/HIGH +Any origin is trusted/);
		// Evidence lines wrap at the width (100 when not a terminal), with a hanging indent.
		expect(r.stdout.replace(/\s*\n\s+/g, ' ')).toContain('Origin: https://evil.com → 200, Access-Control-Allow-Origin: https://evil.com, credentials allowed');
		expect(r.stdout).toContain('Impact: Any website can send requests with your users\' cookies');
		expect(r.stdout).toContain('Fix: Compare the whole Origin value with an exact list');
		expect(r.stdout).toContain('↑ null-origin');
		expect(r.stdout).toContain('cors-tutor generate --policy policy.json --target <server>');
		expect(r.stdout).not.toMatch(/\u001b\[/);
	});

	test('a correct server (the cors package): nothing found, every class listed, exit 0', async () => {
		const r = await runAsync(['audit', servers.good!.url, '--origin', SITE]);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('No misconfiguration found.');
		expect(r.stdout).toContain('Every class checked (13):');
		expect(r.stdout).toContain('Nothing at or above --fail-on high.');
	});

	test('--fail-on: a finding fails the run at its severity or a lower floor, not above', async () => {
		// with credentials any subdomain is medium…
		expect((await runAsync(['audit', servers.subdomain!.url, '--origin', SITE])).code).toBe(0);
		expect((await runAsync(['audit', servers.subdomain!.url, '--origin', SITE, '--fail-on', 'medium'])).code).toBe(1);
		// …without them, low…
		const anon = await listen((req, res) => {
			const o = req.headers.origin ?? '';
			res.setHeader('Vary', 'Origin');
			if (/^https:\/\/([a-z0-9-]+\.)*example\.com$/.test(o)) res.setHeader('Access-Control-Allow-Origin', o);
			res.end('ok');
		});
		try {
			expect((await runAsync(['audit', anon.url, '--origin', SITE])).code).toBe(0);
			expect((await runAsync(['audit', anon.url, '--origin', SITE, '--fail-on', 'medium'])).code).toBe(0);
			expect((await runAsync(['audit', anon.url, '--origin', SITE, '--fail-on', 'low'])).code).toBe(1);
		} finally {
			await anon.close();
		}
		// …and an info finding fails only at info.
		expect((await runAsync(['audit', servers.maxAge!.url, '--origin', SITE])).code).toBe(0);
		expect((await runAsync(['audit', servers.maxAge!.url, '--origin', SITE, '--fail-on', 'info'])).code).toBe(1);
	});

	test('--json: the documented shape', async () => {
		const r = await runAsync(['audit', servers.reflect!.url, '--origin', SITE, '--json']);
		expect(r.code).toBe(1);
		const j = JSON.parse(r.stdout);
		expect(Object.keys(j)).toEqual(['target', 'sites', 'siteFrom', 'failOn', 'failed', 'counts', 'requests', 'failures', 'baseline', 'classes']);
		expect(j.target).toEqual({ kind: 'url', url: servers.reflect!.url, method: 'GET' });
		expect(j).toMatchObject({ sites: [SITE], siteFrom: 'flag', failOn: 'high', failed: true, counts: { high: 1, medium: 0, low: 0, info: 0 }, failures: 0 });
		expect(j.classes).toHaveLength(13);
		const c = j.classes[0];
		expect(Object.keys(c)).toEqual(['id', 'title', 'severity', 'found', 'status', 'coveredBy', 'note', 'evidence', 'impact', 'fix']);
		expect(c).toMatchObject({ id: 'reflect-any-origin', severity: 'high', found: true, status: 'found', coveredBy: null });
		expect(c.evidence[0]).toEqual({
			origin: 'https://evil.com', method: 'GET', status: 200, allowOrigin: 'https://evil.com', allowCredentials: 'true',
			admitted: true, credentials: true, vary: 'Origin', maxAge: null, error: null,
		});
	});

	test('the origin defaults to the URL\'s own', async () => {
		const j = JSON.parse((await runAsync(['audit', servers.good!.url, '--json'])).stdout);
		expect(j.sites).toEqual([new URL(servers.good!.url).origin]);
		expect(j.siteFrom).toBe('url');
	});

	test('control characters from the server are escaped, in text and JSON', async () => {
		const r = await runAsync(['audit', servers.control!.url, '--origin', SITE]);
		expect(r.stdout).not.toContain('\u0080');
		expect(r.stdout).toContain('Access-Control-Allow-Origin: â\\x80®https://evil.com');
		expect(JSON.parse((await runAsync(['audit', servers.control!.url, '--json'])).stdout).baseline[0].allowOrigin).toBe('â\\x80®https://evil.com');
	});

	test('nothing listening: exit 3 and the reason', async () => {
		const port = await freePort();
		const r = await runAsync(['audit', `http://127.0.0.1:${port}/`, '--timeout', '2']);
		expect(r.code).toBe(3);
		expect(r.stderr).toContain(`error: http://127.0.0.1:${port}/ could not be reached: nothing is listening on 127.0.0.1:${port} (connection refused)`);
		expect(r.stdout).toBe('');
	});
});

describe('a policy file', () => {
	test('a bad policy: findings with the policy edit, exit 1', () => {
		const f = policyFile('bad.json', { origins: ['https://app.example.com', 'null'], credentials: true });
		const r = runCli(['audit', f]);
		expect(r.code).toBe(1);
		expect(r.stdout).toContain(`CORS audit of the policy ${f} (offline, nothing is sent)`);
		expect(r.stdout).toMatch(/HIGH +The origin "null" is trusted/);
		expect(r.stdout).toContain('In the policy: in "origins": remove "null"');
		expect(r.stdout).toContain('✓ unescaped-dot');
	});
	test('a good policy: exit 0; --json has policyChange per class', () => {
		const f = policyFile('good.json', { origins: ['https://app.example.com'], credentials: true, maxAge: 600 });
		expect(runCli(['audit', f]).code).toBe(0);
		const j = JSON.parse(runCli(['audit', f, '--json']).stdout);
		expect(j.target).toEqual({ kind: 'policy', file: f });
		expect(j.siteFrom).toBe('policy');
		expect(j.classes.every((c: { policyChange: unknown; found: boolean }) => c.policyChange === null && !c.found)).toBe(true);
	});
	test('--origin picks the site for a "reflect" policy', () => {
		const f = policyFile('reflect.json', { origins: 'reflect' });
		const j = JSON.parse(runCli(['audit', f, '--json', '--origin', 'https://shop.example.org']).stdout);
		expect(j.sites).toEqual(['https://shop.example.org']);
		expect(j.classes[0]).toMatchObject({ id: 'reflect-any-origin', found: true, severity: 'medium', policyChange: '"origins": ["https://shop.example.org"] instead of "reflect"' });
	});
	test('an invalid policy names the file and the field; a missing file says so', () => {
		const bad = runCli(['audit', policyFile('invalid.json', { origins: ['https://*'] })]);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toMatch(/^error: .*invalid\.json: origins\[0\]: /);
		const missing = runCli(['audit', 'no-such-policy.json']);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toBe('error: no-such-policy.json: no such file; to audit a URL, write it with http:// or https://\n');
	});
});

describe('--sarif: the findings for code scanning', () => {
	test('a policy file: one rule per class, one result per finding at the line of the field to change', () => {
		const f = policyFile('sarif.json', '{\n  "origins": ["https://*.example.com", "null"],\n  "methods": ["GET", "PUT"],\n  "credentials": true,\n  "maxAge": 86400\n}\n');
		const r = runCli(['audit', f, '--sarif']);
		expect(r.code).toBe(1);
		const sarif = JSON.parse(r.stdout);
		expect(sarif).toMatchObject({ version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json' });
		const [run] = sarif.runs;
		expect(run.tool.driver).toMatchObject({ name: 'cors-tutor', version: '0.1.0' });
		expect(run.tool.driver.rules).toHaveLength(13);
		expect(run.tool.driver.rules[0]).toMatchObject({ id: 'reflect-any-origin', name: 'ReflectAnyOrigin', defaultConfiguration: { level: 'error' }, properties: { 'security-severity': '8.1' } });
		expect(run.results.map((x: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }) => [x.ruleId, x.level, x.locations[0]?.physicalLocation.region.startLine])).toEqual([
			['null-origin', 'error', 2],
			['any-subdomain', 'warning', 2],
			['max-age-above-caps', 'note', 5],
		]);
		for (const x of run.results) {
			expect(run.tool.driver.rules[x.ruleIndex].id).toBe(x.ruleId);
			expect(x.locations[0].physicalLocation.artifactLocation.uri).toBe(f);
		}
		expect(run.results[0].message.text).toMatch(/^The origin "null" is trusted \(high\)\. .* Fix: in "origins": remove "null"\. Seen: Origin: null/);
		expect(run.results[2].message.text).toContain('Fix: "maxAge": 7200.');
	});

	test('a good policy: no results, exit 0; a URL: the results point at the URL', async () => {
		const good = runCli(['audit', policyFile('sarif-good.json', { origins: ['https://app.example.com'] }), '--sarif']);
		expect(good.code).toBe(0);
		expect(JSON.parse(good.stdout).runs[0].results).toEqual([]);
		const live = await runAsync(['audit', servers.reflect?.url as string, '--origin', SITE, '--sarif']);
		expect(live.code).toBe(1);
		const results = JSON.parse(live.stdout).runs[0].results;
		expect(results[0]).toMatchObject({ ruleId: 'reflect-any-origin', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: servers.reflect?.url } } }] });
	});
});

describe('--regex: an origin-matching pattern from a server configuration', () => {
	test('an unanchored suffix check is found, with credentials high; the text says how the pattern is read', () => {
		const r = runCli(['audit', '--regex', '/example\\.com$/', '--origin', 'https://app.example.com']);
		expect(r.code).toBe(1);
		expect(r.stderr).toBe('');
		expect(r.stdout).toMatch(/^CORS audit of the origin pattern \/example\\\.com\$\/ \(offline, nothing is sent\)\n {2}A server that trusts every Origin this pattern matches \(searched/);
		expect(r.stdout).toMatch(/HIGH +Origins ending with the domain name are trusted \(suffix match\) {2}\[suffix-match\]\n {8}Origin: https:\/\/evilexample\.com → 200/);
		expect(r.stdout).toContain('↑ any-subdomain');
		const anonymous = JSON.parse(runCli(['audit', '--regex', '/example\\.com$/', '--origin', 'https://app.example.com', '--no-credentials', '--json']).stdout);
		expect(anonymous.target).toEqual({ kind: 'pattern', pattern: '/example\\.com$/', credentials: false });
		expect(anonymous.classes.find((c: { id: string }) => c.id === 'suffix-match')).toMatchObject({ found: true, severity: 'medium' });
	});

	test.each([
		['^https://.*example.com$', ['suffix-match', 'unescaped-dot']],
		['^https://(.+\\.)?example\\.com', ['substring-match']],
		['^https://(app|www)\\.example\\.com$', []],
		['/^HTTPS:\\/\\/APP\\.EXAMPLE\\.COM$/i', []],
		// No dot that matches any character: app.examplexcom got in as a substring, not through a dot.
		['example', ['substring-match']],
	])('%s finds %j', (pattern, found) => {
		const j = JSON.parse(runCli(['audit', '--regex', pattern, '--origin', 'https://app.example.com', '--json']).stdout);
		expect(j.classes.filter((c: { found: boolean; status: string }) => c.status === 'found').map((c: { id: string }) => c.id)).toEqual(found);
		expect(j.baseline[0].admitted).toBe(true);
	});

	test('a dot counts as a wildcard only outside escapes and character classes', () => {
		expect(['a.b', '^https://.*', 'x\\\\.y'].map(hasWildcardDot)).toEqual([true, true, true]);
		expect(['example', 'a\\.b', '[.]', '[\\].]x', '\\.'].map(hasWildcardDot)).toEqual([false, false, false, false, false]);
		const j = JSON.parse(runCli(['audit', '--regex', 'example', '--origin', 'https://app.example.com', '--json']).stdout);
		expect(j.classes.find((c: { id: string }) => c.id === 'unescaped-dot')).toMatchObject({ status: 'covered', coveredBy: 'substring-match' });
	});

	test('a pattern that misses the origin itself is warned about', () => {
		const r = runCli(['audit', '--regex', '^https://other\\.com$', '--origin', 'https://app.example.com']);
		expect(r.code).toBe(0);
		expect(r.stderr).toBe('warning: the pattern does not match https://app.example.com itself\n');
	});

	test.each([
		[['--regex', '(', '--origin', 'https://a.example'], '--regex ( is not a valid regular expression: /(/: Unterminated group'],
		[['--regex', 'x'], '--regex needs --origin: the origin the pattern is meant to allow'],
		[['--regex', '/x/q', '--origin', 'https://a.example'], '--regex /x/q: unknown flag q'],
		[['--regex', '//', '--origin', 'https://a.example'], '--regex: the pattern is empty'],
		[['policy.json', '--regex', 'x', '--origin', 'https://a.example'], '--regex audits the pattern alone: drop policy.json'],
		[['--regex', 'x', '--origin', 'https://a.example', '--header', 'Cookie: a=b'], '--header only applies to a URL audit; a pattern is audited offline'],
		[['policy.json', '--credentials'], '--credentials only applies with --regex'],
	])('%j: exit 2', (args, message) => {
		const r = runCli(['audit', ...args]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain(message);
		expect(r.stdout).toBe('');
	});
});

describe('usage errors: exit 2', () => {
	test.each([
		[[], 'name a URL or a policy file to audit'],
		[['a.json', 'b.json'], 'audit takes one URL or policy file, got 2'],
		[['https://x.example', '--fail-on', 'critical'], '--fail-on must be one of high, medium, low, info'],
		[['https://x.example', '--origin', 'https://app.example.com/'], '--origin "https://app.example.com/" is not an http(s) origin'],
		[['ftp://x.example/'], 'ftp: URLs cannot be audited'],
		[['https://x.example', '--header', 'NoColon'], '--header "NoColon" is not "Name: value"'],
		[['https://x.example', '--header', 'Origin: https://a.example'], 'the audit sets Origin itself'],
		[['https://x.example', '--timeout', '0'], '--timeout is a number of seconds'],
		[['https://x.example', '--method', 'GE T'], 'is not an HTTP method'],
		[['policy.json', '--header', 'Cookie: a=b'], '--header only applies to a URL audit'],
		[['https://x.example', '--bogus'], 'unknown flag --bogus for "audit"'],
		[['policy.json', '--json', '--sarif'], '--json and --sarif each print the whole report: choose one'],
	])('%j', (args, message) => {
		const r = runCli(['audit', ...args]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain(message);
		expect(r.stdout).toBe('');
	});
});

test('--help leads with examples and documents the JSON and exit codes', () => {
	const r = runCli(['audit', '--help']);
	expect(r.code).toBe(0);
	expect(r.stdout.trimStart()).toMatch(/^Audit a CORS setup[^\n]*\n\n\s+Examples/);
	expect(r.stdout).toContain('--fail-on high|medium|low|info');
	expect(r.stdout).toContain('Exit codes: 0 nothing at or above --fail-on');
	expect(runCli(['--help']).stdout).toContain('audit');
});
