// One fetch() from a page, end to end: main fetch [F #main-fetch] with its tainting decision,
// the preflight and its cache, the request on the wire, the CORS check, redirects
// [F #http-redirect-fetch] and what the page can read. Every decision is a trace event.

import type { Clock } from './clock.js';
import { type Failure, type FailureCode, type Stage, checkFailure, isThrownByFetch } from './failure.js';
import { type Header, type HeaderList, getHeader, headerLines, lower, parseTokenList, trimTabOrSpace, withoutHeaders } from './headers.js';
import { type Origin, isHttpScheme, originOf, parseUrl, sameOrigin, serializeOrigin, urlHasCredentials } from './origin.js';
import { PREFLIGHT_CHECK_NAMES, evaluatePreflight } from './preflight.js';
import type { PreflightCache } from './preflight-cache.js';
import { describeTypeError } from './profiles/shared.js';
import type { BrowserProfile } from './profiles/types.js';
import { type FetchInit, type Request, combineByName, constructRequest } from './request.js';
import { CORS_SAFELISTED_RESPONSE_HEADERS, FORBIDDEN_RESPONSE_HEADERS, corsUnsafeRequestHeaderNames, isCorsSafelistedMethod } from './safelist.js';
import type { Rule, TraceEvent } from './trace.js';
import { corsCheckInput } from './cors-check.js';

export interface Page {
	readonly origin: Origin;
	/** The document's URL (the referrer, and the page Firefox names in its Security Error). */
	readonly url: string;
}

/** A request as the server receives it. */
export interface ServerRequest {
	readonly method: string;
	readonly url: string;
	readonly headers: HeaderList;
	readonly body: string | null;
}

export interface ServerResponse {
	readonly status: number;
	readonly headers: HeaderList;
	readonly body: string;
}

export type Server = (req: ServerRequest) => ServerResponse;

/** A browsing context: one page, its browser's preflight cache, a clock and the network. */
export interface Browser {
	readonly profile: BrowserProfile;
	readonly cache: PreflightCache;
	readonly clock: Clock;
	readonly page: Page;
	readonly server: Server;
}

export type ResponseType = 'basic' | 'cors' | 'opaque';

export interface FetchResult {
	readonly outcome: 'ok' | 'network-error';
	readonly status: number;
	readonly type: ResponseType | null;
	/** The headers the page can read through response.headers. */
	readonly headers: Header[];
	readonly body: string | null;
	readonly failure: Failure | null;
	/** Error-level console lines. */
	readonly console: string[];
	/** What fetch() rejects with, when it rejects. */
	readonly rejection: string | null;
	/** Every request the server received, in order. */
	readonly sent: ServerRequest[];
	readonly urlList: string[];
}

const rule = (id: string, source: string): Rule => ({ id, source });
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const REQUEST_BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];
const MAX_REDIRECTS = 20;

type Tainting = 'basic' | 'cors' | 'opaque';

/** What the browser reads from a response: header values with surrounding blanks stripped. */
const received = (r: ServerResponse): ServerResponse => ({ ...r, headers: r.headers.map(([k, v]) => [k, trimTabOrSpace(v)] as const) });

export function browserFetch(b: Browser, init: FetchInit, trace: TraceEvent[], step = 0): FetchResult {
	const { profile, page } = b;
	const emit = (e: DistributiveOmit<TraceEvent, 't' | 'step'>): void => {
		trace.push({ ...e, t: b.clock.now(), step } as TraceEvent);
	};
	const pageOrigin = serializeOrigin(page.origin);
	const sent: ServerRequest[] = [];
	emit({ type: 'fetch', method: init.method, url: init.url, headers: init.headers, mode: init.mode, credentials: init.credentials, body: init.body });

	const built = constructRequest(init, profile.headerRules);
	if (!built.ok) return networkError(built.failure);
	const req: Request = built.request;
	for (const d of req.dropped) emit({ type: 'decision', rule: rule('header-dropped', 'cors-facts §1.6, §1.8'), text: `fetch() silently dropped ${d.name}: ${d.why}` });
	if (req.method !== init.method) emit({ type: 'decision', rule: rule('method-normalize', 'cors-facts §1.9'), text: `method '${init.method}' is normalised to ${req.method}` });

	const include = req.credentials === 'include';
	let url = req.url;
	let method = req.method;
	let headers: Header[] = req.headers;
	let body = req.body;
	let tainting: Tainting = 'basic';
	let tainted = false;
	/** A preflight was needed earlier in this fetch (before a redirect). */
	let preflighted = false;
	const urlList = [url.href];

	function fail(code: FailureCode, stage: Stage, extra: Partial<Failure> = {}): FetchResult {
		return networkError({ code, stage, url: url.href, urlList: [...urlList], ...extra });
	}

	function networkError(f: Failure): FetchResult {
		const thrown = isThrownByFetch(f.code);
		const rejection = profile.rejection(f, init.method);
		if (thrown)
			emit({ type: 'check', name: 'fetch() arguments', ok: false, rule: rule(f.code, 'cors-facts §1.7-1.11'), text: `fetch() throws before anything is sent: ${describeTypeError(f, init.method)}` });
		else emit({ type: 'blocked', failure: f, rule: failureRule(f), text: blockedText(f) });
		if (f.stage !== 'request') clearCacheAfterFailure(f.url);
		const lines = profile.consoleMessages(f, { pageOrigin, pageUrl: page.url });
		for (const text of lines) emit({ type: 'console', text });
		emit({ type: 'thrown', text: rejection });
		emit({ type: 'result', outcome: 'network-error', status: 0, responseType: null, visibleHeaders: [] });
		return { outcome: 'network-error', status: 0, type: null, headers: [], body: null, failure: f, console: lines, rejection, sent, urlList: [...f.urlList] };
	}

	const requestOrigin = (): string => (tainted ? 'null' : pageOrigin);
	/** The origin a preflight carries and is checked against (Firefox keeps the page's). */
	const preflightOrigin = (): string => (profile.redirectKeepsPreflight ? pageOrigin : requestOrigin());

	/**
	 * [Referrer Policy] strict-origin-when-cross-origin, the default. Each hop starts from the
	 * previous hop's referrer, not the page URL (Fetch "determine request's referrer" takes the
	 * request's referrer as its source): once cut to the origin, it stays cut, even when a
	 * redirect comes back to the page's origin (recorded, both browsers).
	 */
	let referrerSource: URL | null = page.origin.kind === 'opaque' ? null : parseUrl(page.url);
	function referrer(): string | null {
		const src = referrerSource;
		if (!src) return null;
		if (sameOrigin(originOf(url), originOf(src))) return src.href.replace(/#.*$/, '');
		if (src.protocol === 'https:' && url.protocol === 'http:') return null;
		return `${src.origin}/`;
	}
	/** The URL as it goes on the wire: a fragment is never sent. */
	const wireUrl = (): string => url.href.replace(/#.*$/, '');

	function send(purpose: 'preflight' | 'actual', wire: ServerRequest): ServerResponse {
		sent.push(wire);
		emit({ type: 'request', purpose, method: wire.method, url: wire.url, headers: wire.headers });
		const res = received(b.server(wire));
		emit({ type: 'response', purpose, url: wire.url, status: res.status, headers: res.headers });
		return res;
	}

	function corsCheck(res: ServerResponse) {
		return profile.corsCheck(corsCheckInput(res.headers, requestOrigin(), include));
	}

	/** §4.4/§4.6: Firefox (like the standard) forgets a URL's cached preflights when its fetch fails. */
	function clearCacheAfterFailure(failedUrl: string): void {
		if (!profile.clearCacheOnFailure) return;
		for (const key of b.cache.clear(pageOrigin, failedUrl))
			emit({ type: 'cache-remove', key, text: `${profile.name} forgets the cached preflights for this URL because the fetch failed`, rule: rule('cache-clear', 'cors-facts §4.4, §4.6') });
	}

	for (;;) {
		// ── main fetch: decide the response tainting (cors-facts §5.1) ──
		const sameAsPage = sameOrigin(originOf(url), page.origin);
		if (sameAsPage && tainting === 'basic') {
			emit({ type: 'decision', rule: rule('same-origin', 'cors-facts §5.1'), text: `${url.origin} is the page's own origin: no CORS, the response is "basic"` });
		} else if (req.mode === 'same-origin') {
			emit({ type: 'check', name: 'request mode', ok: false, rule: rule('mode-same-origin', 'cors-facts §5.1, §5.6'), text: `mode "same-origin" forbids a request to ${url.origin} from ${pageOrigin}` });
			return fail('same-origin-mode', 'request');
		} else if (req.mode === 'no-cors') {
			tainting = 'opaque';
			emit({ type: 'decision', rule: rule('no-cors', 'cors-facts §1.8, §5.1'), text: 'mode "no-cors": the request goes out without CORS and the page gets an opaque response (status 0, no headers, no body)' });
		} else {
			tainting = 'cors';
		}

		// ── the preflight, if one is needed (cors-facts §1.4) ──
		if (tainting === 'cors') {
			const unsafe = corsUnsafeRequestHeaderNames(profile.headerRules.combineRepeated ? combineByName(headers) : headers, profile.headerRules);
			const methodSafe = isCorsSafelistedMethod(method);
			const sticky = preflighted && profile.redirectKeepsPreflight === true;
			if (methodSafe && unsafe.names.length === 0 && !sticky) {
				emit({ type: 'decision', rule: rule('simple-request', 'cors-facts §1.1-1.4'), text: `${method} with only CORS-safelisted headers: no preflight, the request goes straight out` });
			} else {
				preflighted = true;
				const reasons = [
					...(methodSafe && !sticky ? [] : methodSafe ? [`${profile.name} preflights every redirect of a request that needed a preflight`] : [`${method} is not a CORS-safelisted method (GET, HEAD, POST)`]),
					...(unsafe.names.length ? [`header${unsafe.names.length > 1 ? 's' : ''} ${unsafe.names.join(', ')} ${unsafe.names.length > 1 ? 'are' : 'is'} not CORS-safelisted${unsafe.overBudget.length ? ` (${unsafe.overBudget.join(', ')} only because the safelisted values add up to ${unsafe.safelistedBytes} bytes, over 1024)` : ''}`] : []),
				];
				emit({ type: 'decision', rule: rule('preflight-needed', 'cors-facts §1.4'), text: `a preflight is needed: ${reasons.join('; ')}` });
				const q = { origin: pageOrigin, url: url.href, include, method, headers: unsafe.names };
				const hit = b.cache.lookup(q, b.clock.now());
				emit({ type: 'cache-lookup', key: hit.key, hit: hit.hit, text: hit.text, rule: rule('preflight-cache', profile.id === 'firefox' ? 'cors-facts §4.6' : 'cors-facts §4.5, §4.7') });
				if (!hit.hit) {
					const res = send('preflight', {
						method: 'OPTIONS', url: wireUrl(), body: null,
						headers: profile.wireHeaders({
							kind: 'preflight', host: url.host, author: [], origin: preflightOrigin(), referrer: referrer(), contentLength: null,
							requestMethod: method, ...(unsafe.names.length ? { requestHeaders: unsafe.names.join(',') } : {}),
						}),
					});
					if (isRedirect(res)) {
						if (profile.checksRedirectedPreflight) {
							const c = profile.corsCheck(corsCheckInput(res.headers, preflightOrigin(), include));
							emit({ type: 'check', name: 'preflight CORS check', ok: c.ok, rule: rule('cors-check', 'cors-facts §3.1; recorded (Firefox)'), text: c.text });
							if (!c.ok) return fail(c.code, 'preflight', { ...checkFailure(c, res.status), preflightRedirected: true });
						}
						emit({ type: 'check', name: 'preflight redirect', ok: false, rule: rule('preflight-no-redirect', 'cors-facts §2.2'), text: `the preflight was answered with a ${res.status} redirect; preflights never follow redirects` });
						return fail('preflight-redirect', 'preflight', { status: res.status });
					}
					const out = evaluatePreflight(profile, res, { method, headers: unsafe.checkOrder, origin: preflightOrigin(), include });
					for (const c of out.checks) emit({ type: 'check', name: PREFLIGHT_CHECK_NAMES[c.name], ok: c.ok, rule: c.rule, text: c.text });
					const grant = out.ok ? out.grant : out.storable;
					if (grant) {
						if (grant.maxAge.cache) {
							const entry = b.cache.store(q, { methods: grant.methods, headers: grant.headers, maxAgeMs: grant.maxAge.seconds * 1000 }, b.clock.now());
							if (entry) emit({ type: 'cache-store', entry, text: grant.maxAge.text, rule: rule('max-age', 'cors-facts §2.6') });
							else emit({ type: 'decision', rule: rule('cache-url-length', 'cors-facts §4.5'), text: `${profile.name} never caches a preflight for a URL of ${url.href.length} characters (1024 or more)` });
						} else emit({ type: 'decision', rule: rule('max-age', 'cors-facts §2.6'), text: grant.maxAge.text });
					}
					if (!out.ok) return fail(out.problem.code, 'preflight', out.problem);
				}
			}
		}

		// ── the actual request ──
		const wireOrigin = tainting === 'cors' || (method !== 'GET' && method !== 'HEAD') ? requestOrigin() : null;
		const res = send('actual', {
			method, url: wireUrl(), body,
			headers: profile.wireHeaders({
				kind: 'actual', host: url.host, author: combineByName(headers), authorLines: headers, origin: wireOrigin, referrer: referrer(), redirected: urlList.length > 1, bodyless: body === null,
				// A POST without a body still says Content-Length: 0 (recorded, both browsers).
				contentLength: body === null ? (method === 'POST' ? '0' : null) : String(new TextEncoder().encode(body).length),
			}),
		});

		if (isRedirect(res)) {
			// ── HTTP-redirect fetch (cors-facts §6) ──
			const location = getHeader(res.headers, 'location') as string;
			const next = parseUrl(location, url.href);
			if (!next) {
				emit({ type: 'check', name: 'redirect location', ok: false, rule: rule('redirect-location', 'cors-facts §6.1'), text: `Location '${location}' is not a URL` });
				return fail('redirect-bad-location', 'redirect', { status: res.status, value: location });
			}
			if (!isHttpScheme(next)) {
				emit({ type: 'check', name: 'redirect scheme', ok: false, rule: rule('redirect-scheme', 'cors-facts §6.1'), text: `the redirect goes to a ${next.protocol} URL; only http(s) redirects are followed` });
				return fail('redirect-unsafe-scheme', 'redirect', { status: res.status, value: location });
			}
			if (tainting === 'cors') {
				const c = corsCheck(res);
				emit({ type: 'check', name: 'CORS check (redirect)', ok: c.ok, rule: rule('cors-check-redirect', 'cors-facts §3.2, §6.6'), text: c.text });
					if (!c.ok) return fail(c.code, 'redirect', checkFailure(c, res.status));
			}
			if (urlList.length - 1 >= MAX_REDIRECTS) {
				emit({ type: 'check', name: 'redirect limit', ok: false, rule: rule('redirect-limit', 'cors-facts §6.1'), text: `${MAX_REDIRECTS} redirects were already followed; the next one is a network error` });
				return fail('too-many-redirects', 'redirect', { status: res.status });
			}
			if (req.mode === 'same-origin' && !sameOrigin(originOf(next), page.origin)) {
				// Refused while handling the redirect, so the failure names the URL that redirected.
				emit({ type: 'check', name: 'request mode', ok: false, rule: rule('mode-same-origin', 'cors-facts §5.1, §6.6'), text: `mode "same-origin" forbids following the redirect to ${next.origin}` });
				return fail('same-origin-mode', 'redirect', { status: res.status, value: next.href });
			}
			if (urlHasCredentials(next) && ((req.mode === 'cors' && !sameOrigin(originOf(next), page.origin)) || tainting === 'cors')) {
				emit({ type: 'check', name: 'redirect credentials', ok: false, rule: rule('redirect-userinfo', 'cors-facts §6.2'), text: `the redirect target ${next.href} carries a username/password, which a cross-origin request may not follow` });
				return fail('redirect-has-credentials', 'redirect', { status: res.status, value: next.href });
			}
			const becomesTainted = !sameOrigin(originOf(next), originOf(url)) && !sameOrigin(page.origin, originOf(url));
			const from = url.href;
			const notes: string[] = [];
			if ((((res.status === 301 || res.status === 302) && method === 'POST') || (res.status === 303 && method !== 'GET' && method !== 'HEAD'))) {
				notes.push(`${res.status} turns ${method} into GET and drops the body`);
				method = 'GET';
				body = null;
				headers = withoutHeaders(headers, REQUEST_BODY_HEADERS);
			}
			if (!sameOrigin(originOf(next), originOf(url)) && headers.some(([k]) => lower(k) === 'authorization')) {
				notes.push('Authorization is removed on a cross-origin hop');
				headers = withoutHeaders(headers, ['authorization']);
			}
			if (becomesTainted && !tainted) notes.push('the hop leaves a cross-origin server for another origin, so the request origin becomes "null"');
			tainted ||= becomesTainted;
			const hopReferrer = referrer();
			referrerSource = hopReferrer === null ? null : parseUrl(hopReferrer);
			url = next;
			urlList.push(url.href);
			emit({
				type: 'redirect', from, to: url.href, status: res.status, method, tainted,
				text: `following ${res.status} to ${url.href}${notes.length ? `; ${notes.join('; ')}` : ''}`,
				rule: rule('redirect', 'cors-facts §6.3-6.6'),
			});
			continue;
		}

		// ── the final response ──
		if (tainting === 'cors') {
			const c = corsCheck(res);
			emit({ type: 'check', name: 'CORS check', ok: c.ok, rule: rule('cors-check', 'cors-facts §3.1'), text: c.text });
			if (!c.ok) return fail(c.code, 'actual', checkFailure(c, res.status));
		}
		const visible = exposedHeaders(res.headers, tainting, include);
		const status = tainting === 'opaque' ? 0 : res.status;
		const names = [...new Set(visible.map(([k]) => lower(k)))].sort();
		emit({
			type: 'decision', rule: rule('exposure', 'cors-facts §5.2-5.5'),
			text: tainting === 'opaque' ? 'the response is opaque: the page sees status 0, no headers and no body'
				: tainting === 'basic' ? 'a same-origin ("basic") response: the page can read every header except Set-Cookie'
				: `the page can read ${names.length ? names.join(', ') : 'no headers'}`,
		});
		emit({ type: 'result', outcome: 'ok', status, responseType: tainting, visibleHeaders: names });
		return {
			outcome: 'ok', status, type: tainting, headers: visible, body: tainting === 'opaque' ? null : res.body,
			failure: null, console: [], rejection: null, sent, urlList: [...urlList],
		};
	}
}

const isRedirect = (res: ServerResponse): boolean => REDIRECT_STATUSES.includes(res.status) && getHeader(res.headers, 'location') !== null;

/** cors-facts §5.2-5.5: which response headers the page can read. */
export function exposedHeaders(headers: HeaderList, tainting: Tainting, include: boolean): Header[] {
	return headers.filter(([k]) => headerExposure(k, headers, tainting, include).readable);
}

/** Whether the page can read one response header through response.headers, and why (cors-facts §5.2-5.5). */
export function headerExposure(name: string, headers: HeaderList, tainting: Tainting, include: boolean): { readonly readable: boolean; readonly why: string } {
	const n = lower(name);
	if (tainting === 'opaque') return { readable: false, why: 'an opaque (no-cors) response shows no headers at all' };
	if (FORBIDDEN_RESPONSE_HEADERS.includes(n)) return { readable: false, why: 'never readable by a page' };
	if (tainting === 'basic') return { readable: true, why: 'a same-origin response shows every header' };
	if (CORS_SAFELISTED_RESPONSE_HEADERS.includes(n)) return { readable: true, why: 'a CORS-safelisted response header' };
	const list = parseTokenList(headerLines(headers, 'access-control-expose-headers'));
	const exposed = list.ok ? list.items.map(lower) : [];
	if (exposed.includes(n)) return { readable: true, why: 'listed in Access-Control-Expose-Headers' };
	if (exposed.includes('*')) return include ? { readable: false, why: "'*' in Access-Control-Expose-Headers is only a name on a credentialed request" } : { readable: true, why: "'*' in Access-Control-Expose-Headers" };
	return { readable: false, why: list.ok ? 'not safelisted, and not in Access-Control-Expose-Headers' : 'not safelisted, and Access-Control-Expose-Headers cannot be parsed' };
}

function failureRule(f: Failure): Rule {
	switch (f.stage) {
		case 'preflight':
			return rule(f.code, 'cors-facts §2');
		case 'redirect':
			return rule(f.code, 'cors-facts §6');
		case 'request':
			return rule(f.code, 'cors-facts §5.1');
		default:
			return rule(f.code, 'cors-facts §3');
	}
}

function blockedText(f: Failure): string {
	const where = f.stage === 'preflight' ? 'the preflight response' : f.stage === 'redirect' ? 'the redirect response' : f.stage === 'request' ? 'the request' : 'the response';
	return `blocked: ${where} failed (${f.code}${f.value !== undefined && f.value !== '' ? `: ${f.value}` : ''}); the page gets a network error`;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
