// What fetch(url, init) does before anything reaches the network: the Request constructor
// [F #dom-request] — URL, method, mode, header filling with its guards, body — cors-facts
// §1.6-1.11. Errors here are the TypeErrors fetch() rejects with; nothing is sent.

import type { Failure, FailureCode } from './failure.js';
import { type Header, type HeaderList, getHeader, isToken, lower, trimHttpWhitespace } from './headers.js';
import { isHttpScheme, parseUrl, urlHasCredentials } from './origin.js';
import {
	type HeaderRules, NO_CORS_SAFELISTED_NAMES, isCorsSafelistedMethod, isCorsSafelistedRequestHeader,
	isForbiddenMethod, isForbiddenRequestHeader, normalizeMethod,
} from './safelist.js';

export const REQUEST_MODES = ['cors', 'no-cors', 'same-origin'] as const;
export const CREDENTIALS_MODES = ['omit', 'same-origin', 'include'] as const;
export type RequestMode = (typeof REQUEST_MODES)[number];
export type CredentialsMode = (typeof CREDENTIALS_MODES)[number];

/** The arguments of one fetch() call. */
export interface FetchInit {
	readonly url: string;
	readonly method: string;
	/** In the order the page wrote them. */
	readonly headers: HeaderList;
	readonly credentials: CredentialsMode;
	readonly mode: RequestMode;
	readonly body: string | null;
}

export interface Request {
	readonly url: URL;
	readonly method: string;
	/**
	 * The header list after the guard dropped forbidden (and, in no-cors, unsafe) headers: one
	 * entry per append, as the standard keeps it (a repeated name is not combined here).
	 */
	readonly headers: Header[];
	/** Headers fetch() dropped silently, and why. */
	readonly dropped: { readonly name: string; readonly why: string }[];
	readonly credentials: CredentialsMode;
	readonly mode: RequestMode;
	readonly body: string | null;
}

export type Constructed = { readonly ok: true; readonly request: Request } | { readonly ok: false; readonly failure: Failure };

/** Why a header value cannot be used at all (fetch() throws) or null: [F #header-value]. */
export function headerValueProblem(value: string): string | null {
	for (const c of value) {
		const code = c.charCodeAt(0);
		if (code > 0xff) return `contains '${c}', which is not a byte (fetch() accepts U+0000-U+00FF only)`;
		if (code === 0 || code === 0x0a || code === 0x0d) return `contains the forbidden byte 0x${code.toString(16).padStart(2, '0')} (NUL, LF or CR)`;
	}
	return null;
}

export const headerNameProblem = (name: string): string | null =>
	isToken(name) ? null : `'${name}' is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`;

export function constructRequest(init: FetchInit, rules: HeaderRules): Constructed {
	const fail = (code: FailureCode, value?: string): Constructed => ({
		ok: false, failure: { code, stage: 'request', url: init.url, urlList: [init.url], ...(value === undefined ? {} : { value }) },
	});
	const url = parseUrl(init.url);
	if (!url || !isHttpScheme(url)) return fail('invalid-url', init.url);
	if (urlHasCredentials(url)) return fail('url-has-credentials');
	if (!isToken(init.method)) return fail('invalid-method', init.method);
	if (isForbiddenMethod(init.method)) return fail('forbidden-method', init.method);
	const method = normalizeMethod(init.method);
	if (init.mode === 'no-cors' && !isCorsSafelistedMethod(method)) return fail('no-cors-method', method);

	const headers: Header[] = [];
	const dropped: { name: string; why: string }[] = [];
	const append = (name: string, rawValue: string): Constructed | null => {
		const value = trimHttpWhitespace(rawValue);
		const problem = headerNameProblem(name) ?? headerValueProblem(value);
		if (problem) return fail('invalid-header', `Invalid header ${name}: ${problem}`);
		if (isForbiddenRequestHeader(name, value, rules)) {
			dropped.push({ name, why: 'it is a forbidden request header: only the browser may set it' });
			return null;
		}
		if (init.mode === 'no-cors') {
			// The "request-no-cors" guard keeps only safelisted (name, combined value) pairs, §1.8.
			const n = lower(name);
			const combined = [getHeader(headers, n), value].filter((x) => x !== null).join(', ');
			if (!NO_CORS_SAFELISTED_NAMES.includes(n) || !isCorsSafelistedRequestHeader(n, combined, rules)) {
				dropped.push({ name, why: 'mode "no-cors" keeps only Accept, Accept-Language, Content-Language and Content-Type with safelisted values' });
				return null;
			}
		}
		headers.push([name, value]);
		return null;
	};
	for (const [name, value] of init.headers) {
		const err = append(name, value);
		if (err) return err;
	}
	if (init.body !== null) {
		if (method === 'GET' || method === 'HEAD') return fail('body-with-get-or-head', method);
		// A string body brings its own Content-Type unless the page set one [F #concept-bodyinit-extract].
		if (getHeader(headers, 'content-type') === null) append('Content-Type', 'text/plain;charset=UTF-8');
	}
	return { ok: true, request: { url, method, headers, dropped, credentials: init.credentials, mode: init.mode, body: init.body } };
}

/** One line per name, values joined with ", " and the first spelling kept, as Headers.get reads them. */
export function combineByName(list: HeaderList): Header[] {
	const out: Header[] = [];
	for (const [name, value] of list) {
		const i = out.findIndex(([k]) => lower(k) === lower(name));
		if (i < 0) out.push([name, value]);
		else out[i] = [out[i]![0], `${out[i]![1]}, ${value}`];
	}
	return out;
}
