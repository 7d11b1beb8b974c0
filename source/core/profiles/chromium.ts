// Chromium 156 — verified against recordings of the real browser (../shared/oracle/chromium).
// Sources: cors-facts §1.5 (extra safelisted headers, Range), §2.2 (ACAO before status),
// §2.6 (Max-Age), §3.3 (error classification), §4.5 (result cache), §8.1 (console text).

import type { Failure } from '../failure.js';
import { type Header, lower } from '../headers.js';
import { ResultCache } from '../preflight-cache.js';
import { SAFELISTED_TOTAL_LIMIT } from '../safelist.js';
import { acaoLooksLikeUrl, checkOrder, classifyMismatch } from './shared.js';
import type { BrowserProfile, CorsCheckInput, CorsCheckOutcome, MaxAge, MessageContext, WireParts } from './types.js';

const DIGITS = /^[0-9]+$/;
const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
const ECT = ['slow-2g', '2g', '3g', '4g'];

/** Chromium IsCorsSafelistedHeader's additions to the standard list (§1.5). */
function extraSafelisted(name: string, value: string): boolean | undefined {
	switch (name) {
		case 'intervention':
			return true;
		case 'device-memory':
		case 'dpr':
		case 'downlink':
			return DECIMAL.test(value);
		case 'width':
		case 'viewport-width':
		case 'rtt':
			return DIGITS.test(value);
		case 'ect':
			return ECT.includes(value);
		case 'save-data':
			return lower(value) === 'on';
		default:
			return undefined;
	}
}

const INT64_MAX = 2n ** 63n - 1n;
const MAX_SECONDS = 7200;

/** preflight_result.cc: base::StringToInt64, default 5 s, negative → 0, cap 2 h (§2.6). */
export function parseChromiumMaxAge(raw: string | null): MaxAge {
	if (raw === null) return { cache: true, seconds: 5, text: 'no Access-Control-Max-Age: Chromium keeps the preflight for the default 5 s' };
	const m = /^([+-]?)([0-9]+)$/.exec(raw);
	const n = m ? BigInt(`${m[1] === '-' ? '-' : ''}${m[2]}`) : null;
	if (n === null || n > INT64_MAX || n < -INT64_MAX - 1n)
		return { cache: true, seconds: 5, text: `Access-Control-Max-Age '${raw}' is not a 64-bit integer: Chromium uses the default 5 s` };
	if (n <= 0n) return { cache: true, seconds: 0, text: `Access-Control-Max-Age '${raw}' is ${n < 0n ? 'negative, treated as' : ''} 0 s: the entry is stale at once` };
	if (n > BigInt(MAX_SECONDS)) return { cache: true, seconds: MAX_SECONDS, text: `Access-Control-Max-Age '${raw}' is capped at Chromium's limit of 7200 s (2 h)` };
	return { cache: true, seconds: Number(n), text: `Access-Control-Max-Age '${raw}': cached for ${Number(n)} s` };
}

/** cors.cc CheckAccess (§3.3): wildcard, missing, then why the value differs, then ACAC. */
export function chromiumCorsCheck(i: CorsCheckInput): CorsCheckOutcome {
	const lines = i.allowOrigin.length;
	const value = i.allowOrigin.join(', ');
	if (lines > 0 && value === '*' && i.include)
		return { ok: false, code: 'wildcard-with-credentials', value, lines, text: "Access-Control-Allow-Origin is '*' but the request's credentials mode is 'include'" };
	if (lines === 0) return { ok: false, code: 'missing-allow-origin', value: '', lines, text: 'the response has no Access-Control-Allow-Origin header' };
	if (value !== '*' && value !== i.origin) {
		const code = /[ ,]/.test(value) ? 'multiple-allow-origin' : value === 'null' || acaoLooksLikeUrl(value) ? 'allow-origin-mismatch' : 'invalid-allow-origin';
		return { ok: false, code, value, lines, text: classifyMismatch(code, value, i.origin) };
	}
	return checkOrder.credentials(i, value, lines);
}

/** Non-printable characters in a quoted value are shown as \uXXXX (§8.1). */
const printable = (v: string): string =>
	v.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);

const VALID_VALUE = ' Have the server send the header with a valid value.';

export function chromiumMessages(f: Failure, ctx: MessageContext): string[] {
	const last = f.urlList[f.urlList.length - 1] ?? f.url;
	const first = f.urlList[0] ?? f.url;
	const prefix = `Access to fetch at '${last}' ${f.urlList.length > 1 ? `(redirected from '${first}') ` : ''}from origin '${ctx.pageOrigin}' has been blocked by CORS policy: `;
	const pf = f.stage === 'preflight' ? "Response to preflight request doesn't pass access control check: " : '';
	const v = printable(f.value ?? '');
	switch (f.code) {
		case 'missing-allow-origin':
			return [`${prefix}${pf}No 'Access-Control-Allow-Origin' header is present on the requested resource.`];
		case 'wildcard-with-credentials':
			return [`${prefix}${pf}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`];
		case 'multiple-allow-origin':
			return [`${prefix}${pf}The 'Access-Control-Allow-Origin' header contains multiple values '${v}', but only one is allowed.${VALID_VALUE}`];
		case 'invalid-allow-origin':
			return [`${prefix}${pf}The 'Access-Control-Allow-Origin' header contains the invalid value '${v}'.${VALID_VALUE}`];
		case 'allow-origin-mismatch':
			return [`${prefix}${pf}The 'Access-Control-Allow-Origin' header has a value '${v}' that is not equal to the supplied origin.${VALID_VALUE}`];
		case 'invalid-allow-credentials':
			return [`${prefix}${pf}The value of the 'Access-Control-Allow-Credentials' header in the response is '${v}' which must be 'true' when the request's credentials mode is 'include'.`];
		case 'preflight-bad-status':
			return [`${prefix}${pf}It does not have HTTP ok status.`];
		case 'preflight-redirect':
			return [`${prefix}${pf}Redirect is not allowed for a preflight request.`];
		case 'allow-methods-unparseable':
			return [`${prefix}Cannot parse Access-Control-Allow-Methods response header field in preflight response.`];
		case 'allow-headers-unparseable':
			return [`${prefix}Cannot parse Access-Control-Allow-Headers response header field in preflight response.`];
		case 'method-not-allowed':
			return [`${prefix}Method ${v} is not allowed by Access-Control-Allow-Methods in preflight response.`];
		case 'header-not-allowed':
			return [`${prefix}Request header field ${v} is not allowed by Access-Control-Allow-Headers in preflight response.`];
		case 'redirect-has-credentials':
			// Chromium attaches no URL to kRedirectContainsCredentials, so the quotes stay empty.
			return [`${prefix}Redirect location '' contains a username and password, which is disallowed for cross-origin requests.`];
		case 'same-origin-mode':
			// fetch_manager.cc refuses the first URL; a redirect to another origin is refused by the
			// frame's security check, whose message ends with a newline (recorded).
			return f.stage === 'redirect'
				? [`Unsafe attempt to load URL ${f.value || f.url} from frame with URL ${ctx.pageUrl}. Domains, protocols and ports must match.\n`]
				: [`Fetch API cannot load ${f.url}. Request mode is "same-origin" but the URL's origin is not same as the request origin ${ctx.pageOrigin}.`];
		// The network layer refuses these before CORS sees them: only "Failed to load
		// resource: net::ERR_…" lines, which are not part of the console record.
		case 'redirect-unsafe-scheme':
		case 'redirect-bad-location':
		case 'too-many-redirects':
		// TypeErrors thrown by fetch() are exceptions, not console messages.
		default:
			return [];
	}
}

function rejection(f: Failure, method: string): string {
	const p = "TypeError: Failed to execute 'fetch' on 'Window': ";
	switch (f.code) {
		case 'invalid-url':
			return `${p}Failed to parse URL from ${f.url}`;
		case 'forbidden-method':
			return `${p}'${method}' HTTP method is unsupported.`;
		case 'invalid-method':
			return `${p}'${method}' is not a valid HTTP method.`;
		case 'no-cors-method':
			return `${p}'${method}' is unsupported in no-cors mode.`;
		case 'url-has-credentials':
			return `${p}Request cannot be constructed from a URL that includes credentials: ${f.url}`;
		case 'body-with-get-or-head':
			return `${p}Request with GET/HEAD method cannot have body.`;
		case 'invalid-header':
			return `${p}${f.value ?? 'Invalid header.'}`;
		default:
			return 'TypeError: Failed to fetch';
	}
}

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';

/** Header order as Chromium put it on the wire in the recordings (not scored). */
function wireHeaders(p: WireParts): Header[] {
	const author = p.author.map(([k, v]) => [lower(k), v] as const);
	const authored = (n: string) => author.find(([k]) => k === n);
	const out: Header[] = [['host', p.host]];
	if (p.kind === 'preflight') {
		out.push(['accept', '*/*'], ['access-control-request-method', p.requestMethod ?? '']);
		if (p.requestHeaders) out.push(['access-control-request-headers', p.requestHeaders]);
		if (p.origin !== null) out.push(['origin', p.origin]);
		out.push(['user-agent', UA], ['sec-fetch-mode', 'cors']);
		if (p.referrer !== null) out.push(['referer', p.referrer]);
		out.push(['accept-encoding', 'gzip, deflate'], ['accept-language', 'en-US,en;q=0.9']);
		return out;
	}
	if (p.contentLength !== null) out.push(['content-length', p.contentLength]);
	// A page's Accept-Language comes right after Host (recorded).
	const language = authored('accept-language');
	if (language) out.push(language);
	out.push(['user-agent', UA]);
	for (const h of author) if (!['accept', 'range', 'accept-language'].includes(h[0])) out.push(h);
	out.push(authored('accept') ?? ['accept', '*/*']);
	if (p.origin !== null) out.push(['origin', p.origin]);
	if (p.referrer !== null) out.push(['referer', p.referrer]);
	const range = authored('range');
	out.push(['accept-encoding', range ? 'identity' : 'gzip, deflate']);
	if (!authored('accept-language')) out.push(['accept-language', 'en-US,en;q=0.9']);
	// A single byte range is re-serialized: "bytes=007-010" goes out as "bytes=7-10" (recorded).
	if (range) out.push(['range', range[1].replace(/^bytes=(\d+)-(\d*)$/, (_, a: string, b: string) => `bytes=${BigInt(a)}-${b === '' ? '' : BigInt(b)}`)]);
	return out;
}

export const chromium: BrowserProfile = {
	id: 'chromium',
	name: 'Chromium',
	version: '156.0.8078.108',
	evidence: 'verified: every rule agrees with recordings of headless Chromium 156 (../shared/oracle/chromium)',
	headerRules: {
		// Recorded (lab corpus), against cors-facts §1.5: "BYTES=0-1" is preflighted (the value is
		// not lowercased), and a range position of 2^63-1 or more is not safelisted.
		extraSafelisted, rangeCaseInsensitive: false, rangeLimit: '9223372036854775807', safelistedTotalLimit: SAFELISTED_TOTAL_LIMIT, combineRepeated: true,
		// Recorded: a page may set Access-Control-Request-Private-Network (PNA is gone, §7.1); it is then unsafe.
		extraForbidden: ['user-agent'],
		// Recorded: the first disallowed header reported is the first in request order, where an
		// Accept set by the page goes last (as on the wire); over-budget names come after the rest.
		checkOrder: 'request-accept-last',
	},
	starCoversAuthorization: true,
	preflightChecks: ['cors', 'status', 'parse-methods', 'parse-headers', 'method', 'headers'],
	parseMaxAge: parseChromiumMaxAge,
	// preflight_cache.cc: URLs of kMaxKeyLength (1024) characters or more are never cached.
	// Recorded (lab corpus): a cached `*` in Allow-Headers never covers Authorization, although
	// the preflight check itself lets it; and a preflight from an opaque origin is never reused.
	createCache: () => new ResultCache({ starCoversAuthorization: false, maxUrlLength: 1024, cachesOpaqueOrigins: false }),
	clearCacheOnFailure: false,
	corsCheck: chromiumCorsCheck,
	consoleMessages: chromiumMessages,
	rejection,
	wireHeaders,
};
