// `cors-tutor har` as text: one line per cross-origin fetch (the verdict), then, for each
// different failure, how the entry was read and the whole check report (exchanges, console
// message, cause and fix). Fetches that fail the same way (polling) are reported once.

import { curlSummary, renderCurlSummary } from '../check/curl-summary.js';
import { STAGE, renderCheckText } from '../check/render.js';
import type { Style } from '../render/color.js';
import { escapeControl } from '../render/escape.js';
import { wrap } from '../render/text.js';
import type { HarResult } from './replay.js';

export type HarVerdict = 'allowed' | 'blocked' | 'not-judged';

export const verdictOf = (r: HarResult): HarVerdict => (r.report.verdict === 'network-error' ? 'not-judged' : r.report.verdict);

/** What the line says after the URL. */
export function outcomeText(r: HarResult): string {
	const { report } = r;
	// The reason up to its parenthesis: "no preflight recorded for <url>".
	if (report.verdict === 'network-error') return `not judged: ${(report.networkError?.message ?? 'an answer is missing from the file').replace(/ \(.*$/, '').replace(/ for \S+$/, '')}`;
	if (report.verdict === 'allowed') return `allowed${report.response ? ` (status ${report.response.status})` : ''}`;
	const f = report.failure;
	const where = f ? STAGE[f.stage] : '';
	return `blocked ${where}: ${f?.code ?? 'unknown'}${f?.status ? ` (status ${f.status})` : ''}`;
}

/** The read-back of the entry, for the summary block and for --json. */
export function readOf(r: HarResult, flags: { credentials?: string; browser?: string }) {
	const p = r.fetch.page;
	const cookie = p.cookies.length ? p.cookies.join('; ') : undefined;
	return curlSummary(
		{
			headers: p.headers,
			browserHeaders: p.browserHeaders,
			notes: [...p.notes, ...(r.fetch.partial ? ['The file keeps only some headers of this failed request (Playwright, for one, records failed requests that way), so the headers the page set are unknown.'] : []), ...r.notes],
			...(p.origin ? { origin: p.origin } : {}),
			...(cookie ? { cookie } : {}),
			...(p.mode && 'fetch' in p.mode ? { mode: p.mode.fetch } : {}),
			...(p.browser ? { browser: p.browser } : {}),
		},
		{ origin: r.fetch.origin, credentials: r.credentials, mode: 'cors', browser: r.browser, flags },
	);
}

/** Said once above the list when a fetch's credentials mode was guessed from the absence of cookies. */
export function sanitizedNote(results: readonly HarResult[], flags: { credentials?: string }): string | null {
	if (flags.credentials || !results.some((r) => r.fetch.page.cookies.length === 0)) return null;
	return 'Fetches without a Cookie header are taken as credentials "same-origin". If the page uses credentials: "include" (Chrome\'s default, sanitized export leaves cookies out), add --credentials include.';
}

/** The `cors-tutor check` command that sends this fetch to the server now. */
export function checkCommand(r: HarResult): string {
	const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
	const f = r.report.fetch;
	const parts = ['cors-tutor check', q(r.report.url), '--origin', q(r.report.origin)];
	if (f.method !== 'GET') parts.push('-X', q(f.method));
	for (const [k, v] of f.headers) parts.push('-H', q(`${k}: ${v}`));
	if (f.body !== null) parts.push('--body', q(f.body));
	if (f.credentials !== 'same-origin') parts.push('--credentials', f.credentials);
	if (r.browser !== 'chromium') parts.push('--browser', r.browser);
	return escapeControl(parts.join(' '), true);
}

/** Results that fail (or are not judged) the same way: method, URL and outcome. */
export function groups(results: readonly HarResult[]): HarResult[][] {
	const by = new Map<string, HarResult[]>();
	for (const r of results) {
		const key = JSON.stringify([r.fetch.entry.method, r.fetch.entry.url, outcomeText(r)]);
		by.set(key, [...(by.get(key) ?? []), r]);
	}
	return [...by.values()];
}

export interface HarTextOptions {
	readonly style: Style;
	readonly width: number;
	/** Details for allowed fetches too. */
	readonly all?: boolean;
	readonly flags: { credentials?: string; browser?: string };
}

export function renderHarText(file: string, requests: number, results: readonly HarResult[], o: HarTextOptions): string {
	const c = o.style;
	const count = (v: HarVerdict) => results.filter((r) => verdictOf(r) === v).length;
	const out: string[] = [];
	const head = `${escapeControl(file, true)}: ${requests} request${requests === 1 ? '' : 's'}, ${results.length} cross-origin fetch${results.length === 1 ? '' : 'es'} (CORS)`;
	if (results.length === 0) {
		out.push(head);
		out.push(wrap('  No request here has an Origin header naming another origin than its URL in mode "cors", so CORS decided nothing. Save the HAR with the failing request in it (DevTools: Network panel, reproduce the error, then "Export HAR").', o.width, 2));
		return out.join('\n');
	}
	out.push(`${head}: ${c.red(`${count('blocked')} blocked`)}, ${c.green(`${count('allowed')} allowed`)}${count('not-judged') ? `, ${c.yellow(`${count('not-judged')} not judged`)}` : ''}`);
	const note = sanitizedNote(results, o.flags);
	if (note) out.push(wrap(c.dim(note), o.width, 0));
	out.push('');
	const mark = { blocked: c.red('✗'), allowed: c.green('✓'), 'not-judged': c.yellow('?') } as const;
	const width = Math.max(...results.map((r) => `entries[${r.fetch.entry.index}]`.length));
	for (const r of results) {
		const e = r.fetch.entry;
		const line = `  ${mark[verdictOf(r)]} ${`entries[${e.index}]`.padEnd(width)}  ${escapeControl(e.method, true)} ${escapeControl(e.url, true)}  ${c.dim(escapeControl(outcomeText(r), true))}`;
		out.push(wrap(line, o.width, width + 6));
	}
	for (const g of groups(results)) {
		const first = g[0] as HarResult;
		if (verdictOf(first) === 'allowed' && !o.all) continue;
		const e = first.fetch.entry;
		const also = g.length > 1 ? `  ${c.dim(`(the same for ${g.slice(1).map((r) => `entries[${r.fetch.entry.index}]`).join(', ')})`)}` : '';
		out.push('', c.bold(`── entries[${e.index}]: ${escapeControl(e.method, true)} ${escapeControl(e.url, true)}`) + also, '');
		out.push(renderCurlSummary(readOf(first, o.flags), { style: c, width: o.width, title: 'Read from the HAR entry' }), '');
		out.push(renderCheckText(first.report, { style: c, width: o.width, recorded: true }));
		if (verdictOf(first) === 'not-judged') out.push('', wrap(`Ask the server instead: ${c.bold(checkCommand(first))}`, o.width, 2));
	}
	return out.join('\n');
}
