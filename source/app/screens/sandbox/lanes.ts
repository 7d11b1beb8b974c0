// Drawing the run: every item as lines of a three-lane diagram (Page/Browser, Preflight
// cache, Server) with arrows between the lanes and the headers under them, the sentence that
// explains the current item, and the cache panel. Pure text; the view only colours it.

import type { CacheEntryView, HeaderList, TraceEvent } from '../../../core/index.js';
import { getHeader } from '../../../core/index.js';
import { formatMs } from './model.js';
import type { Item } from './run.js';

export type Tone = 'plain' | 'dim' | 'ok' | 'bad' | 'wire' | 'cache' | 'clock' | 'page';

export interface Line {
	readonly text: string;
	readonly tone: Tone;
}

export interface Geometry {
	readonly width: number;
	readonly page: number;
	readonly cache: number;
	readonly server: number;
}

export function geometry(width: number): Geometry {
	const w = Math.max(30, width);
	return { width: w, page: 1, cache: Math.floor(w * 0.42), server: w - 2 };
}

/** Cut to n columns, marking the cut. */
export function fit(s: string, n: number): string {
	if (n <= 0) return '';
	return s.length > n ? `${s.slice(0, Math.max(0, n - 1))}…` : s;
}

function base(g: Geometry): string[] {
	const a = new Array<string>(g.width).fill(' ');
	a[g.page] = '│';
	a[g.cache] = '│';
	a[g.server] = '│';
	return a;
}

function put(a: string[], x: number, s: string): void {
	for (let i = 0; i < s.length && x + i < a.length; i++) if (x + i >= 0) a[x + i] = s[i] as string;
}

export function laneHeader(g: Geometry): string {
	const a = new Array<string>(g.width).fill(' ');
	put(a, 0, 'Page/Browser');
	const cache = g.width >= 64 ? 'Preflight cache' : 'Cache';
	put(a, Math.max(13, g.cache - Math.floor(cache.length / 2)), cache);
	put(a, g.width - 6, 'Server');
	return a.join('');
}

function arrow(g: Geometry, from: number, to: number, label: string): string {
	const a = base(g);
	const lo = Math.min(from, to);
	const hi = Math.max(from, to);
	for (let x = lo + 1; x < hi; x++) a[x] = x === g.cache ? '┼' : '─';
	a[from] = '●';
	a[to] = to > from ? '▶' : '◀';
	const room = hi - lo - 5;
	const text = ` ${fit(label, room)} `;
	put(a, lo + Math.max(2, Math.floor((hi - lo - text.length) / 2)), text);
	return a.join('');
}

// Notes in the page lane (decisions, checks, headers) run across the other lanes, so they
// are drawn without them: shorter lines are also less for Ink to lay out on every frame.
function self(g: Geometry, mark: string, text: string): string {
	return `${' '.repeat(g.page)}${mark} ${fit(text, g.width - g.page - 2)}`;
}

function sub(g: Geometry, text: string): string {
	return `${' '.repeat(g.page)}│  ${fit(text, g.width - g.page - 3)}`;
}

/** Headers every request carries that say nothing about CORS. */
const ROUTINE = ['host', 'user-agent', 'accept-encoding', 'accept-language', 'connection', 'priority', 'referer', 'content-length', 'sec-fetch-mode', 'sec-fetch-site', 'sec-fetch-dest'];
const shownRequestHeaders = (h: HeaderList) => h.filter(([k, v]) => !ROUTINE.includes(k.toLowerCase()) && !(k.toLowerCase() === 'accept' && v === '*/*'));

const REASONS: Record<number, string> = {
	200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 307: 'Temporary Redirect',
	308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error',
};

const entryWhat = (e: CacheEntryView): string => [e.methods.length ? e.methods.join(', ') : null, e.headers.length ? e.headers.join(', ') : null].filter(Boolean).join(' · ') || 'no methods or headers';

export function eventLines(e: TraceEvent, g: Geometry): Line[] {
	const l = (text: string, tone: Tone): Line => ({ text, tone });
	const headers = (h: HeaderList, tone: Tone = 'dim') => h.map(([k, v]) => l(sub(g, `${k}: ${v}`), tone));
	switch (e.type) {
		case 'fetch': {
			const opts = [e.mode !== 'cors' ? `mode ${e.mode}` : '', e.credentials !== 'same-origin' ? `credentials ${e.credentials}` : '', e.body !== null ? `body ${JSON.stringify(e.body)}` : ''].filter(Boolean);
			return [l(self(g, '▷', `fetch ${e.method} ${e.url}${opts.length ? ` · ${opts.join(' · ')}` : ''}`), 'page'), ...headers(e.headers)];
		}
		case 'decision':
			return [l(self(g, '◆', e.text), 'plain')];
		case 'check':
			return [l(self(g, e.ok ? '✓' : '✗', `${e.name}: ${e.text}`), e.ok ? 'ok' : 'bad')];
		case 'cache-lookup':
			return [l(arrow(g, g.page, g.cache, `lookup: ${e.hit ? 'hit' : 'miss'}`), 'cache')];
		case 'cache-store':
			return [l(arrow(g, g.page, g.cache, 'store'), 'cache'), l(sub(g, `${entryWhat(e.entry)} · until t = ${formatMs(e.entry.expiresAt)}`), 'cache')];
		case 'cache-remove':
			return [l(arrow(g, g.page, g.cache, 'remove'), 'cache')];
		case 'request':
			return [l(arrow(g, g.page, g.server, `${e.purpose === 'preflight' ? 'preflight ' : ''}${e.method} ${e.url}`), 'wire'), ...headers(shownRequestHeaders(e.headers))];
		case 'response':
			return [l(arrow(g, g.server, g.page, `${e.status} ${REASONS[e.status] ?? ''}`.trim()), 'wire'), ...headers(e.headers)];
		case 'redirect':
			return [l(self(g, '↪', e.text), 'plain')];
		case 'blocked':
			return [l(self(g, '✗', e.text), 'bad')];
		case 'console': {
			const [first = '', ...rest] = e.text.split('\n');
			return [l(self(g, '◀', `console: ${first}`), 'bad'), ...rest.map((t) => l(sub(g, t), 'bad'))];
		}
		case 'thrown':
			return [l(self(g, '◀', `fetch() rejects: ${e.text}`), 'bad')];
		case 'result':
			return e.outcome === 'ok'
				? [l(self(g, '◀', `fetch() resolves: ${e.status}, type "${e.responseType}"${e.responseType === 'opaque' ? '' : `, readable: ${e.visibleHeaders.join(', ') || 'none'}`}`), 'ok')]
				: [l(self(g, '◀', 'fetch() fails: the page gets a network error'), 'bad')];
	}
}

export function itemLines(it: Item, g: Geometry): Line[] {
	if (it.kind === 'event') return eventLines(it.event, g);
	const label = fit(` clock +${formatMs(it.ms)} → t = ${formatMs(it.now)} `, g.width - 8);
	return [{ text: `${' '.repeat(g.page)}┄┄┄┄${label}┄┄┄┄`, tone: 'clock' }];
}

const source = (r: { source: string }) => `  [${r.source}]`;

/** One or two sentences: what happened at this item and the rule that decided. */
export function explain(it: Item | undefined, browser: string): string {
	if (!it) return 'Nothing has happened yet: → steps one message at a time, Enter runs to the end.';
	if (it.kind === 'wait')
		return `The clock moves on ${formatMs(it.ms)} to t = ${formatMs(it.now)} (a fetch takes 200 virtual ms too). Cached preflights past their lifetime are gone.`;
	const e = it.event;
	switch (e.type) {
		case 'fetch':
			return `The page calls fetch("${e.url}") with method ${e.method}, mode "${e.mode}", credentials "${e.credentials}"${e.headers.length ? ` and headers ${e.headers.map(([k]) => k).join(', ')}` : ''}.`;
		case 'decision':
		case 'cache-lookup':
		case 'cache-store':
		case 'cache-remove':
		case 'redirect':
		case 'blocked':
			return `${e.text}${source(e.rule)}`;
		case 'check':
			return `${e.ok ? 'Passes' : 'Fails'} — ${e.name}: ${e.text}${source(e.rule)}`;
		case 'request': {
			const origin = getHeader(e.headers, 'origin');
			if (e.purpose === 'preflight') {
				const acrh = getHeader(e.headers, 'access-control-request-headers');
				return `The browser asks first: OPTIONS with Origin ${origin ?? '(none)'}, Access-Control-Request-Method ${getHeader(e.headers, 'access-control-request-method') ?? '?'}${acrh ? ` and Access-Control-Request-Headers ${acrh}` : ''}. No cookies, no body.`;
			}
			return `The actual ${e.method} request goes to the server${origin ? ` with Origin ${origin}` : ' without an Origin header'}. The server runs it whatever CORS later says.`;
		}
		case 'response': {
			const cors = e.headers.filter(([k]) => k.toLowerCase().startsWith('access-control-'));
			return `The server answers ${e.status}${e.purpose === 'preflight' ? ' to the preflight' : ''}: ${cors.length ? cors.map(([k, v]) => `${k}: ${v}`).join('; ') : 'no Access-Control-* headers at all'}.`;
		}
		case 'console':
			return `${browser}'s console: ${e.text.replace(/\n/g, ' ')}`;
		case 'thrown':
			return `fetch() rejects with ${e.text}; the script cannot tell why — only the console says.`;
		case 'result':
			return e.outcome === 'ok'
				? `fetch() resolves: status ${e.status}, response type "${e.responseType}"${e.responseType === 'opaque' ? ' (status 0, nothing readable)' : `; the page can read ${e.visibleHeaders.join(', ') || 'no headers'}`}.`
				: 'The page gets a network error (status 0, no headers, no body).';
	}
}

/** The cache panel at an item: every entry with its key and remaining lifetime, and what just went away. */
export function cacheLines(it: Item | undefined, prev: Item | undefined, width: number): Line[] {
	const now = it?.now ?? 0;
	const entries = it?.cache ?? [];
	const out: Line[] = entries.map((e) => {
		const left = e.items?.length
			? e.items.map((x) => `${x.token} ${formatMs(x.expiresAt - now)}`).join(', ')
			: `${entryWhat(e)}${e.credentials ? ' · credentials' : ''} · ${formatMs(e.expiresAt - now)} left`;
		return { text: fit(`  ${e.key} · ${left}${e.items?.length ? ' left' : ''}`, width), tone: 'cache' };
	});
	const keys = new Set(entries.map((e) => e.key));
	for (const e of prev?.cache ?? []) {
		if (keys.has(e.key)) continue;
		out.push({ text: fit(`  ✗ ${e.key} — ${now >= e.expiresAt ? `expired at t = ${formatMs(e.expiresAt)}` : 'removed'}`, width), tone: 'bad' });
	}
	return out;
}
