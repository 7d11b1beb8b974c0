// Origins [HTML #concept-origin] and the URL facts the CORS algorithms need.
// The global WHATWG URL parser is used: it is pure and deterministic.

export type TupleOrigin = { readonly kind: 'tuple'; readonly scheme: string; readonly host: string; readonly port: string };
export type OpaqueOrigin = { readonly kind: 'opaque' };
export type Origin = TupleOrigin | OpaqueOrigin;

export const OPAQUE: OpaqueOrigin = { kind: 'opaque' };

/** [HTML #ascii-serialisation-of-an-origin]: "scheme://host[:port]" or "null". */
export function serializeOrigin(o: Origin): string {
	if (o.kind === 'opaque') return 'null';
	return `${o.scheme}://${o.host}${o.port === '' ? '' : `:${o.port}`}`;
}

export function parseUrl(input: string, base?: string): URL | null {
	try {
		return base === undefined ? new URL(input) : new URL(input, base);
	} catch {
		return null;
	}
}

export const isHttpScheme = (u: URL): boolean => u.protocol === 'http:' || u.protocol === 'https:';

/** The origin of an http(s) URL; any other scheme gives an opaque origin. */
export function originOf(u: URL): Origin {
	if (!isHttpScheme(u)) return OPAQUE;
	return { kind: 'tuple', scheme: u.protocol.slice(0, -1), host: u.hostname, port: u.port };
}

/** [HTML #same-origin]: opaque origins are never same origin with a tuple origin. */
export function sameOrigin(a: Origin, b: Origin): boolean {
	if (a.kind === 'opaque' || b.kind === 'opaque') return a === b;
	return a.scheme === b.scheme && a.host === b.host && a.port === b.port;
}

/**
 * Parse a page origin as written in a scenario: "null", or exactly what URL.origin
 * serialises ("http://app.test", "http://localhost:8080"). Returns an error text otherwise.
 */
export function parsePageOrigin(s: string): Origin | { error: string } {
	if (s === 'null') return OPAQUE;
	const u = parseUrl(s);
	if (!u) return { error: `"${s}" is not a URL; write an origin such as "http://app.test" or "null"` };
	if (!isHttpScheme(u)) return { error: `"${s}" must use http: or https:` };
	const o = originOf(u);
	const canonical = serializeOrigin(o);
	if (canonical !== s)
		return { error: `"${s}" is not a serialized origin; write it as "${canonical}" (no path, no trailing slash, lowercase, default port omitted)` };
	return o;
}

export const urlHasCredentials = (u: URL): boolean => u.username !== '' || u.password !== '';
