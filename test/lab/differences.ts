// Where Chromium and Firefox disagree, recording by recording: the table in DIFFERENCES.md.
// Each difference is implemented in the core's profiles (source/core/profiles/); the
// conformance tests hold each profile to its own browser's recordings.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const FIELDS = ['preflight_sent', 'request_sent', 'outcome', 'status', 'type', 'visible_headers', 'console'] as const;

interface Obs {
	readonly step: number;
	readonly [k: string]: unknown;
}

export interface CorpusDir {
	readonly name: string;
	readonly scenarios: string;
	readonly chromium: string;
	readonly firefox: string;
}

const short = (v: unknown): string => {
	if (typeof v !== 'string') return JSON.stringify(v);
	const first = v.split('\n').map((l) => l.replace(/^(Access to fetch at '[^']*' (?:\(redirected from '[^']*'\) )?from origin '[^']*' has been blocked by CORS policy: |Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at \S+ )/, '…'));
	return JSON.stringify(first.join(' + ').slice(0, 90) + (first.join(' + ').length > 90 ? '…' : ''));
};

export function differencesTable(corpora: readonly CorpusDir[]): string {
	const rows: string[] = [];
	let total = 0;
	let differing = 0;
	for (const c of corpora) {
		for (const f of readdirSync(c.scenarios).filter((x) => x.endsWith('.json')).sort()) {
			const scenario = JSON.parse(readFileSync(join(c.scenarios, f), 'utf8')) as { id: string; title: string };
			const cr = JSON.parse(readFileSync(join(c.chromium, f), 'utf8')) as { observations: Obs[] };
			const ff = JSON.parse(readFileSync(join(c.firefox, f), 'utf8')) as { observations: Obs[] };
			for (const a of cr.observations) {
				total++;
				const b = ff.observations.find((o) => o.step === a.step);
				// Every failed fetch logs different text in the two browsers; only the rest is a difference in behaviour.
				const fields = FIELDS.filter((k) => k !== 'console' && JSON.stringify(a[k]) !== JSON.stringify(b?.[k]));
				const consoleOnly = fields.length === 0 && (a.console === null) !== (b?.console === null);
				if (fields.length === 0 && !consoleOnly) continue;
				differing++;
				const what = fields.length ? fields.map((k) => `${k}: ${short(a[k])} vs ${short(b?.[k])}`).join('; ') : `console: ${short(a.console)} vs ${short(b?.console)}`;
				rows.push(`| ${scenario.id.split('-')[0]} | \`${scenario.id}\`${cr.observations.length > 1 ? ` step ${a.step}` : ''} | ${scenario.title.replace(/\|/g, '\\|')} | ${what.replace(/\|/g, '\\|')} |`);
			}
		}
	}
	return [
		'# Chromium 156 and Firefox ESR 153: where they differ',
		'',
		'Generated from the recordings (`npm test` fails when this file is out of date; run',
		'`UPDATE_DIFFERENCES=1 npx vitest run test/conformance/differences.test.ts` to refresh it).',
		'Every row is a fetch step where the two browsers behaved differently in a scored field',
		'other than the console text (which always differs), or where only one of them logged an error.',
		'Each difference lives in the browser profiles (`source/core/profiles/`).',
		'',
		`${differing} of ${total} recorded fetch steps differ.`,
		'',
		'| category | scenario | what it exercises | Chromium vs Firefox |',
		'|---|---|---|---|',
		...rows,
		'',
	].join('\n');
}
