// A scenario run as text a learner can follow: per fetch step, who sent what to whom, the
// decision and the rule behind it, and what the page and its console got.

import type { ScenarioRun } from '../core/run-scenario.js';
import type { Scenario } from '../core/scenario.js';
import type { HeaderList } from '../core/headers.js';
import type { FetchInit } from '../core/request.js';
import { type TraceEvent, lanesOf } from '../core/trace.js';
import type { Style } from './color.js';

export interface TextOptions {
	readonly style: Style;
	/** Show every request header, including the browser's routine ones. */
	readonly allHeaders?: boolean;
	/** Wrap lines to this many columns (continuations stay in the message column); none if absent. */
	readonly width?: number;
}

/** Headers every request carries that say nothing about CORS. */
const ROUTINE = ['host', 'user-agent', 'accept-encoding', 'accept-language', 'connection', 'priority', 'referer', 'content-length', 'sec-fetch-mode'];

const REASONS: Record<number, string> = {
	200: 'OK', 201: 'Created', 204: 'No Content', 206: 'Partial Content', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other',
	304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
	404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
};

const LANE_NAMES = { page: 'page', browser: 'browser', cache: 'cache', server: 'server' } as const;

export function renderRunText(s: Scenario, run: ScenarioRun, o: TextOptions): string {
	const { style: c } = o;
	const out: string[] = [];
	out.push(c.bold(`━━ ${s.id}${s.title ? ` · ${s.title}` : ''}`));
	out.push(c.dim(`   page ${s.page} · ${run.browser.name} ${run.browser.version} (${run.browser.evidence.split(':')[0]})`));
	const startOf = new Map(run.steps.map((st) => [st.step, st.startedAt]));
	let waited = 0;
	s.steps.forEach((st, i) => {
		out.push('');
		if ('wait_ms' in st) {
			waited += st.wait_ms;
			out.push(`${c.bold(`Step ${i}`)}  wait ${st.wait_ms} ms on the virtual clock`);
			return;
		}
		out.push(`${c.bold(`Step ${i}`)}  ${fetchCall(st.fetch)}  ${c.dim(`t=${startOf.get(i) ?? waited} ms`)}`);
		const events = run.trace.filter((x) => x.step === i);
		for (const e of events) out.push(...renderEvent(e, o));
		const result = events.find((e) => e.type === 'result');
		if (result)
			out.push(result.outcome === 'ok'
				? c.green(`  ⇒ allowed: status ${result.status}, response type "${result.responseType}"${result.responseType === 'opaque' ? '' : `, readable headers: ${result.visibleHeaders.join(', ') || 'none'}`}`)
				: c.red('  ⇒ blocked: the page gets a network error'));
	});
	return o.width ? out.flatMap((l) => l.split('\n')).map((l) => wrap(l, o.width as number)).join('\n') : out.join('\n');
}

/** A fetch() call as the page would write it, with only the options that differ from the defaults. */
export function fetchCall(f: Omit<FetchInit, 'mode' | 'credentials'> & { readonly mode: string; readonly credentials: string }): string {
	const opts = [
		f.method !== 'GET' ? `method: "${f.method}"` : null,
		f.headers.length ? `headers: {${f.headers.map(([k, v]) => `"${k}": ${JSON.stringify(v)}`).join(', ')}}` : null,
		f.body !== null ? `body: ${JSON.stringify(f.body)}` : null,
		f.mode !== 'cors' ? `mode: "${f.mode}"` : null,
		f.credentials !== 'same-origin' ? `credentials: "${f.credentials}"` : null,
	].filter(Boolean);
	return `fetch("${f.url}"${opts.length ? `, { ${opts.join(', ')} }` : ''})`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are measured out
const visible = (s: string): number => s.replace(/\u001b\[[0-9;]*m/g, '').length;

/** Word-wrap one line; continuation lines start in the message column. */
export function wrap(line: string, width: number, hangIndent?: number): string {
	if (visible(line) <= width) return line;
	const lead = /^ */.exec(line)?.[0].length ?? 0;
	const hang = ' '.repeat(hangIndent ?? (lead >= indent.length ? lead : indent.length));
	const words = line.slice(lead).split(' ');
	const lines: string[] = [];
	let cur = line.slice(0, lead);
	for (const w of words) {
		const start = cur.trim() === '';
		if (!start && visible(cur) + 1 + visible(w) > width) {
			lines.push(cur);
			cur = hang + w;
		} else cur += start ? w : ` ${w}`;
	}
	lines.push(cur);
	return lines.join('\n');
}

/** The lane column of a trace line: "browser → server" and so on, padded. */
export function lane(e: TraceEvent): string {
	const [from, to] = lanesOf(e);
	const s = from === to ? LANE_NAMES[from] : `${LANE_NAMES[from]} → ${LANE_NAMES[to]}`;
	return `  ${s.padEnd(17)}`;
}

const indent = ' '.repeat(21);

function headerLines(list: HeaderList, o: TextOptions, request: boolean): string[] {
	return list
		.filter(([k, v]) => o.allHeaders || !request || !(ROUTINE.includes(k.toLowerCase()) || (k.toLowerCase() === 'accept' && v === '*/*')))
		.map(([k, v]) => `${indent}${o.style.dim(`${k}: ${v}`)}`);
}

export function renderEvent(e: TraceEvent, o: TextOptions): string[] {
	const c = o.style;
	const src = (r: { source: string }) => c.dim(`  [${r.source}]`);
	switch (e.type) {
		case 'fetch':
			return [`${lane(e)}fetch ${e.method} ${e.url} (mode ${e.mode}, credentials ${e.credentials})`];
		case 'decision':
			return [`${lane(e)}${e.text}${src(e.rule)}`];
		case 'check':
			return [`${lane(e)}${e.ok ? c.green('✓') : c.red('✗')} ${e.name}: ${e.text}${src(e.rule)}`];
		case 'cache-lookup':
			return [`${lane(e)}lookup → ${e.hit ? c.green('hit') : c.yellow('miss')}: ${e.text}${src(e.rule)}`];
		case 'cache-store': {
			const x = e.entry;
			const items = [x.methods.length ? `methods [${x.methods.join(', ')}]` : null, x.headers.length ? `headers [${x.headers.join(', ')}]` : null].filter(Boolean).join(', ');
			return [`${lane(e)}store ${items || 'an entry with no methods or headers'} until t=${x.expiresAt} ms: ${e.text}${src(e.rule)}`];
		}
		case 'cache-remove':
			return [`${lane(e)}remove ${e.key}: ${e.text}${src(e.rule)}`];
		case 'request':
			return [`${lane(e)}${c.cyan(`${e.purpose === 'preflight' ? 'preflight ' : ''}${e.method} ${e.url}`)}`, ...headerLines(e.headers, o, true)];
		case 'response':
			return [`${lane(e)}${c.cyan(`${e.status} ${REASONS[e.status] ?? ''}`.trim())}`, ...headerLines(e.headers, o, false)];
		case 'redirect':
			return [`${lane(e)}${e.text}${src(e.rule)}`];
		case 'blocked':
			return [`${lane(e)}${c.red(e.text)}${src(e.rule)}`];
		case 'console':
			return [`${lane(e)}${c.magenta('console error:')} ${e.text.replace(/\n/g, `\n${indent}`)}`];
		case 'thrown':
			return [`${lane(e)}fetch() rejects with ${e.text}`];
		case 'result':
			return [];
	}
}
