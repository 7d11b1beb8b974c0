// The CORS-preflight cache, cors-facts §4, in the two shapes browsers use:
//  - ResultCache (Chromium §4.5, WebKit §4.7): one result per (origin, URL) holding the whole
//    method and header sets, the credentials flag and one expiry; every successful preflight
//    replaces it, and a lookup that finds it stale or insufficient erases it.
//  - TokenCache (Firefox §4.6, close to the standard §4.1-4.4): entries keyed by
//    credentials + origin + URL, one expiry per method or header token, merged on update.

import { duration } from './clock.js';
import { isCorsSafelistedMethod } from './safelist.js';
import type { CacheEntryView } from './trace.js';

export interface CacheQuery {
	/** Serialized origin of the page that started the fetch (kept even when the request is tainted). */
	readonly origin: string;
	readonly url: string;
	/** Credentials mode is "include". */
	readonly include: boolean;
	readonly method: string;
	/** The request's CORS-unsafe header names, lowercased. */
	readonly headers: readonly string[];
}

export interface PreflightGrant {
	readonly methods: readonly string[];
	readonly headers: readonly string[];
	readonly maxAgeMs: number;
}

export interface CacheLookup {
	readonly hit: boolean;
	readonly key: string;
	readonly text: string;
}

export interface PreflightCache {
	lookup(q: CacheQuery, now: number): CacheLookup;
	/** Store a successful preflight; returns what the cache now holds for it, or null if it refuses to store it. */
	store(q: CacheQuery, grant: PreflightGrant, now: number): CacheEntryView | null;
	/** Remove every entry for (origin, URL); returns the keys removed. */
	clear(origin: string, url: string): string[];
	entries(now: number): CacheEntryView[];
}

export interface CacheOptions {
	/** Whether `*` in Access-Control-Allow-Headers also covers Authorization (§2.5). */
	readonly starCoversAuthorization: boolean;
	/** URLs this long or longer are never stored (Chromium: 1024). */
	readonly maxUrlLength?: number;
	/** WebKit serves an entry at the very instant it expires (expiry < now); Chromium does not (expiry <= now). */
	readonly servedAtExpiry?: boolean;
	/**
	 * Whose credentials decide whether a cached `*` counts: the stored result's (Chromium
	 * PreflightResult) or the new request's (WebKit allowsRequest).
	 */
	readonly wildcardCredentials?: 'entry' | 'request';
	/** Whether a preflight made from an opaque ("null") origin is cached at all. */
	readonly cachesOpaqueOrigins?: boolean;
}

const covers = (list: readonly string[], token: string, include: boolean, star: boolean): boolean =>
	list.includes(token) || (!include && star && list.includes('*'));

interface Result {
	methods: string[];
	headers: string[];
	credentials: boolean;
	expiresAt: number;
}

export class ResultCache implements PreflightCache {
	readonly #map = new Map<string, Result>();
	constructor(readonly options: CacheOptions) {}

	#key = (origin: string, url: string): string => `${origin} ${url}`;

	lookup(q: CacheQuery, now: number): CacheLookup {
		const key = this.#key(q.origin, q.url);
		const r = this.#map.get(key);
		if (!r) return { hit: false, key, text: 'no cached preflight for this origin and URL' };
		if (this.options.servedAtExpiry ? r.expiresAt < now : r.expiresAt <= now) {
			this.#map.delete(key);
			return { hit: false, key, text: `the cached preflight expired ${duration(now - r.expiresAt)} ago and was erased` };
		}
		const why = this.#insufficient(r, q);
		if (why) {
			this.#map.delete(key);
			return { hit: false, key, text: `the cached preflight does not cover this request (${why}) and was erased` };
		}
		return { hit: true, key, text: `cached preflight covers ${q.method}${q.headers.length ? ` with ${q.headers.join(', ')}` : ''}; it expires in ${duration(r.expiresAt - now)}` };
	}

	#insufficient(r: Result, q: CacheQuery): string | null {
		// Chromium PreflightResult::EnsureAllowedRequest: the wildcard counts only when the
		// cached result itself was not credentialed.
		if (q.include && !r.credentials) return 'it was stored for a request without credentials';
		const noWildcard = this.options.wildcardCredentials === 'request' ? q.include : r.credentials;
		if (!isCorsSafelistedMethod(q.method) && !covers(r.methods, q.method, noWildcard, true))
			return `method ${q.method} not in [${r.methods.join(', ')}]`;
		const lowerHeaders = r.headers.map((h) => h.toLowerCase());
		for (const h of q.headers) {
			const star = this.options.starCoversAuthorization || h !== 'authorization';
			if (!covers(lowerHeaders, h, noWildcard, star)) return `header ${h} not in [${r.headers.join(', ')}]`;
		}
		return null;
	}

	store(q: CacheQuery, grant: PreflightGrant, now: number): CacheEntryView | null {
		const key = this.#key(q.origin, q.url);
		if (this.options.maxUrlLength !== undefined && q.url.length >= this.options.maxUrlLength) return null;
		if (this.options.cachesOpaqueOrigins === false && q.origin === 'null') return null;
		const r: Result = { methods: [...grant.methods], headers: [...grant.headers], credentials: q.include, expiresAt: now + grant.maxAgeMs };
		this.#map.set(key, r);
		return view(key, r);
	}

	clear(origin: string, url: string): string[] {
		const key = this.#key(origin, url);
		return this.#map.delete(key) ? [key] : [];
	}

	entries(now: number): CacheEntryView[] {
		return [...this.#map].filter(([, r]) => (this.options.servedAtExpiry ? r.expiresAt >= now : r.expiresAt > now)).map(([k, r]) => view(k, r));
	}
}

const view = (key: string, r: Result): CacheEntryView => ({
	key, methods: r.methods, headers: r.headers, credentials: r.credentials, expiresAt: r.expiresAt,
});

interface TokenEntry {
	methods: Map<string, number>;
	headers: Map<string, number>;
}

export class TokenCache implements PreflightCache {
	readonly #map = new Map<string, TokenEntry>();

	#key = (include: boolean, origin: string, url: string): string => `${include ? 'cred' : 'nocred'} ${origin} ${url}`;

	lookup(q: CacheQuery, now: number): CacheLookup {
		const key = this.#key(q.include, q.origin, q.url);
		const e = this.#map.get(key);
		if (!e) return { hit: false, key, text: `no cached preflight under ${q.include ? 'the credentialed' : 'the uncredentialed'} key` };
		purge(e, now);
		// Firefox CacheEntry::CheckRequest: GET and POST need no method entry; every other
		// method, and every unsafe header, needs an unexpired token of its own.
		if (q.method !== 'GET' && q.method !== 'POST' && !e.methods.has(q.method))
			return { hit: false, key, text: `no unexpired cached token for method ${q.method}` };
		for (const h of q.headers) if (!e.headers.has(h)) return { hit: false, key, text: `no unexpired cached token for header ${h}` };
		return { hit: true, key, text: `every token this request needs is cached (${[q.method, ...q.headers].join(', ')})` };
	}

	store(q: CacheQuery, grant: PreflightGrant, now: number): CacheEntryView {
		const key = this.#key(q.include, q.origin, q.url);
		const e = this.#map.get(key) ?? { methods: new Map(), headers: new Map() };
		const until = now + grant.maxAgeMs;
		for (const m of grant.methods) e.methods.set(m, until);
		for (const h of grant.headers) e.headers.set(h.toLowerCase(), until);
		this.#map.set(key, e);
		return tokenView(key, e, q.include);
	}

	clear(origin: string, url: string): string[] {
		const removed: string[] = [];
		for (const include of [true, false]) {
			const key = this.#key(include, origin, url);
			if (this.#map.delete(key)) removed.push(key);
		}
		return removed;
	}

	entries(now: number): CacheEntryView[] {
		const out: CacheEntryView[] = [];
		for (const [k, e] of this.#map) {
			purge(e, now);
			if (e.methods.size + e.headers.size > 0) out.push(tokenView(k, e, k.startsWith('cred ')));
		}
		return out;
	}
}

function purge(e: TokenEntry, now: number): void {
	for (const m of [e.methods, e.headers]) for (const [t, until] of m) if (until <= now) m.delete(t);
}

function tokenView(key: string, e: TokenEntry, credentials: boolean): CacheEntryView {
	const items = [
		...[...e.methods].map(([token, expiresAt]) => ({ kind: 'method' as const, token, expiresAt })),
		...[...e.headers].map(([token, expiresAt]) => ({ kind: 'header' as const, token, expiresAt })),
	];
	return {
		key, credentials, items,
		methods: [...e.methods.keys()],
		headers: [...e.headers.keys()],
		expiresAt: Math.max(0, ...items.map((i) => i.expiresAt)),
	};
}
