// The probe engine against real loopback servers: each broken server is reported as exactly
// its class (broader bugs mark what they also admit as "covered"), correct servers as nothing.
import { describe, expect, test } from 'vitest';
import { CLASSES } from '../../source/audit/classes.js';
import { type AuditResult, runAudit } from '../../source/audit/engine.js';
import { craftedOrigins, registrable, type Site, siteOf } from '../../source/audit/origins.js';
import { networkResponder } from '../../source/audit/responders.js';
import { BROKEN, CORRECT, SITE, freePort, listen } from './servers.js';

const site = siteOf(SITE) as Site;
const found = (r: AuditResult) => r.classes.filter((c) => c.found).map((c) => c.id);
const byId = (r: AuditResult, id: string) => r.classes.find((c) => c.id === id);

async function auditServer(h: Parameters<typeof listen>[0], o: Parameters<typeof runAudit>[2] = {}): Promise<AuditResult> {
	const s = await listen(h);
	try {
		return await runAudit([site], networkResponder(s.url, { timeoutMs: 5000 }), o);
	} finally {
		await s.close();
	}
}

describe('crafted origins', () => {
	test('are derived from the site, one family per class', () => {
		const c = craftedOrigins(site);
		expect(c['reflect-any-origin']).toEqual(['https://evil.com']);
		expect(c['prefix-match']).toEqual(['https://app.example.com.evil.com']);
		expect(c['suffix-match']).toEqual(['https://evilexample.com']);
		expect(c['substring-match']).toEqual(['https://evil-app.example.com.evil.com', 'https://app.example.co']);
		expect(c['unescaped-dot']).toEqual(['https://app.examplexcom']);
		expect(c['special-chars']).toContain('https://app.example.com_.evil.com');
		expect(c['special-chars']).toContain('https://app.example.com%60.evil.com');
		expect(c['special-chars']).toContain('https://app.example.com`.evil.com');
		expect(c['null-origin']).toEqual(['null']);
		expect(c['http-origin']).toEqual(['http://app.example.com']);
		expect(c['any-subdomain']).toEqual(['https://evil.app.example.com', 'https://evil.example.com']);
		expect(c['third-party-hosting']).toContain('https://evil-cors-audit.github.io');
	});
	test('classes that cannot apply are empty: http-origin for an http site, unescaped-dot without a dot', () => {
		const c = craftedOrigins(siteOf('http://localhost:3000') as Site);
		expect(c['http-origin']).toEqual([]);
		expect(c['unescaped-dot']).toEqual([]);
		expect(c['suffix-match']).toEqual(['http://evillocalhost:3000']);
	});
	test('the registrable domain: public-suffix-like heuristics', () => {
		expect(registrable('app.example.com')).toBe('example.com');
		expect(registrable('a.b.example.co.uk')).toBe('example.co.uk');
		expect(registrable('me.github.io')).toBe('me.github.io');
		expect(registrable('127.0.0.1')).toBe('127.0.0.1');
	});
});

describe('one broken server per class', () => {
	test('there is a broken server for every class', () => {
		expect(Object.keys(BROKEN).sort()).toEqual(CLASSES.map((c) => c.id).sort());
	});
	test.each(Object.keys(BROKEN))('%s is reported, and nothing else', async (id) => {
		const r = await auditServer(BROKEN[id] as Parameters<typeof listen>[0]);
		expect(found(r)).toEqual([id]);
		expect(r.failures).toBe(0);
		const f = byId(r, id);
		expect(f?.evidence.length).toBeGreaterThan(0);
		expect(f?.impact).not.toBe('');
		expect(f?.fix).not.toBe('');
	});
});

describe('what the findings say', () => {
	test('reflection with credentials is high, with the evidence of what was sent and received', async () => {
		const r = await auditServer(BROKEN['reflect-any-origin'] as never);
		const f = byId(r, 'reflect-any-origin');
		expect(f?.severity).toBe('high');
		expect(f?.evidence[0]).toMatchObject({ origin: 'https://evil.com', allowOrigin: 'https://evil.com', allowCredentials: 'true', admitted: true, credentials: true, status: 200 });
		// Everything narrower is admitted too, and said to be explained by the reflection.
		for (const id of ['prefix-match', 'suffix-match', 'null-origin', 'http-origin', 'third-party-hosting'])
			expect(byId(r, id)).toMatchObject({ status: 'covered', coveredBy: 'reflect-any-origin', found: false });
	});
	test('without credentials an origin class is one level lower', async () => {
		const s = await listen((req, res) => {
			res.setHeader('Vary', 'Origin');
			if (req.headers.origin) res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
			res.end('ok');
		});
		const r = await runAudit([site], networkResponder(s.url));
		await s.close();
		expect(found(r)).toEqual(['reflect-any-origin']);
		expect(byId(r, 'reflect-any-origin')?.severity).toBe('medium');
		expect(byId(r, 'reflect-any-origin')?.evidence[0]?.credentials).toBe(false);
	});
	test('substring match explains the prefix, suffix, subdomain and http origins it also admits', async () => {
		const r = await auditServer(BROKEN['substring-match'] as never);
		expect(byId(r, 'prefix-match')).toMatchObject({ status: 'covered', coveredBy: 'substring-match' });
		expect(byId(r, 'suffix-match')).toMatchObject({ status: 'covered', coveredBy: 'substring-match' });
		expect(byId(r, 'http-origin')).toMatchObject({ status: 'covered', coveredBy: 'substring-match' });
	});
	test('Max-Age: what each browser keeps, from the browser profiles', async () => {
		const r = await auditServer(BROKEN['max-age-above-caps'] as never);
		const f = byId(r, 'max-age-above-caps');
		expect(f?.severity).toBe('info');
		expect(f?.note).toContain('Chromium keeps 7200 s');
		expect(f?.note).toContain('Firefox keeps 86400 s');
		expect(f?.note).toContain('Safari keeps 600 s');
		expect(f?.evidence[0]).toMatchObject({ method: 'OPTIONS', maxAge: '31536000' });
	});
	test('Max-Age 7200 (Chromium\'s cap) is not a finding; that Safari keeps 600 s is noted', async () => {
		const f = byId(await auditServer(CORRECT['the cors package with an allowlist'] as never), 'max-age-above-caps');
		expect(f?.status).toBe('not-found');
		expect(f?.note).toBe('Access-Control-Max-Age 7200 (Safari keeps 600 s)');
	});
	test('the probes carry --method and --header values; the preflight asks for the method', async () => {
		const seen: { method: string; headers: Record<string, unknown> }[] = [];
		const s = await listen((req, res) => {
			seen.push({ method: req.method ?? '', headers: req.headers });
			res.end('ok');
		});
		await runAudit([site], networkResponder(s.url), { method: 'DELETE', headers: [['Cookie', 'session=1']] });
		await s.close();
		expect(seen.filter((x) => x.method === 'DELETE').every((x) => x.headers.cookie === 'session=1')).toBe(true);
		const pre = seen.filter((x) => x.method === 'OPTIONS');
		expect(pre).toHaveLength(1);
		expect(pre[0]?.headers['access-control-request-method']).toBe('DELETE');
		expect(pre[0]?.headers.cookie).toBeUndefined();
	});
});

describe('correct servers: no false positives', () => {
	test.each(Object.keys(CORRECT))('%s', async (name) => {
		const r = await auditServer(CORRECT[name] as Parameters<typeof listen>[0]);
		expect(found(r)).toEqual([]);
		expect(r.classes.filter((c) => c.status === 'covered')).toEqual([]);
		expect(r.failures).toBe(0);
	});
});

test('an unreachable server: every class is not-tested, every request failed', async () => {
	const port = await freePort();
	const r = await runAudit([site], networkResponder(`http://127.0.0.1:${port}/`, { timeoutMs: 2000 }));
	expect(r.failures).toBe(r.requests);
	expect(found(r)).toEqual([]);
	expect(r.classes.every((c) => c.status === 'not-tested')).toBe(true);
	expect(r.baseline[0]?.error).toContain('connection refused');
});
