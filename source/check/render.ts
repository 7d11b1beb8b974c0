// A check as text: the fetch() call, the model's steps with every real exchange in place
// (the request lines sent, the status and header lines received, a body preview), the
// verdict, the console, and the cause and fix. Server text is escaped before it is styled.

import { getHeader } from '../core/headers.js';
import type { TraceEvent } from '../core/trace.js';
import { adviceSections, sectionsLayout } from '../explain/report.js';
import type { Style } from '../render/color.js';
import { escapeDeep } from '../render/escape.js';
import { fetchCall, lane, renderEvent, wrap } from '../render/text.js';
import type { CheckReport, ReportExchange } from './report.js';

export interface CheckTextOptions {
	readonly style: Style;
	readonly width: number;
	readonly allHeaders?: boolean;
	/** The answers come from a recording (a HAR file), not the network: a missing one is not a network error. */
	readonly recorded?: boolean;
}

const PREVIEW_CHARS = 160;
/** Where a fetch was blocked, as the verdict says it (check, har and the Debugger alike). */
export const STAGE = { request: 'before anything was sent', preflight: 'at the preflight', redirect: 'at a redirect', actual: 'at the response' } as const;
/** Trace events shown elsewhere (console, verdict) or that say nothing about one fresh fetch. */
const SKIPPED: readonly TraceEvent['type'][] = ['console', 'thrown', 'blocked', 'result', 'cache-lookup'];

function bodyLine(r: NonNullable<ReportExchange['response']>, c: Style): string | null {
	if (r.body === '') return null;
	const encoding = getHeader(r.headers, 'content-encoding');
	const size = `${r.truncated ? 'first ' : ''}${r.bytes} bytes${r.truncated ? ', the rest not read' : ''}`;
	if (encoding && encoding.toLowerCase() !== 'identity') return c.dim(`body: ${encoding}-encoded, ${size} (not decoded)`);
	const preview = r.body.length > PREVIEW_CHARS ? `${r.body.slice(0, PREVIEW_CHARS)}…` : r.body;
	return c.dim(`body (${size}): ${preview}`);
}

function exchangeLines(e: TraceEvent, x: ReportExchange | undefined, o: CheckTextOptions): string[] {
	const c = o.style;
	const indent = ' '.repeat(21);
	if (e.type === 'request') {
		// The lines actually sent (identical to the model's), with the wire's header spelling.
		return renderEvent(x ? { ...e, headers: x.request.headers } : e, o);
	}
	if (e.type === 'cache-store') return [`${lane(e)}would keep this preflight answer: ${e.text}${c.dim(`  [${e.rule.source}]`)}`];
	if (e.type !== 'response' || !x?.response) return renderEvent(e, o);
	const r = x.response;
	const head = `${lane(e)}${c.cyan(`${r.status} ${r.statusText}`.trim())}  ${c.dim(`${r.ms} ms`)}`;
	const body = bodyLine(r, c);
	// The header lines as received (duplicates, order and surrounding blanks kept).
	return [head, ...renderEvent({ ...e, headers: r.headers }, o).slice(1), ...(body ? [`${indent}${body}`] : [])];
}

function verdictLines(r: CheckReport, c: Style, recorded = false): string[] {
	if (r.verdict === 'network-error' && r.networkError && recorded) {
		return [c.yellow(c.bold('? Not judged: an answer the model needs is not in the recording')), `  ${r.networkError.message}.`];
	}
	if (r.verdict === 'network-error' && r.networkError) {
		return [
			c.yellow(c.bold(`! Network error: ${r.networkError.message}`)),
			`  Not a CORS verdict: ${r.networkError.url} gave no HTTP answer. A browser fails the same way (fetch() rejects with a TypeError and the console shows a net:: error, no CORS message).`,
			'  Check the URL, the port and https, and that the server is running and reachable from here.',
		];
	}
	if (r.verdict === 'allowed' && r.response) {
		const p = r.response;
		if (p.type === 'opaque') return [c.green(c.bold('✓ Sent, and the page gets an opaque response')), '  mode "no-cors": no CORS check, but the page sees status 0, no headers and no body. Use mode "cors" to read the response.'];
		const what = p.type === 'basic' ? 'same origin: no CORS involved' : `the page can read the status, the body and ${p.readableHeaders.length ? `these headers: ${p.readableHeaders.join(', ')}` : 'no response headers'}`;
		return [c.green(c.bold(`✓ Allowed: status ${p.status}, response type "${p.type}"`)), `  ${what}`];
	}
	const f = r.failure;
	if (!f) return [];
	if (r.thrownBeforeSending) return [c.red(c.bold(`✗ Blocked ${STAGE.request}: fetch() throws (${f.code})`))];
	return [c.red(c.bold(`✗ Blocked ${STAGE[f.stage]}: ${f.code}${f.status ? ` (status ${f.status})` : ''}`)), `  The page gets a network error; it cannot read the response${f.stage === 'actual' ? ', although the server handled the request' : ''}.`];
}

export function renderCheckText(raw: CheckReport, o: CheckTextOptions): string {
	const r = escapeDeep(raw);
	const c = o.style;
	const out: string[] = [];
	const para = (l: string) => out.push(wrap(l, o.width, 4));
	out.push(`${c.bold(`${r.browser.name} ${r.browser.version} · page origin ${r.origin}`)} ${c.dim(`(${r.browser.evidence})`)}`);
	para(fetchCall({ ...r.fetch, url: r.url }));
	for (const n of r.notes) para(c.yellow(`note: ${n}`));
	out.push('');
	let i = 0;
	for (const e of r.trace) {
		if (SKIPPED.includes(e.type)) continue;
		// The i-th request (and its response) of the trace is the i-th exchange.
		const x = r.exchanges[e.type === 'request' ? i : i - 1];
		if (e.type === 'request') i++;
		for (const l of exchangeLines(e, x, o)) out.push(wrap(l, o.width));
	}
	const failed = r.exchanges.at(-1)?.networkError;
	if (failed) out.push(wrap(`${' '.repeat(21)}${c.yellow(o.recorded ? 'no answer recorded' : `no answer: ${failed.message}`)}`, o.width));
	out.push('');
	for (const l of verdictLines(r, c, o.recorded)) para(l);
	if (r.console.length || r.rejection) {
		out.push('', c.bold(`What the page sees in ${r.browser.name}`));
		for (const line of r.console) para(`  ${c.magenta('console error:')} ${line}`);
		if (r.rejection) para(`  fetch() rejects with ${r.rejection}`);
	}
	if (r.fix) {
		const { fix } = r;
		const a = { explanation: fix.explanation, headers: { preflight: fix.preflightHeaders, actual: fix.responseHeaders }, steps: fix.steps, traps: fix.traps, sources: fix.sources, policy: null };
		const lesson = r.lesson ? { ref: r.lesson, open: r.lesson.open } : null;
		out.push(...sectionsLayout(adviceSections(a, { lesson }), { style: c, width: o.width }).lines);
	}
	return out.join('\n');
}
