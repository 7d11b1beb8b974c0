// An audit as text for people and as JSON for pipelines. Everything the server sent passes
// through escapeControl before it is printed.

import type { Style } from '../render/color.js';
import { escapeControl } from '../render/escape.js';
import { wrap } from '../render/text.js';
import { type Severity, SEVERITIES, atLeast } from './classes.js';
import type { AuditResult, ClassResult, Evidence } from './engine.js';

export type AuditTarget =
	| { readonly kind: 'url'; readonly url: string; readonly method: string }
	| { readonly kind: 'policy'; readonly file: string }
	| { readonly kind: 'pattern'; readonly pattern: string; readonly credentials: boolean };

export interface AuditReport extends AuditResult {
	readonly target: AuditTarget;
	/** Where the site origins came from. */
	readonly siteFrom: 'flag' | 'url' | 'policy' | 'assumed';
	readonly failOn: Severity;
	/** Policy audits: the edit that removes each finding. */
	readonly changes: Readonly<Partial<Record<string, string>>>;
}

const failing = (r: AuditReport) => r.classes.filter((c) => c.found && atLeast(c.severity, r.failOn));

export const exitCodeOf = (r: AuditReport): number => (failing(r).length ? 1 : 0);

const safe = (s: string | null) => (s === null ? null : escapeControl(s, true));
const cleanEvidence = (e: Evidence): Evidence => ({ ...e, allowOrigin: safe(e.allowOrigin), allowCredentials: safe(e.allowCredentials), vary: safe(e.vary), maxAge: safe(e.maxAge) });

/** The --json document (documented in the README and --help). */
export function auditJson(r: AuditReport) {
	return {
		target: r.target,
		sites: r.sites,
		siteFrom: r.siteFrom,
		failOn: r.failOn,
		failed: failing(r).length > 0,
		counts: r.counts,
		requests: r.requests,
		failures: r.failures,
		baseline: r.baseline.map(cleanEvidence),
		classes: r.classes.map((c) => ({
			id: c.id, title: c.title, severity: c.severity, found: c.found, status: c.status, coveredBy: c.coveredBy, note: c.note,
			evidence: c.evidence.map(cleanEvidence), impact: c.impact, fix: c.fix, ...(r.target.kind === 'policy' ? { policyChange: r.changes[c.id] ?? null } : {}),
		})),
	};
}

/** "Origin: X → Access-Control-Allow-Origin: Y, credentials allowed" for one exchange. */
export function describeExchange(e: Evidence): string {
	const sent = `${e.method === 'OPTIONS' ? 'preflight, ' : ''}Origin: ${e.origin}`;
	if (e.error) return `${sent} → failed: ${escapeControl(e.error, true)}`;
	const acao = e.allowOrigin === null ? 'no Access-Control-Allow-Origin' : `Access-Control-Allow-Origin: ${safe(e.allowOrigin)}`;
	const creds = e.credentials ? ', credentials allowed' : e.allowCredentials !== null ? `, Access-Control-Allow-Credentials: ${safe(e.allowCredentials)}` : '';
	const extra = [e.maxAge !== null ? `Access-Control-Max-Age: ${safe(e.maxAge)}` : null, e.vary !== null ? `Vary: ${safe(e.vary)}` : e.allowOrigin !== null && e.allowOrigin !== '*' ? 'no Vary' : null].filter(Boolean);
	return `${sent} → ${e.status}, ${acao}${creds}${extra.length ? `; ${extra.join(', ')}` : ''}`;
}

const LABEL: Record<Severity, (c: Style, s: string) => string> = {
	high: (c, s) => c.bold(c.red(s)), medium: (c, s) => c.yellow(s), low: (c, s) => c.cyan(s), info: (c, s) => c.dim(s),
};

export function renderAudit(r: AuditReport, c: Style, width = 100): string {
	const out: string[] = [];
	const para = (s: string, indent: string, hang = indent.length) => out.push(wrap(`${indent}${s}`, width, hang));
	const t = r.target;
	out.push(c.bold(t.kind === 'url' ? `CORS audit of ${t.url} (${t.method})` : t.kind === 'policy' ? `CORS audit of the policy ${t.file} (offline, nothing is sent)` : `CORS audit of the origin pattern ${escapeControl(t.pattern, true)} (offline, nothing is sent)`));
	if (t.kind === 'pattern') para(`A server that trusts every Origin this pattern matches (searched, as JavaScript's test() and nginx's ~ do), ${t.credentials ? 'with Access-Control-Allow-Credentials: true (--no-credentials if it sends none)' : 'without credentials'}.`, '  ');
	const from = { flag: 'from --origin', url: 'derived from the URL; pass --origin with your front-end\'s origin if this is an API host', policy: 'from the policy\'s origins', assumed: 'assumed: the policy names no origin; pass --origin to use yours' }[r.siteFrom];
	para(`Site origin${r.sites.length === 1 ? '' : 's'}: ${r.sites.join(', ')} (${from})`, '  ');
	para(`${r.requests} ${t.kind === 'url' ? 'requests' : t.kind === 'policy' ? 'requests answered by the policy model' : 'requests answered by the pattern'}${r.failures ? `, ${r.failures} failed` : ''}. Your own origin gets:`, '  ');
	for (const e of r.baseline) out.push(wrap(`    ${describeExchange(e)}`, width, 6));

	const found = r.classes.filter((x) => x.found).sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
	out.push('');
	if (!found.length) out.push(c.green('No misconfiguration found.'));
	for (const f of found) {
		out.push(`${LABEL[f.severity](c, f.severity.toUpperCase().padEnd(7))} ${c.bold(f.title)}  ${c.dim(`[${f.id}]`)}`);
		const shown = f.evidence.filter((e) => e.admitted || f.id !== 'max-age-above-caps' || e.maxAge !== null);
		const hits = shown.filter((e) => e.admitted || f.id === 'wildcard-credentials');
		for (const e of (hits.length ? hits : shown).slice(0, 3)) out.push(wrap(`        ${describeExchange(e)}`, width, 10));
		if (hits.length > 3) out.push(`        … and ${hits.length - 3} more`);
		if (f.id === 'max-age-above-caps') para(f.note, '        ');
		para(`Impact: ${f.impact}`, '        ', 16);
		para(`Fix: ${f.fix}`, '        ', 13);
		const change = r.changes[f.id];
		if (change) para(`In the policy: ${c.green(change)}`, '        ', 23);
		out.push('');
	}
	if (!found.length) out.push('');

	out.push(c.bold(`Every class checked (${r.classes.length}):`));
	const mark = (x: ClassResult) =>
		x.found ? LABEL[x.severity](c, '✗') : x.status === 'covered' ? c.yellow('↑') : x.status === 'not-found' ? c.green('✓') : c.dim('–');
	const w = Math.max(...r.classes.map((x) => x.id.length)) + 2;
	for (const x of r.classes) {
		const what = x.found ? `${x.severity}: ${x.note}` : x.status === 'covered' ? `also admitted, explained by ${x.coveredBy}` : x.status === 'not-found' ? x.note : `${x.status}: ${x.note}`;
		para(`${mark(x)} ${x.id.padEnd(w)}${what}`, '  ', w + 4);
	}
	out.push('');
	const counts = SEVERITIES.map((s) => `${r.counts[s]} ${s}`).join(', ');
	const fails = failing(r).length;
	out.push(`${c.bold('Result:')} ${counts}. ${fails ? c.red(`${fails} at or above --fail-on ${r.failOn}: exit 1.`) : c.green(`Nothing at or above --fail-on ${r.failOn}.`)}`);
	const credentials = [...r.baseline, ...found.flatMap((f) => f.evidence)].some((e) => e.credentials);
	if (found.length && t.kind === 'url')
		para(`Next: write the policy you intend in a file (e.g. {"origins": ${JSON.stringify(r.sites)}${credentials ? ', "credentials": true' : ''}}), audit it with ${c.cyan('cors-tutor audit policy.json')}, then get your server's configuration with ${c.cyan('cors-tutor generate --policy policy.json --target <server>')} (or build it interactively: ${c.cyan('cors-tutor build policy.json')}).`, '', 6);
	if (found.length && t.kind === 'policy')
		para(`Next: edit ${t.file} as shown, re-run this audit, then ${c.cyan(`cors-tutor generate --policy ${t.file} --target <server>`)}.`, '', 6);
	if (found.length && t.kind === 'pattern')
		para(`Next: compare with an exact list of origins instead (a policy file: ${c.cyan(`cors-tutor generate --policy policy.json --target <server>`)} writes the check for your server), or anchor the pattern at both ends and escape its dots, as in ^https://(www|app)\\.example\\.com$, and audit it again.`, '', 6);
	return out.join('\n');
}
