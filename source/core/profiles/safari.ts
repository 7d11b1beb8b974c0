// Safari (WebKit) — NOT verified against recordings: no Safari runs on this platform. Every
// rule comes from WebKit's source as summarised in cors-facts §2.2 (status before ACAO),
// §2.6 (Max-Age: parse failure → 5 s, cap 600 s), §3.3 (classification), §4.7 (cache stored
// before the method/header check, replaced on every preflight) and §8.3 (reason strings).

import { type Failure, isThrownByFetch } from '../failure.js';
import { type Header, lower } from '../headers.js';
import { ResultCache } from '../preflight-cache.js';
import { SPEC_HEADER_RULES } from '../safelist.js';
import { checkOrder, describeTypeError } from './shared.js';
import type { BrowserProfile, CorsCheckInput, CorsCheckOutcome, MaxAge, MessageContext, WireParts } from './types.js';

const CAP = 600;

const UINT32_MAX = 4_294_967_295;

/**
 * CrossOriginPreflightResultCache parseAccessControlMaxAge: String::toUIntStrict (an optional
 * "+", digits, no overflow past 2^32-1), else 5 s; cap 10 min.
 */
export function parseSafariMaxAge(raw: string | null): MaxAge {
	const m = raw === null ? null : /^\+?([0-9]+)$/.exec(raw);
	const digits = m?.[1]?.replace(/^0+(?=.)/, '') ?? null;
	if (raw === null || digits === null || digits.length > 10 || Number(digits) > UINT32_MAX)
		return { cache: true, seconds: 5, text: raw === null ? 'no Access-Control-Max-Age: Safari keeps the preflight for the default 5 s' : `Access-Control-Max-Age '${raw}' is not an unsigned 32-bit integer: Safari uses the default 5 s` };
	if (Number(digits) > CAP) return { cache: true, seconds: CAP, text: `Access-Control-Max-Age '${raw}' is capped at Safari's limit of 600 s (10 min)` };
	return { cache: true, seconds: Number(digits), text: `Access-Control-Max-Age '${raw}': cached for ${Number(digits)} s` };
}

/** passesAccessControlCheck: '*' with credentials, a comma, anything else unequal (missing too), then ACAC. */
export function safariCorsCheck(i: CorsCheckInput): CorsCheckOutcome {
	const lines = i.allowOrigin.length;
	const value = i.allowOrigin.join(', ');
	if (value === '*' && i.include)
		return { ok: false, code: 'wildcard-with-credentials', value, lines, text: "Access-Control-Allow-Origin is '*' but the request's credentials mode is 'include'" };
	if (value.includes(','))
		return { ok: false, code: 'multiple-allow-origin', value, lines, text: `Access-Control-Allow-Origin '${value}' holds more than one origin` };
	if (lines === 0) return { ok: false, code: 'missing-allow-origin', value, lines, text: 'the response has no Access-Control-Allow-Origin header' };
	if (value !== '*' && value !== i.origin)
		return { ok: false, code: 'allow-origin-mismatch', value, lines, text: `Access-Control-Allow-Origin '${value}' is not byte-for-byte the request's origin '${i.origin}'` };
	return checkOrder.credentials(i, value, lines);
}

export function safariMessages(f: Failure, ctx: MessageContext): string[] {
	const v = f.value ?? '';
	const reasonFor = (): string | null => {
		switch (f.code) {
			case 'missing-allow-origin':
			case 'allow-origin-mismatch':
			case 'invalid-allow-origin':
				return `Origin ${ctx.pageOrigin} is not allowed by Access-Control-Allow-Origin. Status code: ${f.status ?? 0}`;
			case 'wildcard-with-credentials':
				return 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.';
			case 'multiple-allow-origin':
				return 'Access-Control-Allow-Origin cannot contain more than one origin.';
			case 'invalid-allow-credentials':
				return 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".';
			case 'preflight-bad-status':
			case 'preflight-redirect':
				return `Preflight response is not successful. Status code: ${f.status ?? 0}`;
			case 'allow-methods-unparseable':
				return `Header Access-Control-Allow-Methods has an invalid value: ${v}`;
			case 'allow-headers-unparseable':
				return `Header Access-Control-Allow-Headers has an invalid value: ${v}`;
			case 'method-not-allowed':
				return `Method ${v} is not allowed by Access-Control-Allow-Methods.`;
			case 'header-not-allowed':
				return `Request header field ${v} is not allowed by Access-Control-Allow-Headers.`;
			case 'redirect-has-credentials':
				return `redirection URL ${v} has credentials`;
			default:
				return null;
		}
	};
	if (isThrownByFetch(f.code)) return [];
	const reason = reasonFor();
	return [...(reason ? [reason] : []), `Fetch API cannot load ${f.url} due to access control checks.`];
}

const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15';

function wireHeaders(p: WireParts): Header[] {
	const out: Header[] = [['host', p.host]];
	if (p.kind === 'preflight') {
		out.push(['access-control-request-method', p.requestMethod ?? '']);
		if (p.requestHeaders) out.push(['access-control-request-headers', p.requestHeaders]);
	} else {
		for (const [k, v] of p.author) out.push([lower(k), v]);
		if (p.contentLength !== null) out.push(['content-length', p.contentLength]);
	}
	if (!p.author.some(([k]) => lower(k) === 'accept') || p.kind === 'preflight') out.push(['accept', '*/*']);
	if (p.origin !== null) out.push(['origin', p.origin]);
	if (p.referrer !== null) out.push(['referer', p.referrer]);
	out.push(['user-agent', UA], ['accept-language', 'en-US,en;q=0.9'], ['accept-encoding', 'gzip, deflate']);
	return out;
}

export const safari: BrowserProfile = {
	id: 'safari',
	name: 'Safari',
	version: 'WebKit (source-derived)',
	evidence: 'documented only: taken from WebKit source (cors-facts §2.6, §3.3, §4.7, §8.3); no recordings exist, so treat its console text as approximate',
	headerRules: SPEC_HEADER_RULES,
	starCoversAuthorization: true,
	preflightChecks: ['status', 'cors', 'parse-methods', 'parse-headers', 'method', 'headers'],
	storesBeforeMethodCheck: true,
	parseMaxAge: parseSafariMaxAge,
	createCache: () => new ResultCache({ starCoversAuthorization: true, servedAtExpiry: true, wildcardCredentials: 'request' }),
	clearCacheOnFailure: false,
	corsCheck: safariCorsCheck,
	consoleMessages: safariMessages,
	rejection: (f, method) => (isThrownByFetch(f.code) ? `TypeError: ${describeTypeError(f, method)}` : 'TypeError: Load failed'),
	wireHeaders,
};
