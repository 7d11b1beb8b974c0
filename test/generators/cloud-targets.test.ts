// The targets that cannot run here (Next.js, Spring, ASP.NET, Cloudflare Workers, S3, GCS):
// golden files, structural checks on many policies, and, for the Worker and the Next.js
// middleware, the generated module executed in Node against evaluatePolicy.
// Refresh the golden files after an intended change with:
//   UPDATE_GOLDEN=1 npx vitest run test/generators/cloud-targets.test.ts

import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Header } from '../../source/core/headers.js';
import { aspnetTarget } from '../../source/generators/aspnet.js';
import { cloudflareWorkerTarget } from '../../source/generators/cloudflare-worker.js';
import { gcsTarget } from '../../source/generators/gcs.js';
import { nextjsTarget } from '../../source/generators/nextjs.js';
import { originPatternRegex } from '../../source/generators/policy-notes.js';
import { findTarget } from '../../source/generators/registry.js';
import { S3_METHODS, s3Target } from '../../source/generators/s3.js';
import { springTarget } from '../../source/generators/spring.js';
import type { Target } from '../../source/generators/types.js';
import { type Policy, type PolicyJson, evaluatePolicy, matchesRule, parsePolicyText } from '../../source/policy/index.js';

const TARGETS: readonly Target[] = [nextjsTarget, springTarget, aspnetTarget, cloudflareWorkerTarget, s3Target, gcsTarget];
const GOLDEN = join(import.meta.dirname, 'golden');

const policy = (json: PolicyJson): Policy => parsePolicyText(JSON.stringify(json), 'test-policy.json');

/** The three policies of the golden files. */
const POLICIES = {
	strict: policy({
		origins: ['https://app.example.com', 'https://admin.example.com'],
		methods: ['GET', 'POST', 'PUT', 'DELETE'],
		allowHeaders: ['Content-Type', 'Authorization'],
		exposeHeaders: ['X-Total-Count'],
		credentials: true, maxAge: 600, preflightStatus: 204,
	}),
	star: policy({ origins: '*', methods: ['GET', 'HEAD', 'POST', 'PUT'], allowHeaders: ['Content-Type'], exposeHeaders: ['X-Request-Id'], maxAge: 7200 }),
	pattern: policy({
		origins: ['https://app.example.com', 'https://*.example.com', 'http://*.dev.example.org:8443'],
		methods: ['GET', 'PUT', 'PATCH', 'DELETE'], allowHeaders: 'mirror', exposeHeaders: ['ETag'], maxAge: null, preflightStatus: 200,
	}),
};

/** Many policies for the structural checks: every kind of origins, headers and switches. */
function fuzzedPolicies(): Policy[] {
	const origins: PolicyJson['origins'][] = [
		'*', 'reflect', [], ['https://app.example.com'], ['https://*.example.com'], ['null', 'http://localhost:3000', 'https://*.a-b.example.co.uk:8443'],
		['http://[::1]:8080', 'https://xn--bcher-kva.example', 'https://*.x.test'],
	];
	const headers: PolicyJson['allowHeaders'][] = [[], '*', 'mirror', ['X-Custom', 'Content-Type'], ['Authorization']];
	const methods: string[][] = [[], ['GET'], ['PUT', 'PATCH', 'DELETE'], ['*'], ['get', 'PROPFIND', 'OPTIONS']];
	const out: Policy[] = [];
	let i = 0;
	for (const o of origins)
		for (const h of headers) {
			i++;
			out.push(policy({
				origins: o, allowHeaders: h, methods: methods[i % methods.length],
				exposeHeaders: i % 2 ? ['X-Total-Count', 'Set-Cookie'] : [], credentials: i % 3 === 0,
				maxAge: i % 4 === 0 ? null : i * 97, preflightStatus: i % 2 ? 200 : 204, vary: i % 5 !== 0,
			}));
		}
	return out;
}

describe('golden files', () => {
	for (const [name, p] of Object.entries(POLICIES))
		for (const t of TARGETS)
			test(`${t.id} × ${name}`, () => {
				const { text, warnings } = t.generate(p);
				const got = `${text}${warnings.length ? `\n==== warnings ====\n${warnings.map((w) => `warning: ${w}`).join('\n')}\n` : ''}`;
				const file = join(GOLDEN, name, `${t.fileName}.golden`);
				if (process.env.UPDATE_GOLDEN) {
					mkdirSync(join(GOLDEN, name), { recursive: true });
					writeFileSync(file, got);
				}
				expect(existsSync(file), `${file} is missing; run with UPDATE_GOLDEN=1 to create it`).toBe(true);
				expect(got).toBe(readFileSync(file, 'utf8'));
			});

	test('the registry lists each of these targets, none runnable here', () => {
		for (const t of TARGETS) expect(findTarget(t.id)).toBe(t);
		for (const t of TARGETS) expect(t.demo).toBeNull();
	});
});

// ── structure ──

/** Brackets balance outside strings and comments (Java, C#, JS/TS). Returns a problem or null. */
function unbalanced(code: string, lang: 'java' | 'cs' | 'js'): string | null {
	const stack: { ch: string; line: number }[] = [];
	const open: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
	let line = 1;
	for (let i = 0; i < code.length; i++) {
		const c = code[i] as string;
		const n = code[i + 1];
		if (c === '\n') line++;
		else if (c === '/' && n === '/') i = code.indexOf('\n', i) - 1;
		else if (c === '/' && n === '*') i = code.indexOf('*/', i + 2) + 1;
		else if (lang === 'cs' && c === '@' && n === '"') {
			for (i += 2; i < code.length && !(code[i] === '"' && code[i + 1] !== '"'); i += code[i] === '"' ? 2 : 1);
		} else if (c === '"' || c === "'") {
			for (i++; code[i] !== c; i += code[i] === '\\' ? 2 : 1) if (i >= code.length || code[i] === '\n') return `unterminated string on line ${line}`;
		} else if ('([{'.includes(c)) stack.push({ ch: c, line });
		else if (c in open) {
			const top = stack.pop();
			if (top?.ch !== open[c]) return `"${c}" on line ${line} closes ${top ? `"${top.ch}" from line ${top.line}` : 'nothing'}`;
		}
		if (i < 0) break;
	}
	return stack.length ? `"${stack.at(-1)?.ch}" from line ${stack.at(-1)?.line} is never closed` : null;
}

const S3_RULE_FIELDS = ['ID', 'AllowedOrigins', 'AllowedMethods', 'AllowedHeaders', 'ExposeHeaders', 'MaxAgeSeconds'];
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

/** The CORSConfiguration document as the S3 API documents it (CORSRule: required, optional fields and types). */
function s3Problems(text: string): string[] {
	const doc = JSON.parse(text);
	const problems: string[] = [];
	if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || Object.keys(doc).join() !== 'CORSRules') return ['top level must be {"CORSRules": [...]}'];
	if (!Array.isArray(doc.CORSRules) || doc.CORSRules.length > 100) return ['CORSRules must be a list of at most 100 rules'];
	for (const [i, rule] of (doc.CORSRules as Record<string, unknown>[]).entries()) {
		for (const k of Object.keys(rule)) if (!S3_RULE_FIELDS.includes(k)) problems.push(`rule ${i}: unknown field ${k}`);
		if (!isStrings(rule.AllowedOrigins) || !rule.AllowedOrigins.length) problems.push(`rule ${i}: AllowedOrigins must be a non-empty list of strings`);
		else for (const o of rule.AllowedOrigins) if (o.split('*').length > 2) problems.push(`rule ${i}: ${o} has more than one *`);
		if (!isStrings(rule.AllowedMethods) || !rule.AllowedMethods.length) problems.push(`rule ${i}: AllowedMethods must be a non-empty list of strings`);
		else for (const m of rule.AllowedMethods) if (!S3_METHODS.includes(m)) problems.push(`rule ${i}: ${m} is not an S3 method`);
		for (const k of ['AllowedHeaders', 'ExposeHeaders']) if (k in rule && !isStrings(rule[k])) problems.push(`rule ${i}: ${k} must be a list of strings`);
		if ('MaxAgeSeconds' in rule && !(Number.isInteger(rule.MaxAgeSeconds) && (rule.MaxAgeSeconds as number) >= 0)) problems.push(`rule ${i}: MaxAgeSeconds must be an integer`);
		if ('ID' in rule && !(typeof rule.ID === 'string' && rule.ID.length <= 255)) problems.push(`rule ${i}: ID must be a string of at most 255 characters`);
	}
	return problems;
}

/** The list `gcloud storage buckets update --cors-file` takes: entries of origin, method, responseHeader, maxAgeSeconds. */
function gcsProblems(text: string): string[] {
	const doc = JSON.parse(text);
	if (!Array.isArray(doc)) return ['top level must be a list'];
	const problems: string[] = [];
	for (const [i, e] of (doc as Record<string, unknown>[]).entries()) {
		for (const k of Object.keys(e)) if (!['origin', 'method', 'responseHeader', 'maxAgeSeconds'].includes(k)) problems.push(`entry ${i}: unknown field ${k}`);
		if (!isStrings(e.origin) || !e.origin.length) problems.push(`entry ${i}: origin must be a non-empty list of strings`);
		else for (const o of e.origin) if (o !== '*' && o.includes('*')) problems.push(`entry ${i}: ${o}: Cloud Storage takes no wildcard inside an origin`);
		if (!isStrings(e.method) || !e.method.length) problems.push(`entry ${i}: method must be a non-empty list of strings`);
		if ('responseHeader' in e && !isStrings(e.responseHeader)) problems.push(`entry ${i}: responseHeader must be a list of strings`);
		if ('maxAgeSeconds' in e && !(Number.isInteger(e.maxAgeSeconds) && (e.maxAgeSeconds as number) >= 0)) problems.push(`entry ${i}: maxAgeSeconds must be an integer`);
	}
	return problems;
}

describe('structure, for the golden policies and many more', () => {
	const all = [...Object.values(POLICIES), ...fuzzedPolicies()];

	test('S3: valid CORSConfiguration JSON with exactly the documented fields and types', () => {
		for (const p of all) {
			const text = s3Target.generate(p).text;
			expect(s3Problems(text), text).toEqual([]);
		}
	});

	test('GCS: a valid --cors-file list with exactly the documented fields and types', () => {
		for (const p of all) {
			const text = gcsTarget.generate(p).text;
			expect(gcsProblems(text), text).toEqual([]);
		}
	});

	test('Java and C#: brackets balance outside strings and comments', () => {
		for (const p of all) {
			for (const [t, lang] of [[springTarget, 'java'], [aspnetTarget, 'cs']] as const) {
				const text = t.generate(p).text;
				expect(unbalanced(text, lang), text).toBeNull();
			}
		}
	});

	test('Worker (JS) and Next.js (TS): balanced, and esbuild parses them', async () => {
		for (const p of all) {
			for (const [t, loader] of [[cloudflareWorkerTarget, 'js'], [nextjsTarget, 'ts']] as const) {
				const text = t.generate(p).text;
				expect(unbalanced(text, 'js'), text).toBeNull();
				await expect(transform(text, { loader, format: 'esm' }), text).resolves.toBeTruthy();
			}
		}
	});

	test('the balance check itself catches what it should', () => {
		expect(unbalanced('class A { void f() { g("}"); }', 'java')).toMatch(/never closed/);
		expect(unbalanced('f(a]', 'java')).toMatch(/closes/);
		expect(unbalanced('var s = @"a\\"; f(")");', 'cs')).toBeNull();
		expect(unbalanced('x = "abc\ny"', 'js')).toMatch(/unterminated/);
	});

	test('warnings are sentences on one line each, and the code targets repeat them in comments', () => {
		for (const p of all)
			for (const t of TARGETS) {
				const { text, warnings } = t.generate(p);
				for (const w of warnings) expect(w).not.toMatch(/\n/);
				if (t === springTarget || t === aspnetTarget)
					for (const w of warnings) expect(text.replace(/\n\s*\/\/\s+/g, ' ')).toContain(w.slice(0, 40));
			}
	});
});

// ── origin patterns ──

describe('subdomain patterns never admit lookalikes', () => {
	const p = policy({ origins: ['https://*.example.com', 'http://*.dev.example.org:8443'] });
	const rules = Array.isArray(p.origins) ? p.origins.filter((r) => r.kind === 'subdomains') : [];
	const candidates = [
		'https://a.example.com', 'https://a.b.example.com', 'https://xn--bcher-kva.example.com', 'https://example.com', 'https://example.com.evil.net',
		'https://evilexample.com', 'https://a.example.com.evil.net', 'http://a.example.com', 'https://a.example.com:8443', 'https://-a.example.com',
		'https://a_b.example.com', 'https://A.example.com', 'https://a.example.com/', 'https://a..example.com', 'https://.example.com',
		'http://x.dev.example.org:8443', 'http://x.dev.example.org', 'http://x.dev.example.org:84430', 'http://dev.example.org:8443', 'null',
	];

	test('the compiled regular expression agrees with the policy model on every candidate', () => {
		for (const rule of rules) {
			const re = new RegExp(originPatternRegex(rule));
			for (const o of candidates) expect(re.test(o), `${rule.text} vs ${o}`).toBe(matchesRule(rule, o));
		}
	});

	test('the regexes in Spring, S3 and the Worker reject the two lookalikes named in the issue', () => {
		const looksLike = ['https://example.com.evil.net', 'https://evilexample.com'];
		// S3 and Spring: one "*" that matches any characters, anchored at both ends.
		const wildcard = (pattern: string) => new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`);
		for (const o of looksLike) expect(wildcard('https://*.example.com').test(o)).toBe(false);
		expect(wildcard('https://*.example.com').test('https://a.b.example.com')).toBe(true);
		const worker = cloudflareWorkerTarget.generate(policy({ origins: ['https://*.example.com'] })).text;
		const literal = /ORIGIN_PATTERNS = \[(\/.*\/)\]/.exec(worker)?.[1] ?? '';
		const re = new RegExp(literal.slice(1, -1));
		for (const o of looksLike) expect(re.test(o)).toBe(false);
		expect(re.test('https://a.b.example.com')).toBe(true);
	});
});

// ── running the Worker and the middleware ──

interface Probe {
	readonly name: string;
	readonly method: string;
	readonly path: string;
	readonly headers: Header[];
}

function probes(allowed: string): Probe[] {
	const pre = (origin: string | null, method: string, requested?: string): Header[] => [
		...(origin === null ? [] : ([['Origin', origin]] as Header[])),
		['Access-Control-Request-Method', method],
		...(requested === undefined ? [] : ([['Access-Control-Request-Headers', requested]] as Header[])),
	];
	const out: Probe[] = [
		{ name: 'preflight, allowed method and header', method: 'OPTIONS', path: '/items', headers: pre(allowed, 'PUT', 'content-type') },
		{ name: 'preflight, no requested headers', method: 'OPTIONS', path: '/items', headers: pre(allowed, 'PUT') },
		{ name: 'preflight, disallowed method', method: 'OPTIONS', path: '/items', headers: pre(allowed, 'PROPFIND') },
		{ name: 'preflight, disallowed header', method: 'OPTIONS', path: '/items', headers: pre(allowed, 'PUT', 'x-evil,content-type') },
		{ name: 'preflight without Origin', method: 'OPTIONS', path: '/items', headers: pre(null, 'PUT', 'content-type') },
		{ name: 'OPTIONS without Access-Control-Request-Method is an actual request', method: 'OPTIONS', path: '/items', headers: [['Origin', allowed]] },
		{ name: 'GET, no Origin', method: 'GET', path: '/items', headers: [] },
		{ name: 'PUT, allowed origin', method: 'PUT', path: '/items', headers: [['Origin', allowed], ['Content-Type', 'application/json']] },
		{ name: 'HEAD, allowed origin', method: 'HEAD', path: '/items', headers: [['Origin', allowed]] },
		{ name: 'GET 404 from the app', method: 'GET', path: '/status/404', headers: [['Origin', allowed]] },
		{ name: 'GET 500 from the app', method: 'GET', path: '/status/500', headers: [['Origin', allowed]] },
		{ name: 'the app sends its own ACAO: *', method: 'GET', path: '/dup', headers: [['Origin', allowed]] },
		{ name: 'the app sends Vary: *', method: 'GET', path: '/vary-star', headers: [['Origin', allowed]] },
	];
	for (const origin of [allowed, 'https://evil.example.net', 'https://example.com.evil.net', 'https://evilexample.com', `${allowed}.evil.net`, 'null', 'https://a.b.example.com', 'http://app.example.com'])
		out.push(
			{ name: `GET from ${origin}`, method: 'GET', path: '/items', headers: [['Origin', origin]] },
			{ name: `preflight from ${origin}`, method: 'OPTIONS', path: '/items', headers: pre(origin, 'PUT', 'content-type') },
		);
	return out;
}

type App = (path: string, method: string) => Response;

/** What the origin behind the Worker answers: its own Vary, and on two paths its own CORS mistakes. */
function appResponse(path: string, method: string): Response {
	const status = Number(/\/status\/(\d{3})$/.exec(path)?.[1] ?? 200);
	const headers = new Headers({ 'Content-Type': 'text/plain', Vary: 'Accept-Encoding' });
	if (path === '/dup') {
		headers.set('Access-Control-Allow-Origin', '*');
		headers.set('Access-Control-Allow-Credentials', 'true');
	}
	if (path === '/vary-star') headers.set('Vary', '*');
	return new Response(method === 'HEAD' ? null : status === 200 ? 'ok' : String(status), { status, headers });
}

/** A plain Next.js route handler: no CORS headers and no Vary of its own (the generated comment asks for that). */
function routeResponse(path: string, method: string): Response {
	const status = Number(/\/status\/(\d{3})$/.exec(path)?.[1] ?? 200);
	return new Response(method === 'HEAD' ? null : status === 200 ? 'ok' : String(status), { status, headers: { 'Content-Type': 'text/plain' } });
}

const lowerPairs = (h: Headers, prefix: string) => [...h].filter(([k]) => k.startsWith(prefix)).sort();
const varyTokens = (v: string | null) => (v ?? '').split(',').map((t) => t.trim()).filter(Boolean);

/** Differences between a response and evaluatePolicy, as readable lines (empty = identical). */
function differences(p: Policy, probe: Probe, res: Response, upstreamCalled: boolean, app: App): string[] {
	const want = evaluatePolicy(p, probe.method, probe.headers);
	const problems: string[] = [];
	const wantCors = want.headers.filter(([k]) => k.toLowerCase().startsWith('access-control-')).map(([k, v]) => [k.toLowerCase(), v]).sort();
	const gotCors = lowerPairs(res.headers, 'access-control-');
	if (JSON.stringify(gotCors) !== JSON.stringify(wantCors)) problems.push(`CORS headers: model ${JSON.stringify(wantCors)}, got ${JSON.stringify(gotCors)}`);
	const wantVary = varyTokens(want.headers.find(([k]) => k === 'Vary')?.[1] ?? null);
	const gotVary = varyTokens(res.headers.get('Vary'));
	const upstreamVary = want.kind === 'actual' ? varyTokens(app(probe.path, probe.method).headers.get('Vary')) : [];
	const expected = upstreamVary.includes('*') ? ['*'] : [...upstreamVary, ...wantVary.filter((t) => !upstreamVary.includes(t))];
	if (JSON.stringify(gotVary) !== JSON.stringify(expected)) problems.push(`Vary: expected ${JSON.stringify(expected)}, got ${JSON.stringify(gotVary)}`);
	if (want.kind === 'preflight') {
		if (res.status !== want.status) problems.push(`preflight status: model ${want.status}, got ${res.status}`);
		if (upstreamCalled) problems.push('the preflight reached the app');
	} else {
		const status = app(probe.path, probe.method).status;
		if (res.status !== status) problems.push(`status: app ${status}, got ${res.status}`);
		if (!upstreamCalled) problems.push('the actual request never reached the app');
	}
	return problems;
}

const tmp = () => mkdtempSync(join(tmpdir(), 'cors-tutor-edge-'));

async function loadWorker(p: Policy): Promise<{ fetch(request: Request): Promise<Response> }> {
	const file = join(tmp(), 'cors-worker.mjs');
	writeFileSync(file, cloudflareWorkerTarget.generate(p).text);
	return (await import(pathToFileURL(file).href)).default;
}

const NEXT_STUB = `
export class NextResponse extends Response {
	static next() {
		const r = new NextResponse(null, { status: 200 });
		r.isNext = true;
		return r;
	}
}
`;

async function loadMiddleware(p: Policy): Promise<{ middleware(request: Request): Response & { isNext?: boolean }; config: { matcher: string } }> {
	const dir = tmp();
	writeFileSync(join(dir, 'next-server.mjs'), NEXT_STUB);
	const js = (await transform(nextjsTarget.generate(p).text, { loader: 'ts', format: 'esm' })).code.replace('"next/server"', '"./next-server.mjs"');
	expect(js).toContain('./next-server.mjs');
	writeFileSync(join(dir, 'middleware.mjs'), js);
	return import(pathToFileURL(join(dir, 'middleware.mjs')).href);
}

const request = (probe: Probe) => new Request(`https://api.example.com${probe.path}`, { method: probe.method, headers: probe.headers.map(([k, v]) => [k, v]), ...(probe.method === 'PUT' ? { body: '{}' } : {}) });

const RUN_POLICIES: [string, Policy, string][] = [
	['strict', POLICIES.strict, 'https://app.example.com'],
	['star', POLICIES.star, 'https://app.example.com'],
	['pattern', POLICIES.pattern, 'https://team.example.com'],
	['reflect + credentials + "*" headers', policy({ origins: 'reflect', credentials: true, allowHeaders: '*', methods: ['PATCH'], maxAge: 0 }), 'https://anyone.test'],
	['no origins', policy({ origins: [] }), 'https://app.example.com'],
	['vary off, star + mirror', policy({ origins: '*', allowHeaders: 'mirror', vary: false }), 'https://app.example.com'],
	['star + mirror', policy({ origins: '*', allowHeaders: 'mirror', methods: [] }), 'https://app.example.com'],
	['exact with a port, null', policy({ origins: ['http://localhost:3000', 'null'], credentials: true }), 'http://localhost:3000'],
];

describe('the Cloudflare Worker, executed: its CORS headers are evaluatePolicy\'s', () => {
	afterEach(() => vi.unstubAllGlobals());
	for (const [name, p, allowed] of RUN_POLICIES)
		test(name, async () => {
			const worker = await loadWorker(p);
			const problems: string[] = [];
			for (const probe of probes(allowed)) {
				let called = false;
				vi.stubGlobal('fetch', async (req: Request) => {
					called = true;
					expect(req.method).toBe(probe.method);
					return appResponse(new URL(req.url).pathname, req.method);
				});
				const res = await worker.fetch(request(probe));
				problems.push(...differences(p, probe, res, called, appResponse).map((d) => `${probe.name}: ${d}`));
				if (!called) expect(await res.text()).toBe('');
			}
			expect(problems).toEqual([]);
		});
});

describe('the Next.js middleware, executed with a stand-in for next/server', () => {
	for (const [name, p, allowed] of RUN_POLICIES)
		test(name, async () => {
			const mod = await loadMiddleware(p);
			expect(mod.config.matcher).toBe('/api/:path*');
			const problems: string[] = [];
			for (const probe of probes(allowed).filter((x) => !['/dup', '/vary-star'].includes(x.path))) {
				const out = mod.middleware(request(probe));
				let res: Response = out;
				if (out.isNext) {
					// Next.js runs the route and applies the middleware's response headers to its answer.
					res = routeResponse(probe.path, probe.method);
					for (const [k, v] of out.headers) res.headers.set(k, v);
				}
				problems.push(...differences(p, probe, res, out.isNext === true, routeResponse).map((d) => `${probe.name}: ${d}`));
			}
			expect(problems).toEqual([]);
		});
});
