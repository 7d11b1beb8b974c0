// The headers a browser recorded for a request (in a curl command copied from DevTools, or a
// HAR file), told apart: the ones the page set, which decide the preflight, and the ones the
// browser adds itself, which the model adds again as that browser would. Read from them too:
// the page's origin (Origin, else Referer), the cookies sent, the mode (Sec-Fetch-Mode) and
// the browser (User-Agent).

import { type Header, lower } from '../core/headers.js';
import type { BrowserId } from '../core/profiles/index.js';
import type { RequestMode } from '../core/request.js';
import { SPEC_HEADER_RULES, isForbiddenRequestHeader } from '../core/safelist.js';

export interface PageRequest {
	/** The headers the page set, in order. */
	readonly headers: readonly Header[];
	/** Headers the browser adds itself, by name (lower case). */
	readonly browserHeaders: readonly string[];
	readonly origin?: { readonly value: string; readonly from: 'Origin' | 'Referer' };
	/** Cookie header values, in order. */
	readonly cookies: readonly string[];
	/** From Sec-Fetch-Mode: a fetch() mode, or what else it says ("navigate", "websocket"). */
	readonly mode?: { readonly fetch: RequestMode } | { readonly other: string };
	/** From User-Agent. */
	readonly browser?: BrowserId;
	/** What else the reading decided, one sentence each. */
	readonly notes: readonly string[];
}

/** Added by the browser (or DevTools' "Disable cache") on its own, not by the page; compared in lower case. */
const BROWSER_OWN = ['user-agent', 'accept-language', 'priority', 'upgrade-insecure-requests', 'x-client-data', 'purpose', 'if-none-match', 'if-modified-since'];
const MODES: Record<string, RequestMode | undefined> = { cors: 'cors', 'no-cors': 'no-cors', 'same-origin': 'same-origin' };

/** The origin of a URL, or undefined (opaque, or not a URL). */
function originOf(url: string): string | undefined {
	try {
		const o = new URL(url).origin;
		return o === 'null' ? undefined : o;
	} catch {
		return undefined;
	}
}

export function browserOf(ua: string): BrowserId | undefined {
	if (/\bFirefox\//.test(ua)) return 'firefox';
	if (/(\bChrome|\bChromium|\bEdg|HeadlessChrome)\//.test(ua)) return 'chromium';
	if (/\bVersion\/[\d.]+ .*Safari\//.test(ua)) return 'safari';
	return undefined;
}

export function readPageRequest(raw: readonly Header[]): PageRequest {
	const headers: Header[] = [];
	const browserHeaders: string[] = [];
	const cookies: string[] = [];
	const notes: string[] = [];
	let origin: PageRequest['origin'];
	let referer: string | undefined;
	let mode: PageRequest['mode'];
	let browser: BrowserId | undefined;
	const has = (n: string, v: string) => raw.some(([k, x]) => lower(k) === n && lower(x) === v);
	// DevTools' "Disable cache" sends both; they are not the page's and take no part in CORS.
	const noCache = has('pragma', 'no-cache') && has('cache-control', 'no-cache');
	for (const [name, value] of raw) {
		const n = lower(name);
		if (n === 'origin') origin = { value, from: 'Origin' };
		else if (n === 'cookie') cookies.push(value);
		else if (n === 'referer') referer = value;
		else if (n === 'sec-fetch-mode') {
			const m = MODES[lower(value)];
			mode = m ? { fetch: m } : { other: lower(value) };
		}
		if (n === 'user-agent') browser = browserOf(value);
		const own = ['origin', 'cookie', 'referer'].includes(n) || isForbiddenRequestHeader(n, value, SPEC_HEADER_RULES) || BROWSER_OWN.includes(n) || (n === 'accept' && value === '*/*') || (noCache && (n === 'pragma' || n === 'cache-control'));
		if (own) {
			if (!browserHeaders.includes(n)) browserHeaders.push(n);
		} else headers.push([name, value]);
	}
	if (!origin && referer) {
		const o = originOf(referer);
		if (o) {
			origin = { value: o, from: 'Referer' };
			notes.push(`The request has no Origin header; the page's origin is taken from its Referer (${o}).`);
		}
	}
	if (noCache) notes.push('Pragma and Cache-Control: no-cache are taken as DevTools\' "Disable cache", not set by the page.');
	return { headers, browserHeaders, ...(origin ? { origin } : {}), cookies, ...(mode ? { mode } : {}), ...(browser ? { browser } : {}), notes };
}
