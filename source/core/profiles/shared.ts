// Small pieces several profiles share.

import type { CorsCheckCode, Failure } from '../failure.js';
import { parseUrl } from '../origin.js';
import type { CorsCheckInput, CorsCheckOutcome } from './types.js';

/** Whether a value parses as an absolute URL (Chromium's GURL::is_valid, approximated by WHATWG URL). */
export const acaoLooksLikeUrl = (v: string): boolean => parseUrl(v) !== null;

export function classifyMismatch(code: CorsCheckCode, value: string, origin: string): string {
	switch (code) {
		case 'multiple-allow-origin':
			return `Access-Control-Allow-Origin '${value}' holds more than one value; exactly one origin (or '*') is allowed`;
		case 'invalid-allow-origin':
			return `Access-Control-Allow-Origin '${value}' is not an origin at all`;
		default:
			return `Access-Control-Allow-Origin '${value}' is not byte-for-byte the request's origin '${origin}'`;
	}
}

/** [F #concept-cors-check] steps 5-6: only for credentialed requests, ACAC must be exactly "true". */
function credentials(i: CorsCheckInput, value: string, lines: number): CorsCheckOutcome {
	if (!i.include) return { ok: true, text: `Access-Control-Allow-Origin '${value}' allows origin '${i.origin}'` };
	const acac = i.allowCredentials.join(', ');
	if (acac !== 'true')
		return {
			ok: false, code: 'invalid-allow-credentials', value: acac, lines,
			text: i.allowCredentials.length === 0
				? "the request's credentials mode is 'include' but Access-Control-Allow-Credentials is missing"
				: `Access-Control-Allow-Credentials is '${acac}', and only the exact value 'true' is accepted`,
		};
	return { ok: true, text: `Access-Control-Allow-Origin '${value}' matches and Access-Control-Allow-Credentials is 'true'` };
}

export const checkOrder = { credentials };

/** A browser-neutral sentence for the TypeErrors fetch() throws (cors-facts §1.7-1.11). */
export function describeTypeError(f: Failure, method: string): string {
	switch (f.code) {
		case 'invalid-url':
			return `${f.url} is not a valid http(s) URL.`;
		case 'forbidden-method':
			return `${method} is a forbidden method.`;
		case 'invalid-method':
			return `'${method}' is not a valid HTTP method.`;
		case 'no-cors-method':
			return `${method} is not allowed in no-cors mode.`;
		case 'url-has-credentials':
			return `${f.url} includes credentials.`;
		case 'body-with-get-or-head':
			return 'Request with GET/HEAD method cannot have body.';
		default:
			return f.value ?? 'Invalid request.';
	}
}
