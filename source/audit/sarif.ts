// `audit --sarif`: the findings as SARIF 2.1.0, the format code-scanning services read
// (GitHub code scanning, GitLab, Azure DevOps). One rule per class; one result per class
// found (covered ones are left out, as in the exit code). A policy file's finding points at
// the line of the field to change; a URL's at the URL.

import { type ClassId, type Severity } from './classes.js';
import { describeExchange, type AuditReport } from './render.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub's security-severity scale: ≥ 7 high, ≥ 4 medium, > 0 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.1', medium: '5.3', low: '3.1', info: '0.0' };

/** The policy field each class is fixed in. */
const FIELD: Partial<Record<ClassId, string>> = { 'wildcard-credentials': 'credentials', 'missing-vary': 'vary', 'max-age-above-caps': 'maxAge' };

/** The 1-based line of `"field":` in the policy text, else of "origins", else 1. */
export function fieldLine(text: string, field: string): number {
	for (const f of [field, 'origins']) {
		const at = text.search(new RegExp(`"${f}"\\s*:`));
		if (at >= 0) return text.slice(0, at).split('\n').length;
	}
	return 1;
}

export function auditSarif(r: AuditReport, version: string, policyText?: string) {
	const rules = r.classes.map((c) => ({
		id: c.id,
		name: c.id.replace(/(^|-)(\w)/g, (_, __, ch: string) => ch.toUpperCase()),
		shortDescription: { text: c.title },
		fullDescription: { text: c.impact },
		help: { text: c.fix },
		defaultConfiguration: { level: LEVEL[c.severity] },
		properties: { tags: ['security', 'cors'], 'security-severity': SECURITY_SEVERITY[c.severity] },
	}));
	// A pattern has no file of its own: its results carry no location.
	const locations = (id: ClassId) =>
		r.target.kind === 'policy'
			? [{ physicalLocation: { artifactLocation: { uri: r.target.file.split('\\').join('/') }, region: { startLine: fieldLine(policyText ?? '', FIELD[id] ?? 'origins') } } }]
			: r.target.kind === 'url'
				? [{ physicalLocation: { artifactLocation: { uri: r.target.url } } }]
				: [];
	const results = r.classes
		.filter((c) => c.status === 'found')
		.map((c) => {
			const change = r.target.kind === 'policy' ? r.changes[c.id] : undefined;
			const shown = c.evidence.filter((e) => e.admitted || c.id === 'missing-vary' || c.id === 'max-age-above-caps').slice(0, 3);
			const text = [`${c.title} (${c.severity}).`, c.impact, `Fix: ${change ? `${change}.` : c.fix}`, ...shown.map((e) => `Seen: ${describeExchange(e)}.`)].join(' ');
			return {
				ruleId: c.id,
				ruleIndex: rules.findIndex((x) => x.id === c.id),
				level: LEVEL[c.severity],
				message: { text },
				locations: locations(c.id),
				properties: { 'security-severity': SECURITY_SEVERITY[c.severity] },
			};
		});
	return {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [{ tool: { driver: { name: 'cors-tutor', version, informationUri: 'https://www.npmjs.com/package/cors-tutor', rules } }, results }],
	};
}
