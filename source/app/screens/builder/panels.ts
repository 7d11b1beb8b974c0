// The builder's panels as text lines: the preview of the policy's answers to the sample
// request, the lint findings and the generated configuration. Pure: the screen windows them.

import type { Finding } from '../../../policy/lint.js';
import type { GeneratedView, Preview, Sample } from './state.js';

const headerLines = (hs: readonly (readonly [string, string])[], indent = '  '): string[] => hs.map(([k, v]) => `${indent}${k}: ${v}`);

export function previewLines(sample: Sample, p: Preview): string[] {
	const out: string[] = [];
	out.push(`Page ${sample.origin} sends ${sample.method}${sample.headers.length ? ` with ${sample.headers.join(', ')}` : ''}`);
	out.push(`Preflight${p.needsPreflight ? '' : ' (not sent: a simple request; shown for reference)'}: OPTIONS with ${p.preflightRequest.filter(([k]) => k !== 'Origin').map(([k, v]) => `${k}: ${v}`).join(' · ')}`);
	out.push(`  → ${p.preflight.status ?? ''}${p.preflight.headers.length ? '' : ' (no CORS headers)'}`);
	out.push(...headerLines(p.preflight.headers, '    '));
	for (const n of p.preflight.notes) out.push(`    (${n})`);
	out.push(`Actual ${sample.method}: the application's answer, plus${p.actual.headers.length ? '' : ' no CORS headers'}`);
	out.push(...headerLines(p.actual.headers, '    '));
	for (const n of p.actual.notes) out.push(`    (${n})`);
	return out;
}

const MARK = { error: '✗ error', warning: '! warning', info: 'i info' } as const;

export function lintLines(findings: readonly Finding[]): string[] {
	if (findings.length === 0) return ['No findings: nothing wrong or risky that the lint knows of.'];
	return findings.flatMap((f) => [`${MARK[f.severity]}: ${f.message}`, `    fix: ${f.fix}`]);
}

export function lintSummary(findings: readonly Finding[]): string {
	if (findings.length === 0) return 'Lint: ok';
	const n = (sev: Finding['severity']) => findings.filter((f) => f.severity === sev).length;
	const parts = [n('error') ? `${n('error')} error${n('error') > 1 ? 's' : ''}` : '', n('warning') ? `${n('warning')} warning${n('warning') > 1 ? 's' : ''}` : '', n('info') ? `${n('info')} info` : ''].filter(Boolean);
	return `Lint: ${parts.join(', ')}`;
}

export function configLines(g: GeneratedView): string[] {
	if (!g.ok) return [`${g.id}: cannot generate this policy: ${g.error}`];
	return [`${g.name} → ${g.fileName} (g saves it; c prints it in full above, to copy)`, ...g.warnings.map((w) => `warning: ${w}`), '', ...g.text.replace(/\n$/, '').split('\n')];
}
