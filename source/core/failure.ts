// Failures are values: every way a fetch can end in a network error, as a closed set of
// codes with the value that decided it. Browsers word them differently (profiles/*).

import type { CorsCheckOutcome } from './profiles/types.js';

/** The CORS check's outcomes [F #concept-cors-check], cors-facts §3. */
export const CORS_CHECK_CODES = [
	'missing-allow-origin',
	'wildcard-with-credentials',
	'multiple-allow-origin',
	'invalid-allow-origin',
	'allow-origin-mismatch',
	'invalid-allow-credentials',
] as const;
export type CorsCheckCode = (typeof CORS_CHECK_CODES)[number];

export const FAILURE_CODES = [
	// thrown by fetch() before anything is sent (TypeError), cors-facts §1.7, §1.8, §1.11
	'invalid-url',
	'forbidden-method',
	'invalid-method',
	'no-cors-method',
	'url-has-credentials',
	'body-with-get-or-head',
	'invalid-header',
	// request mode "same-origin" against another origin, §5.1 / §5.6
	'same-origin-mode',
	// the CORS check of a preflight, redirect or final response, §3
	...CORS_CHECK_CODES,
	// the preflight's own checks, §2
	'preflight-bad-status',
	'preflight-redirect',
	'allow-methods-unparseable',
	'allow-headers-unparseable',
	'method-not-allowed',
	'header-not-allowed',
	// redirects, §6
	'redirect-unsafe-scheme',
	'redirect-bad-location',
	'redirect-has-credentials',
	'too-many-redirects',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export type Stage = 'request' | 'preflight' | 'redirect' | 'actual';

export interface Failure {
	readonly code: FailureCode;
	readonly stage: Stage;
	/** The URL of the request whose response failed (the fetch URL before any request). */
	readonly url: string;
	/** Every URL the fetch went through so far, the fetch URL first. */
	readonly urlList: readonly string[];
	/** The header that decided, e.g. "Access-Control-Allow-Origin". */
	readonly header?: string;
	/** The offending value: a header value, a method, a header name or a token. */
	readonly value?: string;
	/** How many header lines carried `header` (Firefox reports two lines as "Multiple"). */
	readonly lines?: number;
	/** HTTP status of the failing response. */
	readonly status?: number;
	/** The preflight was answered with a redirect (and failed its CORS check first). */
	readonly preflightRedirected?: boolean;
}

export const THROWN_BY_FETCH: readonly FailureCode[] = [
	'invalid-url', 'forbidden-method', 'invalid-method', 'no-cors-method', 'url-has-credentials', 'body-with-get-or-head', 'invalid-header',
];

export const isCorsCheckCode = (c: FailureCode): c is CorsCheckCode => (CORS_CHECK_CODES as readonly string[]).includes(c);

export const isThrownByFetch = (c: FailureCode): boolean => THROWN_BY_FETCH.includes(c);

/** The details a failed CORS check contributes to a Failure. */
export function checkFailure(c: Extract<CorsCheckOutcome, { ok: false }>, status: number): Partial<Failure> {
	return {
		value: c.value, lines: c.lines, status,
		header: c.code === 'invalid-allow-credentials' ? 'Access-Control-Allow-Credentials' : 'Access-Control-Allow-Origin',
	};
}

