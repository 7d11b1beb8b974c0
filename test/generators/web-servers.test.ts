// The web-server and proxy targets, proven on the real servers: each generated demo is started
// on 127.0.0.1 and probed, and must answer exactly as the policy model does (headers, status,
// the core's verdict); the non-demo snippet is proven behind the same server proxying an app
// that sends CORS headers of its own; every generated file, for fixed and for seeded random
// policies, passes the server's own syntax checker.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Header } from '../../source/core/index.js';
import { apacheTarget } from '../../source/generators/apache.js';
import { caddyTarget } from '../../source/generators/caddy.js';
import { haproxyTarget } from '../../source/generators/haproxy.js';
import { LIGHTTPD_LUA, lighttpdTarget } from '../../source/generators/lighttpd.js';
import { NGINX_PART_2, nginxTarget } from '../../source/generators/nginx.js';
import { TARGETS } from '../../source/generators/registry.js';
import type { Target } from '../../source/generators/types.js';
import { DEFAULT_POLICY, type OriginRule, type Policy, parsePolicyText, policyToJson } from '../../source/policy/index.js';
import { auditAgrees, compareWithModel, verifyAgrees, fetchMatrix, freePort, probeMatrix, send, startDemo, verdicts } from './harness.js';

// ── the servers ──

interface Server_ {
	readonly target: Target;
	/** Binaries the tests run, with the Debian package that installs each. */
	readonly needs: readonly { readonly file: string; readonly pkg: string }[];
}

const SERVERS: readonly Server_[] = [
	{ target: nginxTarget, needs: [{ file: 'nginx', pkg: 'nginx' }] },
	{ target: apacheTarget, needs: [{ file: 'apache2', pkg: 'apache2' }] },
	{ target: caddyTarget, needs: [{ file: 'caddy', pkg: 'caddy' }] },
	{ target: haproxyTarget, needs: [{ file: 'haproxy', pkg: 'haproxy' }] },
	{
		target: lighttpdTarget,
		needs: [
			{ file: 'lighttpd', pkg: 'lighttpd' },
			{ file: '/usr/lib/lighttpd/mod_magnet.so', pkg: 'lighttpd-modules-lua' },
		],
	},
];

const onPath = (file: string): boolean =>
	file.startsWith('/') ? existsSync(file) : (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin']).some((d) => d && existsSync(join(d, file)));

/** Never skip: a missing server fails with the package to install (.ci/run installs them all). */
function requireServer(s: Server_): void {
	const missing = s.needs.filter((n) => !onPath(n.file));
	if (missing.length)
		throw new Error(`${s.target.name}: ${missing.map((m) => m.file).join(', ')} not found; install it with: apt-get install ${[...new Set(missing.map((m) => m.pkg))].join(' ')}`);
}

const policy = (json: object): Policy => parsePolicyText(JSON.stringify(json), 'test-policy.json');

// ── the policies proven live ──

interface Case {
	readonly name: string;
	readonly policy: Policy;
	/** An origin the policy allows (the probe matrix's "allowed"). */
	readonly allowed: string;
	/** More origins to probe, allowed or not, for this policy's edges. */
	readonly origins: readonly string[];
}

const CASES: readonly Case[] = [
	{
		name: 'strict list, credentials, max-age, expose',
		policy: policy({
			origins: ['https://app.example.com', 'https://admin.example.com'],
			methods: ['GET', 'POST', 'PUT', 'DELETE'],
			allowHeaders: ['Content-Type', 'Authorization', 'X-Requested-With'],
			exposeHeaders: ['X-Total-Count', 'X-Request-Id'],
			credentials: true,
			maxAge: 600,
		}),
		allowed: 'https://app.example.com',
		origins: ['https://admin.example.com', 'https://APP.example.com', 'http://app.example.com', 'https://app.example.com:443', 'null', 'https://evilapp.example.com'],
	},
	{
		name: '"*" without credentials',
		policy: policy({ origins: '*', methods: ['GET', 'PUT'], allowHeaders: ['Content-Type'], exposeHeaders: ['X-Total-Count'], maxAge: 86400 }),
		allowed: 'https://app.example.com',
		origins: ['null', 'https://anyone.example.net'],
	},
	{
		name: 'subdomain pattern, mirror, preflight 200',
		policy: policy({
			origins: ['https://*.example.com', 'http://localhost:3000'],
			methods: ['GET', 'PUT', 'PATCH'],
			allowHeaders: 'mirror',
			exposeHeaders: ['ETag'],
			credentials: true,
			maxAge: 7200,
			preflightStatus: 200,
		}),
		allowed: 'https://app.example.com',
		origins: [
			'https://a.b.example.com',
			'https://example.com',
			'https://evilexample.com',
			'https://example.com.evil.net',
			'https://app.example.com.evil.net',
			'http://app.example.com',
			'https://app.example.com:8443',
			'https://-bad.example.com',
			'http://localhost:3000',
			'http://localhost:30000',
		],
	},
	{
		name: '"reflect" without credentials, allowHeaders "*"',
		policy: policy({ origins: 'reflect', methods: ['GET', 'POST', 'PUT', 'DELETE'], allowHeaders: '*' }),
		allowed: 'https://anyone.example.net',
		origins: ['null', 'https://app.example.com'],
	},
	{
		name: 'pattern with a port, "null", no Vary, odd header names',
		policy: policy({
			origins: ['http://*.dev.example.org:8080', 'null'],
			methods: ['GET', 'PUT', 'PURGE'],
			allowHeaders: ['Content-Type', 'X-Odd~Name', 'X-100%'],
			exposeHeaders: ['X-Total-Count', 'X-Odd|Name'],
			maxAge: 0,
			vary: false,
		}),
		allowed: 'http://api.dev.example.org:8080',
		origins: ['null', 'http://dev.example.org:8080', 'http://api.dev.example.org', 'http://api.dev.example.org:8081', 'https://api.dev.example.org:8080'],
	},
];

/** More requests than the issue's matrix: this policy's origins, preflights without Origin or header list, HEAD. */
function extraProbes(c: Case): { name: string; method: string; path: string; headers: Header[] }[] {
	const pre = (origin: string | null, extra: Header[] = []): Header[] => [...(origin ? ([['Origin', origin]] as Header[]) : []), ['Access-Control-Request-Method', 'PUT'], ...extra];
	return [
		...c.origins.flatMap((o) => [
			{ name: `GET from ${o}`, method: 'GET', path: '/items', headers: [['Origin', o]] as Header[] },
			{ name: `preflight from ${o}`, method: 'OPTIONS', path: '/items', headers: pre(o, [['Access-Control-Request-Headers', 'content-type,x-custom']]) },
		]),
		{ name: 'preflight without Origin', method: 'OPTIONS', path: '/items', headers: pre(null) },
		{ name: 'preflight without Access-Control-Request-Headers', method: 'OPTIONS', path: '/items', headers: pre(c.allowed) },
		{ name: 'preflight to a 404 path', method: 'OPTIONS', path: '/status/404', headers: pre(c.allowed) },
		{ name: 'OPTIONS without Access-Control-Request-Method', method: 'OPTIONS', path: '/items', headers: [['Origin', c.allowed]] },
		{ name: 'HEAD, allowed origin', method: 'HEAD', path: '/items', headers: [['Origin', c.allowed]] },
		{ name: 'DELETE, allowed origin', method: 'DELETE', path: '/items', headers: [['Origin', c.allowed]] },
		{ name: '404, disallowed origin', method: 'GET', path: '/status/404', headers: [['Origin', 'https://evil.example.net']] },
		{ name: '500, no Origin', method: 'GET', path: '/status/500', headers: [] },
	];
}

/** Every probe against the running server; the differences from the model, as readable lines. */
async function probeAll(port: number, c: Case, opts: { demoBodies: boolean }): Promise<string[]> {
	const problems: string[] = [];
	for (const r of [...probeMatrix(c.allowed), ...extraProbes(c)]) {
		const real = await send(port, r.method, r.path, r.headers);
		const diff = compareWithModel(c.policy, r.method, r.headers, real);
		const preflight = r.method === 'OPTIONS' && r.headers.some(([k]) => k.toLowerCase() === 'access-control-request-method');
		if (preflight && real.body !== '') diff.push(`preflight has a body: ${JSON.stringify(real.body.slice(0, 80))}`);
		if (!preflight) {
			const want = /\/status\/(\d{3})$/.exec(r.path)?.[1] ?? '200';
			if (String(real.status) !== want) diff.push(`status ${real.status}, expected the app's ${want}`);
			if (opts.demoBodies && want === '200' && r.method !== 'HEAD' && real.body !== 'ok') diff.push(`body ${JSON.stringify(real.body.slice(0, 80))}, expected "ok"`);
		}
		if (diff.length) problems.push(`${r.name} (${r.method} ${r.path} ${JSON.stringify(r.headers)}):\n    ${diff.join('\n    ')}`);
	}
	for (const f of fetchMatrix(c.allowed)) {
		const v = await verdicts(port, c.policy, f);
		if (v.model !== v.real) problems.push(`fetch ${f.init.method} ${f.init.url} from ${f.page}: model "${v.model}", real server "${v.real}"`);
	}
	return problems;
}

// ── syntax checkers ──

interface Checked {
	readonly ok: boolean;
	readonly output: string;
}

function run(cmd: string, args: readonly string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Checked> {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('error', (e) => resolve({ ok: false, output: String(e) }));
		child.on('close', (code) => resolve({ ok: code === 0, output }));
	});
}

const APACHE_MODULES = '/usr/lib/apache2/modules';

const WRAPPED_FILE: Readonly<Record<string, string>> = { nginx: 'nginx.conf', apache: 'httpd.conf', caddy: 'Caddyfile', haproxy: 'haproxy.cfg', lighttpd: 'lighttpd.conf' };

/** The non-demo output placed where its comments say, inside a minimal configuration that proxies an app. */
function wrapSnippet(id: string, text: string, port: number, upstream: number): { file: string; text: string } {
	switch (id) {
		case 'nginx': {
			const at = text.indexOf(NGINX_PART_2);
			if (at < 0) throw new Error('nginx output without its part 2 marker');
			const [http, server] = [text.slice(0, at), text.slice(at)];
			return {
				file: 'nginx.conf',
				text: [
					'daemon off;',
					'worker_processes 1;',
					'pid nginx.pid;',
					'error_log stderr warn;',
					'events { worker_connections 64; }',
					'http {',
					'access_log off;',
					'client_body_temp_path client_body_temp; proxy_temp_path proxy_temp; fastcgi_temp_path fastcgi_temp;',
					'uwsgi_temp_path uwsgi_temp; scgi_temp_path scgi_temp;',
					http,
					'server {',
					`listen 127.0.0.1:${port};`,
					server,
					`location / { proxy_pass http://127.0.0.1:${upstream}; }`,
					// The snippet is also valid inside a location (the add_header inheritance pitfall).
					`location /other/ { add_header X-Other 1; ${server.replaceAll('\n', '\n    ')} proxy_pass http://127.0.0.1:${upstream}; }`,
					'}',
					'}',
				].join('\n'),
			};
		}
		case 'apache':
			return {
				file: 'httpd.conf',
				text: [
					...['mpm_event', 'authz_core', 'headers', 'setenvif', 'rewrite', 'reflector', 'proxy', 'proxy_http'].map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`),
					'ServerName 127.0.0.1',
					`Listen 127.0.0.1:${port}`,
					'PidFile apache2.pid',
					'DefaultRuntimeDir .',
					'ErrorLog "|/bin/cat"',
					'LogLevel warn',
					'User nobody',
					'Group nogroup',
					`<VirtualHost 127.0.0.1:${port}>`,
					text,
					`ProxyPass "/" "http://127.0.0.1:${upstream}/"`,
					'</VirtualHost>',
				].join('\n'),
			};
		case 'caddy':
			return {
				file: 'Caddyfile',
				text: ['{', '\tadmin off', '\tauto_https off', '}', text, `http://:${port} {`, '\tbind 127.0.0.1', '\timport cors', `\treverse_proxy 127.0.0.1:${upstream}`, '}', ''].join('\n'),
			};
		case 'haproxy':
			return {
				file: 'haproxy.cfg',
				text: [
					'global',
					'defaults',
					'    mode http',
					'    timeout connect 5s',
					'    timeout client 30s',
					'    timeout server 30s',
					'frontend www',
					`    bind 127.0.0.1:${port}`,
					text,
					'    default_backend app',
					'backend app',
					`    server app1 127.0.0.1:${upstream}`,
					'',
				].join('\n'),
			};
		case 'lighttpd':
			return {
				file: 'lighttpd.conf',
				text: [
					'server.bind = "127.0.0.1"',
					`server.port = ${port}`,
					'server.document-root = var.CWD',
					'server.modules = ( "mod_proxy" )',
					// The demo command writes the Lua files into the working directory.
					text.replace('var.cors_lua = "/etc/lighttpd/cors"', 'var.cors_lua = var.CWD'),
					`proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => ${upstream} ) ) )`,
					'',
				].join('\n'),
			};
		default:
			throw new Error(`no wrapper for ${id}`);
	}
}

/** A directive each demo uses, and a misspelling of it that the checker must catch. */
const TYPO: Readonly<Record<string, readonly [string, string]>> = {
	nginx: ['add_header', 'add_headr'],
	apache: ['Header always set', 'Headr always set'],
	caddy: ['respond @cors_preflight', 'respnd @cors_preflight'],
	haproxy: ['http-after-response del-header', 'http-after-respons del-header'],
	lighttpd: ['setenv.set-response-header', 'setenv.set-response-headr'],
};

/** Run the server's own checker on one configuration file; warnings count as failures. */
async function syntaxCheck(id: string, file: string, text: string): Promise<Checked> {
	const dir = mkdtempSync(join(tmpdir(), `cors-check-${id}-`));
	try {
		const path = join(dir, file);
		writeFileSync(path, text);
		switch (id) {
			case 'nginx': {
				const r = await run('nginx', ['-t', '-p', dir, '-c', path, '-e', 'stderr']);
				return r.ok && /\[(warn|alert|emerg|crit|error)\]/.test(r.output) ? { ok: false, output: r.output } : r;
			}
			case 'apache': {
				const r = await run('apache2', ['-t', '-d', dir, '-f', path]);
				return r.ok && r.output.trim() !== 'Syntax OK' ? { ok: false, output: r.output } : r;
			}
			case 'caddy': {
				const env = { XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
				const valid = await run('caddy', ['validate', '--config', path, '--adapter', 'caddyfile'], { cwd: dir, env });
				// (auto_https off is meant: its warning is the only one allowed.)
				const warnings = valid.output.split('\n').filter((l) => /"level":"(warn|error)"/.test(l) && !l.includes('automatic HTTPS is completely disabled'));
				if (!valid.ok || warnings.length) return { ok: false, output: valid.output };
				// The output is formatted the way `caddy fmt` formats it (no "not formatted" warning at startup).
				const fmt = await run('caddy', ['fmt', path], { cwd: dir, env });
				return fmt.ok && fmt.output === text ? valid : { ok: false, output: `caddy fmt would change the file:\n${fmt.output}` };
			}
			case 'haproxy': {
				const r = await run('haproxy', ['-c', '-f', path]);
				return r.ok && /\[WARNING\]|\[ALERT\]/.test(r.output) ? { ok: false, output: r.output } : r;
			}
			case 'lighttpd': {
				// lighttpd only warns about unknown keys (a misspelt one is silently ignored).
				const r = await run('lighttpd', ['-tt', '-f', path], { cwd: dir });
				return r.ok && r.output.trim() !== '' ? { ok: false, output: r.output } : r;
			}
			default:
				throw new Error(`no syntax checker for ${id}`);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

// ── seeded random policies ──

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function randomPolicies(seed: number, n: number): Policy[] {
	const rnd = prng(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
	const some = <T>(xs: readonly T[], min = 0): T[] => {
		const out = xs.filter(() => rnd() < 0.4);
		while (out.length < min) out.push(pick(xs.filter((x) => !out.includes(x))));
		return out;
	};
	const ORIGINS = [
		'https://app.example.com', 'https://admin.example.com', 'http://localhost:3000', 'http://127.0.0.1:8080', 'https://[::1]:8443', 'null',
		'https://xn--bcher-kva.example', 'https://*.example.com', 'http://*.dev.example.org:8080', 'https://*.a-b.example.net', 'https://*.co.uk',
	];
	const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PURGE', 'PROPFIND'];
	const HEADERS = ['Content-Type', 'Authorization', 'X-Requested-With', 'X-Api-Key', 'If-Match', 'X-Odd~Name', 'X-100%', 'X-a.b_c', 'X-Pipe|Name', '*'];
	const out: Policy[] = [];
	for (let i = 0; i < n; i++) {
		const r = rnd();
		const origins = r < 0.15 ? '*' : r < 0.25 ? 'reflect' : r < 0.3 ? [] : some(ORIGINS, 1);
		const h = rnd();
		out.push(
			policy({
				origins,
				methods: some(METHODS, 1),
				allowHeaders: h < 0.2 ? '*' : h < 0.4 ? 'mirror' : some(HEADERS.filter((x) => x !== '*')),
				exposeHeaders: some(HEADERS.filter((x) => x !== '*' && x !== 'Authorization')),
				credentials: rnd() < 0.5,
				maxAge: pick([null, 0, 5, 600, 7200, 86400]),
				preflightStatus: pick([204, 200]),
				vary: rnd() < 0.85,
			}),
		);
	}
	return out;
}

const RANDOM = randomPolicies(20261128, 20);
/**
 * Six of them also run live on every server (each start, probe and stop takes a fraction of a
 * second to 1.5 s): the first of each kind of origins and allowed headers, then the first others.
 */
const LIVE_RANDOM: readonly (readonly [number, Policy])[] = (() => {
	const kind = (p: Policy) => `${Array.isArray(p.origins) ? (p.origins.length ? 'list' : 'none') : p.origins} ${Array.isArray(p.allowHeaders) ? 'list' : p.allowHeaders}`;
	const seen = new Set<string>();
	const picked = RANDOM.flatMap((p, i) => (seen.has(kind(p)) ? [] : (seen.add(kind(p)), [[i, p] as const])));
	const rest = RANDOM.flatMap((p, i) => (picked.some(([j]) => j === i) ? [] : [[i, p] as const]));
	return [...picked, ...rest].slice(0, 6);
})();

/** An allowed origin for a policy (or any origin when none is), and lookalikes of each rule. */
function sampleCase(p: Policy, i: number): Case {
	const rules = Array.isArray(p.origins) ? p.origins : [];
	const samples = rules.flatMap((r) => {
		if (r.kind === 'exact') return r.origin === 'null' ? ['null'] : [r.origin, `${r.origin}.evil.net`, r.origin.replace('://', '://x')];
		const port = r.port ? `:${r.port}` : '';
		return [`${r.scheme}://a.${r.suffix}${port}`, `${r.scheme}://a.b.${r.suffix}${port}`, `${r.scheme}://${r.suffix}${port}`, `${r.scheme}://evil${r.suffix}${port}`, `${r.scheme}://a.${r.suffix}.evil.net${port}`];
	});
	const first = rules[0];
	const allowed = !first ? 'https://app.example.com' : first.kind === 'exact' ? first.origin : `${first.scheme}://app.${first.suffix}${first.port ? `:${first.port}` : ''}`;
	return { name: `random policy ${i}: ${JSON.stringify(policyToJson(p))}`, policy: p, allowed, origins: samples };
}
/** A policy that exercises the warning every server target gives: no methods at all. */
const NO_METHODS = policy({ origins: ['https://app.example.com'], methods: [], allowHeaders: ['Content-Type'] });

// ── an app behind the proxies, with CORS headers of its own ──

let upstream: Server;
let upstreamPort = 0;

function app(req: IncomingMessage, res: ServerResponse): void {
	if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
		// Preflights must be answered by the server in front: this status would show that one got through.
		res.writeHead(418, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' });
		res.end('a preflight reached the app');
		return;
	}
	const m = /\/status\/(\d{3})$/.exec(req.url ?? '');
	const status = m ? Number(m[1]) : 200;
	res.writeHead(status, {
		'Content-Type': 'text/plain',
		Vary: 'Accept-Encoding',
		// What an app with CORS of its own sends: every one must be replaced or removed.
		'Access-Control-Allow-Origin': '*',
		'Access-Control-Allow-Credentials': 'true',
		'Access-Control-Allow-Methods': 'APP',
		'Access-Control-Allow-Headers': 'X-App',
		'Access-Control-Max-Age': '1',
		'Access-Control-Expose-Headers': 'X-App',
	});
	res.end(req.method === 'HEAD' ? undefined : status === 200 ? 'ok' : String(status));
}

beforeAll(async () => {
	upstreamPort = await freePort();
	upstream = createServer(app);
	await new Promise<void>((r) => upstream.listen(upstreamPort, '127.0.0.1', r));
});
afterAll(async () => {
	await new Promise((r) => upstream.close(r));
});

// ── the tests ──

describe('web-server targets: registry and refusals', () => {
	it('registers the five servers as runnable targets with Debian packages', () => {
		for (const s of SERVERS) {
			expect(TARGETS).toContain(s.target);
			expect(s.target.demo?.needs.apt?.length).toBeGreaterThan(0);
		}
	});

	it('refuses hostile values by itself, before generating anything (a second gate behind the schema)', () => {
		// Built by hand, past the policy schema, which refuses these too.
		const app: OriginRule = { kind: 'exact', origin: 'https://app.example.com' };
		const hostile: Partial<Policy>[] = [
			...['https://a"b.example.com', 'https://a$b.example.com', 'https://a{b}.example.com', 'https://a;b.example.com', "https://a'b.example.com", 'https://a b.example.com', 'https://a\nb.example.com'].map(
				(origin) => ({ origins: [{ kind: 'exact', origin }] as OriginRule[] }),
			),
			{ origins: [app], allowHeaders: ['X-$host'] },
			{ origins: [app], allowHeaders: ['X-"quoted"'] },
			{ origins: [app], exposeHeaders: ['X-#comment'] },
			{ origins: [app], exposeHeaders: ['X-{placeholder}'] },
			{ origins: [app], methods: ["GE'T"] },
			{ origins: [app], methods: ['GET\nX'] },
		];
		for (const s of SERVERS)
			for (const h of hostile) {
				const p: Policy = { ...DEFAULT_POLICY, ...h };
				expect(() => s.target.generate(p), `${s.target.id} ${JSON.stringify(h)}`).toThrow(/refusing/);
				expect(() => s.target.generate(p, { demo: { port: 8080 } }), `${s.target.id} demo ${JSON.stringify(h)}`).toThrow(/refusing/);
			}
	});

	it('fails, naming the package, when a server is not installed', () => {
		expect(() => requireServer({ target: nginxTarget, needs: [{ file: 'no-such-server-binary', pkg: 'no-such-package' }] })).toThrow(
			'nginx: no-such-server-binary not found; install it with: apt-get install no-such-package',
		);
	});

	it('writes Apache comments on lines of their own (a "#" after a directive is one more argument)', () => {
		for (const p of [...CASES.map((c) => c.policy), ...RANDOM])
			for (const text of [apacheTarget.generate(p).text, apacheTarget.generate(p, { demo: { port: 8080 } }).text])
				for (const line of text.split('\n')) if (!/^\s*#/.test(line)) expect(line).not.toMatch(/\s#/);
	});

	it('says what it cannot express, in warnings and in the text', () => {
		for (const s of SERVERS) {
			const g = s.target.generate(NO_METHODS);
			expect(g.warnings.some((w) => w.includes('no Access-Control-Allow-Methods')), s.target.id).toBe(true);
			for (const w of g.warnings) expect(g.text.replace(/\n#\s*/g, ' '), s.target.id).toContain(w.slice(0, 60));
		}
		const l = lighttpdTarget.generate(CASES[2]?.policy as Policy);
		expect(l.warnings.join('\n')).toMatch(/mod_magnet/);
		expect(l.text).toContain(LIGHTTPD_LUA['cors-echo-origin.lua']?.split('\n')[1]);
	});
});

for (const s of SERVERS) {
	const id = s.target.id;
	describe(`${s.target.name}: syntax checker`, () => {
		it(`${id} is installed`, () => requireServer(s));

		it('rejects a broken file (the checker really checks)', async () => {
			requireServer(s);
			const good = s.target.generate(CASES[0]?.policy as Policy, { demo: { port: 18080 } }).text;
			const file = s.target.demo?.file ?? 'conf';
			expect((await syntaxCheck(id, file, good)).ok).toBe(true);
			const typo = TYPO[id] ?? ['', ''];
			const directive = new RegExp(`^(\\s*)${typo[0]}`, 'm');
			expect(good).toMatch(directive);
			// An unbalanced block (lighttpd ignores a stray "}" at the end), and a misspelt directive.
			const unbalanced = id === 'lighttpd' ? `${good}\n$HTTP["url"] == "/x" {\n` : `${good}\n}\n`;
			for (const broken of [unbalanced, good.replace(directive, `$1${typo[1]}`)]) {
				const r = await syntaxCheck(id, file, broken);
				expect(r.ok, r.output).toBe(false);
			}
		});

		it('accepts the demo and the wrapped snippet for the fixed and the seeded random policies', async () => {
			requireServer(s);
			const all = [...CASES.map((c) => c.policy), NO_METHODS, ...RANDOM];
			const jobs = all.flatMap((p, i) => {
				const demo = s.target.generate(p, { demo: { port: 18080 } });
				const wrapped = wrapSnippet(id, s.target.generate(p).text, 18080, 18081);
				return [
					{ what: `policy ${i} demo`, file: s.target.demo?.file ?? 'conf', text: demo.text },
					{ what: `policy ${i} snippet`, file: wrapped.file, text: wrapped.text },
				];
			});
			const failures: string[] = [];
			// Two at a time (CI has two cores).
			for (let i = 0; i < jobs.length; i += 2) {
				const batch = jobs.slice(i, i + 2);
				const results = await Promise.all(batch.map((j) => syntaxCheck(id, j.file, j.text)));
				results.forEach((r, k) => {
					const j = batch[k];
					if (j && !r.ok) failures.push(`${j.what}:\n${r.output}\n--- file ---\n${j.text}`);
				});
			}
			expect(failures.slice(0, 2).join('\n\n')).toBe('');
		});
	});

	describe(`${s.target.name}: the demo on the real server`, () => {
		for (const c of CASES) {
			it(c.name, async () => {
				requireServer(s);
				const demo = await startDemo(s.target, c.policy);
				try {
					expect(await probeAll(demo.port, c, { demoBodies: true })).toEqual([]);
					expect(await auditAgrees(demo.port, c.policy)).toEqual([]);
					expect(await verifyAgrees(demo.port, c.policy)).toEqual([]);
				} finally {
					await demo.stop();
					rmSync(demo.dir, { recursive: true, force: true });
				}
			});
		}
	});

	describe(`${s.target.name}: the demo on the real server, seeded random policies`, () => {
		for (const [i, p] of LIVE_RANDOM) {
			const c = sampleCase(p, i);
			it(c.name, async () => {
				requireServer(s);
				const demo = await startDemo(s.target, c.policy);
				try {
					expect(await probeAll(demo.port, c, { demoBodies: true })).toEqual([]);
				} finally {
					await demo.stop();
					rmSync(demo.dir, { recursive: true, force: true });
				}
			});
		}
	});

	describe(`${s.target.name}: the snippet, proxying an app that sends CORS headers of its own`, () => {
		for (const c of [CASES[0], CASES[2], CASES[1]] as Case[]) {
			it(c.name, async () => {
				requireServer(s);
				// The real target's start command, with the snippet wrapped in a proxy configuration.
				const proxy: Target = {
					...s.target,
					demo: s.target.demo && { ...s.target.demo, file: WRAPPED_FILE[id] ?? 'conf' },
					generate: (p, o) => ({ text: wrapSnippet(id, s.target.generate(p).text, o?.demo?.port ?? 0, upstreamPort).text, warnings: [] }),
				};
				const running = await startDemo(proxy, c.policy);
				try {
					expect(await probeAll(running.port, c, { demoBodies: false })).toEqual([]);
				} finally {
					await running.stop();
					rmSync(running.dir, { recursive: true, force: true });
				}
			});
		}
	});
}
