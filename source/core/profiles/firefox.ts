// Firefox ESR 153 — verified against recordings of the real browser (../shared/oracle/firefox).
// Sources: nsCORSListenerProxy.cpp as summarised in cors-facts §2.6 (Max-Age), §3.3 (check
// order), §4.6 (per-token cache keyed by credentials), §8.2 and messages-firefox.md (text).

import type { Failure } from '../failure.js';
import { type Header, lower } from '../headers.js';
import { parseUrl } from '../origin.js';
import { TokenCache } from '../preflight-cache.js';
import { checkOrder } from './shared.js';
import type { BrowserProfile, CorsCheckInput, CorsCheckOutcome, MaxAge, MessageContext, WireParts } from './types.js';

const CAP = 86400;

/** AddResultToCache: empty → 5 s; digits only (else nothing is cached); 0 → not cached; cap 24 h. */
export function parseFirefoxMaxAge(raw: string | null): MaxAge {
	if (raw === null || raw === '') return { cache: true, seconds: 5, text: 'no Access-Control-Max-Age: Firefox keeps the preflight for the default 5 s' };
	if (!/^[0-9]+$/.test(raw)) return { cache: false, seconds: 0, text: `Access-Control-Max-Age '${raw}' is not plain digits: Firefox does not cache this preflight at all` };
	const digits = raw.replace(/^0+/, '');
	if (digits === '') return { cache: false, seconds: 0, text: `Access-Control-Max-Age '${raw}' is 0: Firefox does not cache this preflight` };
	const n = digits.length > 5 ? CAP : Math.min(Number(digits), CAP);
	return digits.length > 5 || Number(digits) > CAP
		? { cache: true, seconds: CAP, text: `Access-Control-Max-Age '${raw}' is capped at Firefox's limit of 86400 s (24 h)` }
		: { cache: true, seconds: n, text: `Access-Control-Max-Age '${raw}': cached for ${n} s` };
}

/** CheckRequestApproved: duplicate lines, missing, '*' with credentials, mismatch, ACAC. */
export function firefoxCorsCheck(i: CorsCheckInput): CorsCheckOutcome {
	// CheckOriginHeader counts lines whose name is spelled exactly "Access-Control-Allow-Origin"
	// (a case-sensitive compare); other spellings are merged into one value like any header.
	const lines = i.allowOriginNames.filter((n) => n === 'Access-Control-Allow-Origin').length;
	if (lines > 1)
		return { ok: false, code: 'multiple-allow-origin', value: i.allowOrigin.join(', '), lines, text: `Access-Control-Allow-Origin was sent on ${lines} header lines; Firefox accepts exactly one` };
	const value = i.allowOrigin.length ? i.allowOrigin.join(', ') : undefined;
	if (value === undefined) return { ok: false, code: 'missing-allow-origin', value: '', lines, text: 'the response has no Access-Control-Allow-Origin header' };
	if (i.include && value === '*')
		return { ok: false, code: 'wildcard-with-credentials', value, lines, text: "Access-Control-Allow-Origin is '*' but the request's credentials mode is 'include'" };
	if (value !== '*' && value !== i.origin)
		return { ok: false, code: 'allow-origin-mismatch', value, lines, text: `Access-Control-Allow-Origin '${value}' is not byte-for-byte the request's origin '${i.origin}'` };
	return checkOrder.credentials(i, value, lines);
}

const B = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ';
const reason = (url: string, r: string): string => `${B}${url}. (Reason: ${r}`;
const didNotSucceed = (url: string): string => reason(url, 'CORS request did not succeed). Status code: (null).');

/**
 * How Firefox names the page: its URL, or for an opaque (sandboxed) page its null principal,
 * "moz-nullprincipal:{<random UUID>}?<origin of the document's URL>" (recorded). The UUID is
 * random per page; the model writes the nil UUID.
 */
function pageName(ctx: MessageContext): string {
	if (ctx.pageOrigin !== 'null') return ctx.pageUrl;
	const u = parseUrl(ctx.pageUrl);
	return `moz-nullprincipal:{00000000-0000-0000-0000-000000000000}?${u ? u.origin : ctx.pageUrl}`;
}

export function firefoxMessages(f: Failure, ctx: MessageContext): string[] {
	const u = f.url;
	const v = f.value ?? '';
	// A failed preflight or a failed redirect hop fails the channel itself, which Firefox
	// reports once more as CORSDidNotSucceed2 (messages-firefox.md, "Multi-line values").
	// A redirected preflight that fails its CORS check fails both channels: two such lines (recorded).
	const tail = f.preflightRedirected ? [didNotSucceed(u), didNotSucceed(u)] : f.stage === 'preflight' || f.stage === 'redirect' ? [didNotSucceed(u)] : [];
	const one = (r: string): string[] => [reason(u, r), ...tail];
	switch (f.code) {
		case 'missing-allow-origin':
			return one(`CORS header ‘Access-Control-Allow-Origin’ missing). Status code: ${f.status ?? 0}.`);
		case 'multiple-allow-origin':
			return one('Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).');
		case 'allow-origin-mismatch':
		case 'invalid-allow-origin':
			return one(`CORS header ‘Access-Control-Allow-Origin’ does not match ‘${v}’).`);
		case 'wildcard-with-credentials':
			return [`${B}‘${u}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`, ...tail];
		case 'invalid-allow-credentials':
			return one('expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).');
		case 'preflight-bad-status':
			return one(`CORS preflight response did not succeed). Status code: ${f.status ?? 0}.`);
		case 'preflight-redirect':
			return [
				reason(u, 'CORS request external redirect not allowed).'),
				reason(u, `CORS preflight response did not succeed). Status code: ${f.status ?? 0}.`),
				...tail,
			];
		case 'allow-methods-unparseable':
			return one(`invalid token ‘${v}’ in CORS header ‘Access-Control-Allow-Methods’).`);
		case 'allow-headers-unparseable':
			return one(`invalid token ‘${v}’ in CORS header ‘Access-Control-Allow-Headers’).`);
		case 'method-not-allowed':
			return one('Did not find method in CORS header ‘Access-Control-Allow-Methods’).');
		case 'header-not-allowed':
			return one(`header ‘${v}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`);
		case 'same-origin-mode':
			// On a redirect the security check runs on the new URL (f.value).
			return [`Security Error: Content at ${pageName(ctx)} may not load data from ${f.stage === 'redirect' ? (f.value ?? u) : u}.`];
		// The channel fails without a CORS verdict: only the generic line.
		case 'redirect-unsafe-scheme':
		case 'redirect-bad-location':
		case 'redirect-has-credentials':
		case 'too-many-redirects':
			return [didNotSucceed(u)];
		default:
			return [];
	}
}

function rejection(f: Failure, method: string): string {
	switch (f.code) {
		case 'invalid-url':
			return `TypeError: Window.fetch: ${f.url} is not a valid URL.`;
		case 'forbidden-method':
		case 'no-cors-method':
		case 'invalid-method':
			return `TypeError: Window.fetch: Invalid request method ${method}.`;
		case 'url-has-credentials':
			return `TypeError: Window.fetch: ${f.url} is an url with embedded credentials.`;
		case 'body-with-get-or-head':
			return 'TypeError: Window.fetch: HEAD or GET Request cannot have a body.';
		case 'invalid-header':
			return `TypeError: Window.fetch: ${f.value ?? 'invalid header'}`;
		default:
			return 'TypeError: NetworkError when attempting to fetch resource.';
	}
}

const UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0';

/** Header order as Firefox put it on the wire in the recordings (not scored). */
function wireHeaders(p: WireParts): Header[] {
	// A repeated Content-Type is not combined: the last one set replaces the others (recorded;
	// Gecko treats it as a singleton header).
	const lastContentType = [...(p.authorLines ?? [])].reverse().find(([k]) => lower(k) === 'content-type');
	const author = p.author.map(([k, v]) => [lower(k), k.toLowerCase() === 'content-type' && lastContentType ? lastContentType[1] : v] as const);
	const authored = (n: string) => author.find(([k]) => k === n);
	// A User-Agent set by the page replaces the default (recorded; Fetch appends the default only when none is set).
	const ua = p.kind === 'actual' ? (authored('user-agent')?.[1] ?? UA) : UA;
	const out: Header[] = [['host', p.host], ['user-agent', ua]];
	out.push(p.kind === 'actual' ? (authored('accept') ?? ['accept', '*/*']) : ['accept', '*/*']);
	out.push(p.kind === 'actual' ? (authored('accept-language') ?? ['accept-language', 'en-US,en;q=0.9']) : ['accept-language', 'en-US,en;q=0.9']);
	out.push(['accept-encoding', p.kind === 'actual' && authored('range') ? 'identity' : 'gzip, deflate']);
	const own = author.filter((h) => !['accept', 'accept-language', 'user-agent'].includes(h[0]));
	if (p.kind === 'preflight') {
		out.push(['access-control-request-method', p.requestMethod ?? '']);
		if (p.requestHeaders) out.push(['access-control-request-headers', p.requestHeaders]);
		if (p.referrer !== null) out.push(['referer', p.referrer]);
	} else if (!p.redirected) {
		if (p.referrer !== null) out.push(['referer', p.referrer]);
		for (const h of own) out.push(h);
		if (p.contentLength !== null && !p.bodyless) out.push(['content-length', p.contentLength]);
	} else {
		// After a redirect Firefox keeps the body's headers, then Origin, then sets the page's
		// other headers and Referer anew (recorded).
		for (const h of own) if (h[0] === 'content-type') out.push(h);
		if (p.contentLength !== null) out.push(['content-length', p.contentLength]);
	}
	if (p.origin !== null) out.push(['origin', p.origin]);
	if (p.kind === 'actual' && p.redirected) {
		for (const h of own) if (h[0] !== 'content-type') out.push(h);
		if (p.referrer !== null) out.push(['referer', p.referrer]);
	}
	out.push(['connection', 'keep-alive'], ['priority', 'u=4']);
	// A POST without a body: its Content-Length: 0 comes last (recorded).
	if (p.kind === 'actual' && !p.redirected && p.bodyless && p.contentLength !== null) out.push(['content-length', p.contentLength]);
	return out;
}

export const firefox: BrowserProfile = {
	id: 'firefox',
	name: 'Firefox',
	version: '153.8.0',
	evidence: 'verified: every rule agrees with recordings of headless Firefox ESR 153 (../shared/oracle/firefox)',
	// Firefox has neither Chromium's extra safelisted names nor the 1024-byte total; it lets
	// pages set User-Agent (which then needs a preflight).
	// Recorded (lab corpus): a Range position of 2^64 or more is not safelisted (read as uint64);
	// a Content-Type with a comma anywhere is not safelisted (its parser refuses type lists).
	headerRules: { rangeCaseInsensitive: false, rangeLimit: '18446744073709551616', contentTypeRejectsComma: true, extraForbidden: [], safelistedTotalLimit: null },
	redirectKeepsPreflight: true,
	checksRedirectedPreflight: true,
	starCoversAuthorization: true,
	preflightChecks: ['cors', 'status', 'parse-methods', 'method', 'parse-headers', 'headers'],
	parseMaxAge: parseFirefoxMaxAge,
	createCache: () => new TokenCache(),
	clearCacheOnFailure: true,
	corsCheck: firefoxCorsCheck,
	consoleMessages: firefoxMessages,
	rejection,
	wireHeaders,
};
