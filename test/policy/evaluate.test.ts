import { describe, expect, test } from 'vitest';
import { PROFILES, VirtualClock, browserFetch, parsePageOrigin, type Origin, type TraceEvent } from '../../source/core/index.js';
import { type Policy, evaluatePolicy, parsePolicyText, policyServer } from '../../source/policy/index.js';

const policy = (json: object): Policy => parsePolicyText(JSON.stringify(json), 'policy.json');
const base = { origins: ['https://app.example.com', 'https://*.example.org'], methods: ['GET', 'POST', 'PUT'], allowHeaders: ['Content-Type'], exposeHeaders: ['X-Total-Count'], credentials: true, maxAge: 600 };

describe('evaluatePolicy', () => {
	test('preflight from an allowed origin: every header, in order, with Vary', () => {
		const a = evaluatePolicy(policy(base), 'OPTIONS', [['Origin', 'https://app.example.com'], ['Access-Control-Request-Method', 'PUT']]);
		expect(a).toMatchObject({ kind: 'preflight', status: 204 });
		expect(a.headers).toEqual([
			['Access-Control-Allow-Origin', 'https://app.example.com'],
			['Access-Control-Allow-Credentials', 'true'],
			['Access-Control-Allow-Methods', 'GET, POST, PUT'],
			['Access-Control-Allow-Headers', 'Content-Type'],
			['Access-Control-Max-Age', '600'],
			['Vary', 'Origin'],
		]);
	});

	test('actual request: Expose-Headers instead of the preflight headers', () => {
		const a = evaluatePolicy(policy(base), 'GET', [['Origin', 'https://x.example.org']]);
		expect(a.headers).toEqual([
			['Access-Control-Allow-Origin', 'https://x.example.org'],
			['Access-Control-Allow-Credentials', 'true'],
			['Access-Control-Expose-Headers', 'X-Total-Count'],
			['Vary', 'Origin'],
		]);
	});

	test.each([
		['a disallowed origin', [['Origin', 'https://example.org.evil.net']]],
		['no Origin at all', []],
	] as const)('%s: no CORS headers but still Vary: Origin', (_n, headers) => {
		expect(evaluatePolicy(policy(base), 'GET', headers).headers).toEqual([['Vary', 'Origin']]);
	});

	test("'*' is static: sent without Origin too, and no Vary", () => {
		const p = policy({ origins: '*' });
		expect(evaluatePolicy(p, 'GET', []).headers).toEqual([['Access-Control-Allow-Origin', '*']]);
		expect(evaluatePolicy(p, 'GET', [['Origin', 'https://a.test']]).headers).toEqual([['Access-Control-Allow-Origin', '*']]);
	});

	test('mirror echoes Access-Control-Request-Headers and varies on it', () => {
		const a = evaluatePolicy(policy({ ...base, allowHeaders: 'mirror' }), 'OPTIONS', [
			['Origin', 'https://app.example.com'], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'authorization,x-trace'],
		]);
		expect(a.headers).toContainEqual(['Access-Control-Allow-Headers', 'authorization,x-trace']);
		expect(a.headers).toContainEqual(['Vary', 'Origin, Access-Control-Request-Headers']);
	});

	test('OPTIONS without Access-Control-Request-Method is not a preflight', () => {
		expect(evaluatePolicy(policy(base), 'OPTIONS', [['Origin', 'https://app.example.com']]).kind).toBe('actual');
	});

	test('preflightStatus 200 and vary false are honoured', () => {
		const a = evaluatePolicy(policy({ ...base, preflightStatus: 200, vary: false }), 'OPTIONS', [['Origin', 'https://app.example.com'], ['Access-Control-Request-Method', 'PUT']]);
		expect(a.status).toBe(200);
		expect(a.headers.some(([k]) => k === 'Vary')).toBe(false);
	});
});

describe('the core, talking to a policy server, reaches the verdict the policy implies', () => {
	function run(p: Policy, page: string, init: { method?: string; headers?: [string, string][]; credentials?: 'omit' | 'same-origin' | 'include'; body?: string | null }) {
		const trace: TraceEvent[] = [];
		const origin = parsePageOrigin(page) as Origin;
		return browserFetch(
			{ profile: PROFILES.chromium, cache: PROFILES.chromium.createCache(), clock: new VirtualClock(), page: { origin, url: `${page}/` }, server: policyServer(p) },
			{ url: 'https://api.example.com/items', method: init.method ?? 'GET', headers: init.headers ?? [], credentials: init.credentials ?? 'same-origin', mode: 'cors', body: init.body ?? null },
			trace,
		);
	}
	test.each([
		['allowed origin, credentialed PUT with JSON', 'https://app.example.com', { method: 'PUT', headers: [['Content-Type', 'application/json']], credentials: 'include', body: '{}' }, 'ok'],
		['subdomain pattern', 'https://shop.example.org', { credentials: 'include' }, 'ok'],
		['lookalike origin', 'https://example.org.evil.net', {}, 'network-error'],
		['method not listed', 'https://app.example.com', { method: 'DELETE' }, 'network-error'],
		['header not listed', 'https://app.example.com', { headers: [['Authorization', 'Bearer x']] }, 'network-error'],
	] as const)('%s', (_n, page, init, outcome) => {
		expect(run(policy(base), page, init as never).outcome).toBe(outcome);
	});

	test("'*' with credentials is refused by the browser", () => {
		const r = run(policy({ origins: '*', credentials: true }), 'https://app.example.com', { credentials: 'include' });
		expect(r.failure?.code).toBe('wildcard-with-credentials');
	});
});
