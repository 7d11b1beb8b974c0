// Auditing a policy file: which site origins to derive the crafted origins from, and for each
// finding the change to the policy that removes it (the same changes the lint proposes).

import { type Policy, matchesRule } from '../policy/model.js';
import type { ClassResult } from './engine.js';
import { type Site, siteOf } from './origins.js';

export const ASSUMED_SITE = 'https://app.example.com';

/**
 * The origins a policy is written for: its exact https origins (its http ones when it has no
 * https); failing those, a www. host under each pattern (whose suffix is then the domain, so
 * the pattern's own breadth is judged as any-subdomain, not as a suffix match); failing
 * those ("*", "reflect", []), ASSUMED_SITE.
 */
export function policySites(p: Policy): { sites: Site[]; assumed: boolean } {
	const list = typeof p.origins === 'string' ? [] : p.origins;
	const exact = list.flatMap((r) => (r.kind === 'exact' && r.origin !== 'null' ? [r.origin] : []));
	const https = exact.filter((o) => o.startsWith('https://'));
	const fromPatterns = list.flatMap((r) => (r.kind === 'subdomains' ? [siteOf(`${r.scheme}://www.${r.suffix}${r.port ? `:${r.port}` : ''}`, r.suffix)] : []));
	const sites = (exact.length ? (https.length ? https : exact).map((o) => siteOf(o)) : fromPatterns).filter((s): s is Site => s !== null);
	return sites.length ? { sites, assumed: false } : { sites: [siteOf(ASSUMED_SITE) as Site], assumed: true };
}

/** The edit to the policy file that removes this finding, in the policy's own words. */
export function policyChange(p: Policy, c: ClassResult, sites: readonly string[]): string | null {
	if (!c.found) return null;
	const exact = JSON.stringify(sites.filter((s) => s.startsWith('https://')).length ? sites.filter((s) => s.startsWith('https://')) : sites);
	switch (c.id) {
		case 'wildcard-credentials':
			return `"credentials": false if the data is public; otherwise "origins": ${exact} instead of "*"`;
		case 'missing-vary':
			return '"vary": true';
		case 'max-age-above-caps':
			return '"maxAge": 7200';
	}
	if (p.origins === 'reflect') return `"origins": ${exact} instead of "reflect"`;
	if (typeof p.origins === 'string') return null;
	const admitted = c.evidence.filter((e) => e.admitted).map((e) => e.origin);
	const culprits = p.origins.filter((r) => admitted.some((o) => matchesRule(r, o)));
	const edits = culprits.map((r) => {
		if (r.kind === 'exact') return r.origin === 'null' ? 'remove "null"' : r.origin.startsWith('http://') ? `replace "${r.origin}" with "${r.origin.replace(/^http:/, 'https:')}"` : `remove "${r.origin}"`;
		const eg = r.suffix.includes('.') ? ` (e.g. "${r.scheme}://www.${r.suffix}${r.port ? `:${r.port}` : ''}")` : '';
		return `replace "${r.text}" with the exact origins you use${eg}`;
	});
	return edits.length ? `in "origins": ${edits.join('; ')}` : null;
}
