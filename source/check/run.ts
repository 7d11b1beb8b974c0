// `check` over the real network: the pure core decides, node sends. The core's Server is
// synchronous, so the fetch is replayed: each run answers the requests already sent from
// their real responses, in order; the first request without one stops the run, goes out
// for real, and the fetch runs again from the start. The core is deterministic, so every run
// repeats the requests before it, and the last run sees every real response in order.

import { VirtualClock } from '../core/clock.js';
import { type FetchResult, type Page, type ServerRequest, type ServerResponse, browserFetch } from '../core/fetch.js';
import { parsePageOrigin } from '../core/origin.js';
import type { BrowserProfile } from '../core/profiles/index.js';
import type { FetchInit } from '../core/request.js';
import type { TraceEvent } from '../core/trace.js';
import { type Answer, type Exchange, type NetworkFailure, send } from '../net/http.js';

export interface NetOptions {
	/** Per request (connect + whole answer). */
	readonly timeoutMs: number;
	readonly maxBodyBytes: number;
	readonly insecure: boolean;
	/** The network; tests may replace it. */
	readonly send?: (x: Exchange) => Promise<Answer | NetworkFailure>;
	/** The Cookie header value a browser would hold for the URL ("a=1; b=2"), sent with requests that carry credentials. */
	readonly cookie?: string;
}

export interface SentExchange {
	readonly purpose: 'preflight' | 'actual';
	/** What went on the wire, line for line (Node adds only Connection, and Host or Content-Length where the core has none). */
	readonly request: ServerRequest;
	readonly answer: Answer | NetworkFailure;
	/** The Cookie line (from --cookie) went out with this request. */
	readonly cookie: boolean;
}

export interface CheckRun {
	readonly profile: BrowserProfile;
	readonly page: Page;
	readonly init: FetchInit;
	readonly exchanges: readonly SentExchange[];
	/** The core's trace of the last run: complete, or up to the request that failed on the network. */
	readonly trace: readonly TraceEvent[];
	/** The core's verdict; null when a request failed on the network. */
	readonly result: FetchResult | null;
}

/** No more requests than 20 redirects, each with a preflight, can take (a guard, never reached). */
const MAX_EXCHANGES = 2 * 21 + 2;

class NotSentYet {
	constructor(readonly request: ServerRequest) {}
}

const same = (a: ServerRequest, b: ServerRequest): boolean => JSON.stringify([a.method, a.url, a.headers, a.body]) === JSON.stringify([b.method, b.url, b.headers, b.body]);

/** The page a check models: its origin's root (a sandboxed "null" page has no URL of its own). */
export function pageFor(origin: string): Page {
	const o = parsePageOrigin(origin);
	if ('error' in o) throw new Error(`page origin ${o.error}`);
	return { origin: o, url: origin === 'null' ? 'about:blank' : `${origin}/` };
}

export async function runCheck(profile: BrowserProfile, page: Page, init: FetchInit, net: NetOptions): Promise<CheckRun> {
	const exchanges: SentExchange[] = [];
	const transport = net.send ?? send;
	for (;;) {
		const trace: TraceEvent[] = [];
		let n = 0;
		const server = (req: ServerRequest): ServerResponse => {
			const known = exchanges[n++];
			if (!known) throw new NotSentYet(req);
			if (!same(known.request, req)) throw new Error(`the browser model sent a different request #${n} on a replay: ${req.method} ${req.url}`);
			if (!known.answer.ok) throw new Error('a failed exchange was replayed');
			return { status: known.answer.status, headers: known.answer.headers, body: known.answer.body };
		};
		try {
			const result = browserFetch({ profile, page, cache: profile.createCache(), clock: new VirtualClock(), server }, init, trace);
			return { profile, page, init, exchanges, trace, result };
		} catch (e) {
			if (!(e instanceof NotSentYet)) throw e;
			if (exchanges.length >= MAX_EXCHANGES) throw new Error(`more than ${MAX_EXCHANGES} requests for one fetch`);
			const sentEvent = trace.findLast((x) => x.type === 'request');
			const purpose = sentEvent?.type === 'request' ? sentEvent.purpose : 'actual';
			const { method, url, headers, body } = e.request;
			const cookie = net.cookie !== undefined && carriesCredentials(purpose, [...exchanges.map((x) => x.request.url), url], page, init);
			const answer = await transport({ method, url, headers: cookie ? [...headers, ['Cookie', net.cookie as string]] : headers, body, timeoutMs: net.timeoutMs, maxBodyBytes: net.maxBodyBytes, insecure: net.insecure });
			exchanges.push({ purpose, request: e.request, answer, cookie });
			if (!answer.ok) return { profile, page, init, exchanges, trace, result: null };
		}
	}
}

/**
 * Whether the browser would attach its cookies to this request (Fetch: credentials are included
 * when the mode is "include", or "same-origin" while the response tainting is still basic,
 * cors-facts §5.1): never on a preflight; with "same-origin" only while every URL so far is the
 * page's own origin; never with "omit".
 */
function carriesCredentials(purpose: 'preflight' | 'actual', urls: readonly string[], page: Page, init: FetchInit): boolean {
	if (purpose === 'preflight') return false;
	if (init.credentials === 'include') return true;
	if (init.credentials !== 'same-origin' || page.origin.kind !== 'tuple') return false;
	const pageOrigin = new URL(page.url).origin;
	return urls.every((u) => URL.canParse(u) && new URL(u).origin === pageOrigin);
}
