// Which requests are "simple": CORS-safelisted methods and request headers, the unsafe
// header-name list that goes into Access-Control-Request-Headers, forbidden headers and
// methods. cors-facts §1 (Fetch standard), with each browser's departures supplied by its
// profile through HeaderRules.

import { type HeaderList, byteCompare, lower } from './headers.js';
import { parseMimeEssence } from './mime.js';

/** The parts of header classification that differ between browsers (cors-facts §1.5, §1.6). */
export interface HeaderRules {
	/** Names a browser safelists beyond the standard, with their value rules. */
	readonly extraSafelisted?: (lowerName: string, value: string) => boolean | undefined;
	/** Whether a Range value is lowercased before it is parsed (cors-facts §1.5 says Chromium does; recordings say not). */
	readonly rangeCaseInsensitive: boolean;
	/** Range positions must be below this decimal number (Chromium reads them as int64). */
	readonly rangeLimit?: string;
	/** Firefox refuses any Content-Type holding a comma, even inside a parameter. */
	readonly contentTypeRejectsComma?: boolean;
	/** The order in which unsafe names are checked against Allow-Headers (the first failure is reported). */
	readonly checkOrder?: 'sorted' | 'request-accept-last';
	/** Names a browser forbids beyond the standard (Chromium: User-Agent, §1.6). */
	readonly extraForbidden: readonly string[];
	/** The budget shared by all safelisted values (§1.4); null where a browser has none (Firefox). */
	readonly safelistedTotalLimit: number | null;
	/**
	 * Whether a repeated request header is judged on its combined value. The standard and
	 * Firefox (InternalHeaders::GetUnsafeHeaders) judge each entry alone; Chromium's loader
	 * combines repeated names into one line before its CORS checks.
	 */
	readonly combineRepeated?: boolean;
}

/** The standard's 1024-byte budget shared by all safelisted values of one request (§1.4). */
export const SAFELISTED_TOTAL_LIMIT = 1024;

export const SPEC_HEADER_RULES: HeaderRules = { rangeCaseInsensitive: false, extraForbidden: [], safelistedTotalLimit: SAFELISTED_TOTAL_LIMIT };

/** [F #cors-safelisted-method] §1.1: byte-exact. */
export const isCorsSafelistedMethod = (m: string): boolean => m === 'GET' || m === 'HEAD' || m === 'POST';

/** [F #forbidden-method] §1.7, compared case-insensitively. */
export const isForbiddenMethod = (m: string): boolean => ['CONNECT', 'TRACE', 'TRACK'].includes(m.toUpperCase());

/** [F #concept-method-normalize] §1.9: only these six are upper-cased. */
const NORMALIZED = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
export function normalizeMethod(m: string): string {
	const up = m.toUpperCase();
	return NORMALIZED.includes(up) ? up : m;
}

/** [F #cors-unsafe-request-header-byte] §1.3. */
export function isCorsUnsafeRequestHeaderByte(code: number): boolean {
	if (code < 0x20 && code !== 0x09) return true;
	return '"():<>?@[\\]{}\x7f'.includes(String.fromCharCode(code));
}
const hasUnsafeByte = (v: string): boolean => [...v].some((c) => isCorsUnsafeRequestHeaderByte(c.charCodeAt(0)));

/**
 * [F #simple-range-header-value] with allowWhitespace = false: "bytes=" digits "-" [digits].
 * Returns [start, end] (end may be null) or null on failure.
 */
export function parseSingleRange(value: string): [number | null, number | null] | null {
	const m = /^bytes=([0-9]*)-([0-9]*)$/.exec(value);
	if (!m) return null;
	const start = m[1] === '' ? null : Number(m[1]);
	const end = m[2] === '' ? null : Number(m[2]);
	if (start === null && end === null) return null;
	if (start !== null && end !== null && start > end) return null;
	return [start, end];
}

const LANGUAGE_BYTES = /^[0-9A-Za-z *,\-.;=]*$/;
const SAFELISTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** [F #cors-safelisted-request-header] §1.2, plus the profile's extra names. */
export function isCorsSafelistedRequestHeader(name: string, value: string, rules: HeaderRules): boolean {
	if (value.length > 128) return false;
	const n = lower(name);
	switch (n) {
		case 'accept':
			return !hasUnsafeByte(value);
		case 'accept-language':
		case 'content-language':
			return LANGUAGE_BYTES.test(value);
		case 'content-type': {
			if (hasUnsafeByte(value) || (rules.contentTypeRejectsComma && value.includes(','))) return false;
			const essence = parseMimeEssence(value);
			return essence !== null && SAFELISTED_CONTENT_TYPES.includes(essence);
		}
		case 'range': {
			const v = rules.rangeCaseInsensitive ? value.toLowerCase() : value;
			const range = parseSingleRange(v);
			if (range === null || range[0] === null) return false;
			const limit = rules.rangeLimit;
			return limit === undefined || (v.match(/[0-9]+/g) ?? []).every((n) => BigInt(n) < BigInt(limit));
		}
		default:
			return rules.extraSafelisted?.(n, value) ?? false;
	}
}

export interface UnsafeNames {
	/** Lowercased, de-duplicated, sorted: what Access-Control-Request-Headers carries. */
	readonly names: string[];
	/** The same names in the order a browser checks them against Allow-Headers. */
	readonly checkOrder: string[];
	/** Names that are unsafe only because the safelisted values exceeded 1024 bytes. */
	readonly overBudget: string[];
	/** Sum of the safelisted values' lengths. */
	readonly safelistedBytes: number;
}

/** [F #cors-unsafe-request-header-names] §1.4. `headers` holds one line per name. */
export function corsUnsafeRequestHeaderNames(headers: HeaderList, rules: HeaderRules): UnsafeNames {
	const unsafe = new Set<string>();
	const potentially: string[] = [];
	let total = 0;
	for (const [name, value] of headers) {
		if (!isCorsSafelistedRequestHeader(name, value, rules)) unsafe.add(lower(name));
		else {
			potentially.push(lower(name));
			total += value.length;
		}
	}
	const limit = rules.safelistedTotalLimit;
	const overBudget = [...new Set(limit !== null && total > limit ? potentially.filter((n) => !unsafe.has(n)) : [])];
	const plain = [...unsafe];
	for (const n of overBudget) unsafe.add(n);
	const names = [...unsafe].sort(byteCompare);
	const acceptLast = (xs: string[]) => [...xs.filter((n) => n !== 'accept'), ...xs.filter((n) => n === 'accept')];
	const checkOrder = rules.checkOrder === 'request-accept-last'
		? [...acceptLast(plain), ...acceptLast(overBudget)]
		: [...plain.sort(byteCompare), ...[...overBudget].sort(byteCompare)];
	return { names, checkOrder, overBudget: [...overBudget].sort(byteCompare), safelistedBytes: total };
}

const FORBIDDEN_HEADERS = [
	'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
	'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive',
	'origin', 'referer', 'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via',
];
const METHOD_OVERRIDE_HEADERS = ['x-http-method', 'x-http-method-override', 'x-method-override'];

/** [F #forbidden-request-header] §1.6: such headers are dropped silently by fetch(). */
export function isForbiddenRequestHeader(name: string, value: string, rules: HeaderRules): boolean {
	const n = lower(name);
	if (FORBIDDEN_HEADERS.includes(n) || rules.extraForbidden.includes(n)) return true;
	if (n.startsWith('proxy-') || n.startsWith('sec-')) return true;
	if (METHOD_OVERRIDE_HEADERS.includes(n)) {
		return value.split(',').some((m) => isForbiddenMethod(m.replace(/^[\t ]+|[\t ]+$/g, '')));
	}
	return false;
}

/** [F #no-cors-safelisted-request-header-name] §1.8. */
export const NO_CORS_SAFELISTED_NAMES = ['accept', 'accept-language', 'content-language', 'content-type'];

/** [F #cors-safelisted-response-header-name] §5.2 (without the exposed list). */
export const CORS_SAFELISTED_RESPONSE_HEADERS = [
	'cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma',
];

/** [F #forbidden-response-header-name] §5.3. */
export const FORBIDDEN_RESPONSE_HEADERS = ['set-cookie', 'set-cookie2'];
