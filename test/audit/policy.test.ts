// Auditing a policy offline: the same engine, answered by the policy model; verdicts agree
// with the lint, and every class is reported as checked even when the model cannot express it.
import { describe, expect, test } from 'vitest';
import { runAudit } from '../../source/audit/engine.js';
import { policyChange, policySites } from '../../source/audit/policy.js';
import { policyResponder } from '../../source/audit/responders.js';
import { lintPolicy } from '../../source/policy/lint.js';
import { parsePolicyText } from '../../source/policy/schema.js';

const parse = (json: object) => parsePolicyText(JSON.stringify(json), 'policy.json');

async function auditPolicy(json: object) {
	const p = parse(json);
	const { sites } = policySites(p);
	const r = await runAudit(sites, policyResponder(p));
	return { r, p, found: r.classes.filter((c) => c.found).map((c) => c.id), change: (id: string) => policyChange(p, r.classes.find((c) => c.id === id)!, r.sites) };
}

describe('bad policies: exactly their class, with the policy edit that removes it', () => {
	test.each([
		[{ origins: 'reflect', credentials: true }, 'reflect-any-origin', 'high', '"origins": ["https://app.example.com"] instead of "reflect"', 'reflect-any-origin-credentials'],
		[{ origins: ['https://app.example.com', 'null'], credentials: true }, 'null-origin', 'high', 'in "origins": remove "null"', 'null-origin'],
		[{ origins: ['https://app.example.com', 'http://app.example.com'], credentials: true }, 'http-origin', 'medium', 'in "origins": replace "http://app.example.com" with "https://app.example.com"', 'http-next-to-https'],
		[{ origins: ['https://app.example.com', 'https://*.example.com'] }, 'any-subdomain', 'low', 'in "origins": replace "https://*.example.com" with the exact origins you use (e.g. "https://www.example.com")', 'pattern-any-subdomain'],
		[{ origins: ['https://app.example.com', 'https://*.github.io'], credentials: true }, 'third-party-hosting', 'high', 'in "origins": replace "https://*.github.io" with the exact origins you use (e.g. "https://www.github.io")', 'pattern-shared-hosting'],
		[{ origins: '*', credentials: true }, 'wildcard-credentials', 'low', '"credentials": false if the data is public; otherwise "origins": ["https://app.example.com"] instead of "*"', 'wildcard-with-credentials'],
		[{ origins: ['https://app.example.com'], vary: false }, 'missing-vary', 'medium', '"vary": true', 'missing-vary-origin'],
		[{ origins: ['https://app.example.com'], maxAge: 31_536_000 }, 'max-age-above-caps', 'info', '"maxAge": 7200', 'max-age-above-chromium-cap'],
	])('%j → %s (%s)', async (json, id, severity, change, lintId) => {
		const a = await auditPolicy(json);
		expect(a.found).toEqual([id]);
		expect(a.r.classes.find((c) => c.id === id)?.severity).toBe(severity);
		expect(a.change(id)).toBe(change);
		// The lint flags the same policy for the same reason.
		expect(lintPolicy(a.p).map((f) => f.id)).toContain(lintId);
	});

	test('a pattern under a whole top-level domain admits any origin there', async () => {
		const a = await auditPolicy({ origins: ['https://*.com'], credentials: true });
		expect(a.found).toContain('reflect-any-origin');
		expect(a.change('reflect-any-origin')).toBe('in "origins": replace "https://*.com" with the exact origins you use');
	});
});

describe('good policies: nothing found, every class still checked', () => {
	test.each([
		[{ origins: ['https://app.example.com'], credentials: true, maxAge: 600 }],
		[{ origins: ['https://app.example.com', 'https://admin.example.com', 'http://localhost:3000'], credentials: true, maxAge: 7200 }],
		[{ origins: '*' }],
		[{ origins: [] }],
		[{ origins: ['https://me.github.io'], credentials: true }],
	])('%j', async (json) => {
		const a = await auditPolicy(json);
		expect(a.found).toEqual([]);
		expect(a.r.classes).toHaveLength(13);
		expect(a.r.classes.every((c) => c.status === 'not-found' || c.status === 'not-applicable')).toBe(true);
	});

	test('classes the policy model cannot express (unescaped dot, prefix, special characters) are checked, not skipped', async () => {
		const { r } = await auditPolicy({ origins: ['https://app.example.com'] });
		for (const id of ['unescaped-dot', 'prefix-match', 'suffix-match', 'substring-match', 'special-chars']) {
			const c = r.classes.find((x) => x.id === id);
			expect(c?.status).toBe('not-found');
			expect(c?.evidence.length).toBeGreaterThan(0);
			expect(c?.note).toMatch(/sent, none admitted/);
		}
	});
});

describe('which origins a policy is audited for', () => {
	const sites = (json: object) => policySites(parse(json));
	test('its https origins; http ones only when there is no https; never null', () => {
		expect(sites({ origins: ['https://a.example.com', 'http://localhost:3000', 'null'] })).toMatchObject({ assumed: false, sites: [{ origin: 'https://a.example.com' }] });
		expect(sites({ origins: ['http://localhost:3000'] }).sites.map((s) => s.origin)).toEqual(['http://localhost:3000']);
	});
	test('a www. host under a pattern, with the pattern as the domain', () => {
		expect(sites({ origins: ['https://*.example.com'] }).sites).toMatchObject([{ origin: 'https://www.example.com', domain: 'example.com' }]);
	});
	test('an assumed site for "*", "reflect" and []', () => {
		for (const origins of ['*', 'reflect', []]) expect(sites({ origins })).toMatchObject({ assumed: true, sites: [{ origin: 'https://app.example.com' }] });
	});
});
