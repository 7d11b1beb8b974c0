// The cross-origin fetches in a HAR file, each replayed through the browser model with the
// answers the browser recorded instead of the network: the same replay as `check`
// (check/run.ts), so each gets the same verdict, console message and fix, offline.
//
// What the recordings look like (Chrome's "Export HAR"): the fetch is one entry, its status
// and headers recorded even when CORS blocked it (then response._error is
// "net::ERR_FAILED"); its preflight is a separate OPTIONS entry (_resourceType "preflight")
// that may come after it in the file and start a few milliseconds later; each redirect hop is
// an entry of its own.

import { lower } from '../core/headers.js';
import { type BrowserId, PROFILES } from '../core/profiles/index.js';
import type { CredentialsMode, FetchInit } from '../core/request.js';
import { type Answer, DEFAULT_MAX_BODY_BYTES, type Exchange, type NetworkFailure } from '../net/http.js';
import { type PageRequest, readPageRequest } from '../check/page-request.js';
import { type CheckReport, buildReport } from '../check/report.js';
import { pageFor, runCheck } from '../check/run.js';
import { parseOriginRule } from '../policy/model.js';
import type { HarEntry } from './read.js';

/** One fetch the page made, as recorded. */
export interface HarFetch {
	readonly entry: HarEntry;
	readonly page: PageRequest;
	readonly origin: string;
	/** Later entries that are this fetch's redirect hops. */
	readonly hops: readonly number[];
	/** A failed request recorded without most of its headers (no Origin, no Sec-Fetch-Mode). */
	readonly partial: boolean;
}

const isPreflight = (e: HarEntry): boolean => e.resourceType === 'preflight' || (e.method === 'OPTIONS' && e.headers.some(([k]) => lower(k) === 'access-control-request-method'));
const locationOf = (e: HarEntry): string | undefined => {
	const raw = e.responseHeaders.find(([k]) => lower(k) === 'location')?.[1] || undefined;
	try {
		return raw ? new URL(raw, e.url).href : undefined;
	} catch {
		return undefined;
	}
};
const originOfUrl = (url: string): string | undefined => (URL.canParse(url) ? new URL(url).origin : undefined);

/**
 * The fetches CORS applies to: requests in mode "cors" (Sec-Fetch-Mode, when recorded) with an
 * Origin header naming another origin than the URL's, and failed fetches recorded without
 * their headers whose Referer names another origin. Preflights and redirect hops belong to the
 * fetch they follow; navigations, no-cors loads and same-origin requests are not CORS.
 */
export function corsFetches(entries: readonly HarEntry[]): HarFetch[] {
	const claimed = new Set<number>();
	const out: HarFetch[] = [];
	const byStart = [...entries].sort((a, b) => a.started - b.started || a.index - b.index);
	for (const entry of byStart) {
		if (claimed.has(entry.index) || isPreflight(entry)) continue;
		const page = readPageRequest(entry.headers);
		if (page.mode && !('fetch' in page.mode && page.mode.fetch === 'cors')) continue;
		// A failed request some tools record without its headers (Playwright keeps only a few,
		// no Origin): cross-origin by its Referer, it is one of the fetches to account for.
		const failedBare = page.origin?.from === 'Referer' && !page.mode && (entry.status === 0 || entry.error !== undefined) && ['fetch', 'xhr', undefined].includes(entry.resourceType);
		if (page.origin?.from !== 'Origin' && !(failedBare && page.origin)) continue;
		const origin = (page.origin as NonNullable<typeof page.origin>).value;
		if (originOfUrl(entry.url) === origin) continue;
		const rule = parseOriginRule(origin);
		if ('error' in rule || rule.kind !== 'exact') continue;
		// Follow the redirect chain: each Location is the next entry for that URL, started later.
		const hops: number[] = [];
		let at = entry;
		for (let next = locationOf(at); at.status >= 300 && at.status < 400 && next; next = locationOf(at)) {
			const hop = byStart.find((e) => !claimed.has(e.index) && e !== at && e.url === next && e.started >= at.started && !isPreflight(e));
			if (!hop) break;
			claimed.add(hop.index);
			hops.push(hop.index);
			at = hop;
		}
		out.push({ entry, page, origin, hops, partial: page.origin?.from === 'Referer' });
	}
	return out.sort((a, b) => a.entry.index - b.entry.index);
}

export interface HarResult {
	readonly fetch: HarFetch;
	/** Where an answer came from another entry than the fetch's own (a cached preflight). */
	readonly notes: readonly string[];
	readonly browser: BrowserId;
	readonly credentials: CredentialsMode;
	readonly report: CheckReport;
}

export interface ReplayOptions {
	/** Overrides what the entries say (a sanitized HAR has no cookies to show "include"). */
	readonly credentials?: CredentialsMode;
	readonly browser?: BrowserId;
}

function notRecorded(message: string): NetworkFailure {
	return { ok: false, kind: 'other', message, ms: 0 };
}

/** How far from its fetch a preflight may start and still be that fetch's own. */
const OWN_PREFLIGHT_MS = 1000;

/** The transport for one fetch: each request the model makes is answered from the entry that recorded it; `notes` says where an answer came from elsewhere. */
function recorded(entries: readonly HarEntry[], f: HarFetch, notes: string[]): (x: Exchange) => Promise<Answer | NetworkFailure> {
	const chain = [f.entry.index, ...f.hops];
	let hop = 0;
	const used = new Set<number>();
	return async (x) => {
		let found: HarEntry | undefined;
		const near = entries[chain[Math.min(hop, chain.length - 1)] as number] as HarEntry;
		if (x.method === 'OPTIONS' && x.headers.some(([k]) => lower(k) === 'access-control-request-method')) {
			const candidates = entries.filter((e) => isPreflight(e) && e.url === x.url && !used.has(e.index));
			const gap = (e: HarEntry) => Math.abs(e.started - near.started);
			// Its own preflight starts within a second of it (Chrome records it a few ms after the fetch).
			found = candidates.filter((e) => gap(e) <= OWN_PREFLIGHT_MS).sort((a, b) => gap(a) - gap(b))[0];
			if (!found) {
				// None: the browser answered from its preflight cache, filled by an earlier preflight to the URL.
				const earlier = candidates.filter((e) => e.started < near.started).sort((a, b) => b.started - a.started)[0];
				const later = candidates.sort((a, b) => gap(a) - gap(b))[0];
				found = earlier ?? later;
				if (found) {
					const seconds = (gap(found) / 1000).toFixed(1);
					notes.push(
						earlier
							? `No preflight was recorded for it: the browser answered from its preflight cache. The answer used is the preflight recorded ${seconds} s earlier (entries[${found.index}]).`
							: `No preflight was recorded for it (the browser's cache held one from before the recording); the preflight recorded ${seconds} s later (entries[${found.index}]) stands in for it.`,
					);
				}
			}
			if (!found) {
				return notRecorded(`no preflight recorded for ${x.url} (the browser may have answered it from its preflight cache, or the tool that saved the HAR leaves preflights out; DevTools' own export keeps them)`);
			}
		} else {
			const e = entries[chain[hop] as number];
			if (!e || e.url !== x.url) return notRecorded(`no request recorded for ${x.url} (the model follows the fetch there${e ? `; entries[${e.index}] is ${e.url}` : ''})`);
			found = e;
			hop++;
		}
		used.add(found.index);
		if (found.status === 0) return notRecorded(`no answer recorded for entries[${found.index}] (${found.method} ${found.url}: status 0${found.error ? `, ${found.error}` : ''})`);
		const bytes = Buffer.from(found.responseBody);
		const truncated = bytes.length > DEFAULT_MAX_BODY_BYTES;
		return {
			ok: true,
			status: found.status,
			statusText: found.statusText,
			headers: [...found.responseHeaders],
			body: truncated ? bytes.subarray(0, DEFAULT_MAX_BODY_BYTES).toString('utf8') : found.responseBody,
			truncated,
			ms: found.ms,
		};
	};
}

/** Replay one fetch through the model, answered from the recording. */
export async function replayFetch(entries: readonly HarEntry[], f: HarFetch, o: ReplayOptions = {}): Promise<HarResult> {
	const cookie = f.page.cookies.length ? f.page.cookies.join('; ') : undefined;
	// Cookies on a cross-origin fetch mean credentials: "include".
	const credentials = o.credentials ?? (cookie ? 'include' : 'same-origin');
	const browser = o.browser ?? f.page.browser ?? 'chromium';
	const init: FetchInit = { url: f.entry.url, method: f.entry.method, headers: [...f.page.headers], body: f.entry.body, credentials, mode: 'cors' };
	const notes: string[] = [];
	const run = await runCheck(PROFILES[browser], pageFor(f.origin), init, {
		timeoutMs: 0,
		maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
		insecure: false,
		send: recorded(entries, f, notes),
		...(cookie ? { cookie } : {}),
	});
	// The replay runs the model again for each exchange: each note is said once.
	return { fetch: f, browser, credentials, notes: [...new Set(notes)], report: buildReport(run, cookie) };
}
