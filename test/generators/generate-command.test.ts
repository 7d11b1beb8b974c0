// `cors-tutor generate` end to end, through the built binary (`npm run build` first).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cors-tutor-generate-'));

function policyFile(json: unknown, dir = tmp()): string {
	const f = join(dir, 'policy.json');
	writeFileSync(f, typeof json === 'string' ? json : JSON.stringify(json));
	return f;
}

const STRICT = {
	origins: ['https://app.example.com'], methods: ['GET', 'PUT'], allowHeaders: ['Content-Type'],
	exposeHeaders: ['X-Total-Count'], credentials: true, maxAge: 600,
};

interface TargetInfo {
	id: string;
	name: string;
	summary: string;
	fileName: string;
	runnable: boolean;
}
const listTargets = (): TargetInfo[] => JSON.parse(runCli(['generate', '--list-targets', '--json']).stdout);

describe('--list-targets', () => {
	test('--json: one object per target with exactly id, name, summary, fileName and runnable', () => {
		const r = runCli(['generate', '--list-targets', '--json']);
		expect(r.code).toBe(0);
		const list = JSON.parse(r.stdout) as TargetInfo[];
		expect(Array.isArray(list)).toBe(true);
		for (const t of list) {
			expect(Object.keys(t).sort()).toEqual(['fileName', 'id', 'name', 'runnable', 'summary']);
			expect(t.id).toMatch(/^[a-z0-9-]+$/);
			for (const k of ['name', 'summary', 'fileName'] as const) expect(typeof t[k]).toBe('string');
			expect(typeof t.runnable).toBe('boolean');
		}
		expect(new Set(list.map((t) => t.id)).size).toBe(list.length);
		for (const id of ['nextjs', 'spring', 'aspnet', 'cloudflare', 's3', 'gcs'])
			expect(list.find((t) => t.id === id), id).toMatchObject({ runnable: false });
	});

	test('text: every target with its summary', () => {
		const r = runCli(['generate', '--list-targets']);
		expect(r.code).toBe(0);
		for (const t of listTargets()) {
			expect(r.stdout).toContain(t.id);
			expect(r.stdout).toContain(t.summary);
		}
	});

	test('takes no other option than --json', () => {
		const r = runCli(['generate', '--list-targets', '--target', 's3']);
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/--list-targets takes no other option/);
	});
});

describe('generating', () => {
	test('prints the configuration on stdout and what the target cannot express as warning: lines on stderr', () => {
		const r = runCli(['generate', '--policy', policyFile(STRICT), '--target', 's3']);
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout).CORSRules[0].AllowedOrigins).toEqual(['https://app.example.com']);
		const lines = r.stderr.trim().split('\n');
		expect(lines.length).toBeGreaterThan(0);
		for (const l of lines) expect(l).toMatch(/^warning: /);
		expect(r.stderr).toMatch(/warning: S3 answers preflights with 200, not 204/);
	});

	test('a target that expresses everything prints no warnings', () => {
		const r = runCli(['generate', '--policy', policyFile(STRICT), '--target', 'cloudflare']);
		expect(r.code).toBe(0);
		expect(r.stderr).toBe('');
		expect(r.stdout).toMatch(/^\/\/ cors-worker\.js/);
		expect(r.stdout).toContain('export default {');
	});

	test('--json prints {target, text, warnings, lint}; text is what stdout would be', () => {
		const file = policyFile(STRICT);
		const plain = runCli(['generate', '--policy', file, '--target', 'spring']);
		const r = runCli(['generate', '--policy', file, '--target', 'spring', '--json']);
		expect(r.code).toBe(0);
		expect(r.stderr).toBe('');
		const out = JSON.parse(r.stdout);
		expect(Object.keys(out).sort()).toEqual(['lint', 'target', 'text', 'warnings']);
		expect(out.target).toBe('spring');
		expect(out.text).toBe(plain.stdout);
		expect(out.warnings).toEqual(plain.stderr.trim().split('\n').map((l) => l.replace(/^warning: /, '')));
		for (const f of out.lint) expect(Object.keys(f).sort()).toEqual(['fix', 'id', 'message', 'severity']);
	});

	test('lint errors: warned on stderr and noted in a comment at the top; the policy is still generated', () => {
		const r = runCli(['generate', '--policy', policyFile({ origins: '*', credentials: true }), '--target', 'cloudflare']);
		expect(r.code).toBe(0);
		expect(r.stderr).toMatch(/^warning: policy: origins '\*' with credentials.*\(fix: /m);
		expect(r.stdout).toMatch(/^\/\/ cors-tutor: the policy has an error; this configuration implements it as written:\n\/\/ - origins '\*' with credentials/);
		expect(r.stdout).toContain('headers.set("Access-Control-Allow-Origin", "*");');
	});

	test('lint errors on a JSON target: only on stderr (JSON has no comments), the output stays valid JSON', () => {
		const r = runCli(['generate', '--policy', policyFile({ origins: ['null'] }), '--target', 'gcs']);
		expect(r.code).toBe(0);
		expect(r.stderr).toMatch(/warning: policy: 'null' is allowed/);
		expect(JSON.parse(r.stdout)[0].origin).toEqual(['null']);
	});
});

describe('--out', () => {
	test('writes the file (and only it): nothing on stdout, a note on stderr, no temporary file left', () => {
		const dir = tmp();
		const out = join(dir, 'CorsConfig.java');
		writeFileSync(out, 'old content');
		const r = runCli(['generate', '--policy', policyFile(STRICT, dir), '--target', 'spring', '--out', out]);
		expect(r.code).toBe(0);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain(`wrote the Spring Boot (WebMvcConfigurer) configuration to ${out}`);
		expect(readFileSync(out, 'utf8')).toContain('public class CorsConfig implements WebMvcConfigurer');
		expect(readdirSync(dir).sort()).toEqual(['CorsConfig.java', 'policy.json']);
	});

	test('refuses to overwrite a directory, and a file in a directory that does not exist', () => {
		const dir = tmp();
		mkdirSync(join(dir, 'sub'));
		const r = runCli(['generate', '--policy', policyFile(STRICT, dir), '--target', 'nextjs', '--out', join(dir, 'sub')]);
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/is a directory/);
		expect(r.stderr).toContain(join(dir, 'sub', 'middleware.ts'));
		const r2 = runCli(['generate', '--policy', policyFile(STRICT, dir), '--target', 'nextjs', '--out', join(dir, 'nope', 'middleware.ts')]);
		expect(r2.code).toBe(2);
		expect(r2.stderr).toMatch(/does not exist/);
	});
});

describe('usage errors exit 2', () => {
	test.each([
		[[], /name a target with --target NAME/],
		[['--target', 's3'], /name the policy file with --policy FILE/],
		[['--target', 'apache-tomcat', '--policy', 'p.json'], /unknown target "apache-tomcat"\nvalid targets: .*\bs3\b/],
		[['--policy', 'p.json', '--target', 's3', '--bogus'], /unknown flag --bogus for "generate"/],
		[['policy.json'], /unexpected argument "policy.json"/],
		[['--policy', 'p.json', '--target', 's3', '--port', '8080'], /--port only goes with --demo/],
		[['--policy', 'p.json', '--target', 's3', '--demo', '--port', '8080'], /s3 cannot run on this machine, so it has no --demo/],
		[['--policy', 'p.json', '--target', 's3', '--out', ''], /--out needs a file name/],
	])('%j', (args, message) => {
		const r = runCli(['generate', ...args]);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr).toMatch(message);
	});

	test('--demo names the runnable targets; --port must be 1024-65535', () => {
		const runnable = listTargets().filter((t) => t.runnable);
		const file = policyFile(STRICT);
		const r = runCli(['generate', '--policy', file, '--target', 'gcs', '--demo', '--port', '8080']);
		expect(r.code).toBe(2);
		for (const t of runnable) expect(r.stderr).toContain(t.id);
		const first = runnable[0];
		if (!first) return; // no runnable target registered yet
		for (const port of ['80', '65536', '8080.5', 'x']) {
			const bad = runCli(['generate', '--policy', file, '--target', first.id, '--demo', '--port', port]);
			expect(bad.code, port).toBe(2);
			expect(bad.stderr).toMatch(/--port must be a whole number from 1024 to 65535/);
		}
		const none = runCli(['generate', '--policy', file, '--target', first.id, '--demo']);
		expect(none.code).toBe(2);
		expect(none.stderr).toMatch(/--demo needs --port N/);
	});

	test('--help leads with examples', () => {
		const r = runCli(['generate', '--help']);
		expect(r.code).toBe(0);
		expect(r.stdout.trim().split('\n').slice(0, 4).join('\n')).toMatch(/Examples\n\s+\$ cors-tutor generate --policy/);
	});
});

describe('invalid policy files exit 1, naming the file and the JSON path, before generating anything', () => {
	test('unreadable and malformed files', () => {
		const missing = runCli(['generate', '--policy', join(tmp(), 'missing.json'), '--target', 's3']);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/missing\.json: cannot read it \(ENOENT\)/);
		const file = policyFile('{"origins": [}');
		const bad = runCli(['generate', '--policy', file, '--target', 's3']);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain(`error: ${file}: invalid JSON`);
	});

	test('schema errors name the JSON path', () => {
		const file = policyFile({ ...STRICT, preflightStatus: 201, colour: 'red' });
		const r = runCli(['generate', '--policy', file, '--target', 'aspnet']);
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain(`error: ${file}: `);
		expect(r.stderr).toMatch(/unknown field "colour"/);
	});

	// Quotes, newlines, ;, $, {, #, spaces, non-ASCII, and origins that are not serialized origins.
	const HOSTILE: [string, unknown, RegExp][] = [
		['quote and ; in an origin', { origins: ['https://a.test"; add_header X-Evil 1; "'] }, /origins\[0\]/],
		['newline in an origin', { origins: ['https://a.test\nX-Evil: 1'] }, /origins\[0\]/],
		['a path', { origins: ['https://a.test/api'] }, /origins\[0\]: .*not a serialized origin/],
		['a trailing slash', { origins: ['https://a.test/'] }, /origins\[0\]: .*not a serialized origin/],
		['upper case', { origins: ['https://App.test'] }, /origins\[0\]: .*not a serialized origin/],
		['a default port', { origins: ['https://a.test:443'] }, /origins\[0\]: .*not a serialized origin/],
		['non-ASCII host', { origins: ['https://bücher.example'] }, /origins\[0\]/],
		['$ in an origin', { origins: ['https://$host'] }, /origins\[0\]: "https:\/\/\$host": a host name may only contain letters, digits/],
		['{ in an origin', { origins: ['https://{a}.test'] }, /origins\[0\]/],
		['quote and ; in a host, no spaces', { origins: ['https://a.test";add_header;"b'] }, /origins\[0\]/],
		["' and ( ) in a host", { origins: ["https://a'(b).test"] }, /origins\[0\]/],
		['percent-encoded $ in a host', { origins: ['https://a%24b.test'] }, /origins\[0\]/],
		['# in an origin', { origins: ['https://a.test#frag'] }, /origins\[0\]/],
		['a space in an origin', { origins: ['https://a .test'] }, /origins\[0\]/],
		['not a URL', { origins: ['app.example.com'] }, /origins\[0\]/],
		['a pattern with $', { origins: ['https://*.ex$ample.com'] }, /origins\[0\]/],
		['a wildcard in the middle', { origins: ['https://api.*.example.com'] }, /origins\[0\]/],
		['; in a method', { origins: ['https://a.test'], methods: ['GET;'] }, /methods\[0\]/],
		['newline in a method', { origins: ['https://a.test'], methods: ['GET\nX'] }, /methods\[0\]/],
		['$ in a method', { origins: ['https://a.test'], methods: ['$GET'] }, /methods\[0\]/],
		['# in a method', { origins: ['https://a.test'], methods: ['GET', 'P#T'] }, /methods\[1\]/],
		['non-ASCII method', { origins: ['https://a.test'], methods: ['PÜT'] }, /methods\[0\]/],
		['$ in a header', { origins: ['https://a.test'], allowHeaders: ['X-$id'] }, /allowHeaders\[0\]: "X-\$id" is not a valid header name/],
		['$( ) in a header', { origins: ['https://a.test'], allowHeaders: ['X-$(id)'] }, /allowHeaders\[0\]/],
		['# in a header', { origins: ['https://a.test'], allowHeaders: ['X#a'] }, /allowHeaders\[0\]/],
		["' in a header", { origins: ['https://a.test'], allowHeaders: ["X'a"] }, /allowHeaders\[0\]/],
		['` in a header', { origins: ['https://a.test'], allowHeaders: ['X`a`'] }, /allowHeaders\[0\]/],
		['" in a header', { origins: ['https://a.test'], allowHeaders: ['X"a'] }, /allowHeaders\[0\]/],
		['{ in a header', { origins: ['https://a.test'], allowHeaders: ['X-{a}'] }, /allowHeaders\[0\]/],
		['; in a header', { origins: ['https://a.test'], allowHeaders: ['X;a'] }, /allowHeaders\[0\]/],
		['space in a header', { origins: ['https://a.test'], exposeHeaders: ['X Total'] }, /exposeHeaders\[0\]/],
		['newline in an exposed header', { origins: ['https://a.test'], exposeHeaders: ['X-A\r\nSet-Cookie: a=b'] }, /exposeHeaders\[0\]/],
		['non-ASCII header', { origins: ['https://a.test'], exposeHeaders: ['X-Ä'] }, /exposeHeaders\[0\]/],
	];

	// The check runs before any target is involved: every case on one target, a sample on two more.
	const cases = [
		...HOSTILE.map((h) => ['cloudflare', ...h] as const),
		...HOSTILE.filter((_, i) => i % 6 === 0).flatMap((h) => [['spring', ...h] as const, ['s3', ...h] as const]),
	];
	test.each(cases)('%s: %s', (target, _name, json, path) => {
		const dir = tmp();
		const file = policyFile(json, dir);
		const out = join(dir, 'out.txt');
		const r = runCli(['generate', '--policy', file, '--target', target, '--out', out]);
		expect(r.code).toBe(1);
		expect(r.stdout).toBe('');
		expect(r.stderr).toContain(`error: ${file}: `);
		expect(r.stderr).toMatch(path);
		expect(existsSync(out)).toBe(false);
		expect(r.stderr).not.toMatch(/^warning:/m);
	});
});
