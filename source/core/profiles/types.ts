// A browser profile: the data and small functions in which browsers differ. The core's
// algorithms call these hooks; nothing else in the core asks which browser it is.

import type { CorsCheckCode, Failure } from '../failure.js';
import type { Header } from '../headers.js';
import type { PreflightCache } from '../preflight-cache.js';
import type { HeaderRules } from '../safelist.js';

export type BrowserId = 'chromium' | 'firefox' | 'safari';

export interface MaxAge {
	/** False when the browser does not cache this preflight at all (Firefox: 0 or not digits). */
	readonly cache: boolean;
	readonly seconds: number;
	/** One sentence: how this value was read. */
	readonly text: string;
}

export interface CorsCheckInput {
	/** Access-Control-Allow-Origin lines as received (surrounding whitespace already stripped). */
	readonly allowOrigin: readonly string[];
	/** The header names of those lines, as spelled on the wire. */
	readonly allowOriginNames: readonly string[];
	readonly allowCredentials: readonly string[];
	/** The serialized request origin: "null" for an opaque page or a tainted request. */
	readonly origin: string;
	readonly include: boolean;
}

export type CorsCheckOutcome =
	| { readonly ok: true; readonly text: string }
	| { readonly ok: false; readonly code: CorsCheckCode; readonly value: string; readonly lines: number; readonly text: string };

/** Preflight response checks, run in the profile's order (cors-facts §2.2, §2.3). */
export type PreflightCheck = 'status' | 'cors' | 'parse-methods' | 'parse-headers' | 'method' | 'headers';

export interface MessageContext {
	/** The page's serialized origin (never tainted: Chromium names the page origin). */
	readonly pageOrigin: string;
	/** The document URL of the page, for messages that name it (Firefox's Security Error). */
	readonly pageUrl: string;
}

/** What a browser puts on the wire besides the page's own headers (for server_saw). */
export interface WireParts {
	readonly kind: 'preflight' | 'actual';
	readonly host: string;
	/** The page's headers, one per name (repeated names combined with ", "). */
	readonly author: readonly Header[];
	/** The page's headers as set, repeated names not combined. */
	readonly authorLines?: readonly Header[];
	readonly origin: string | null;
	readonly referrer: string | null;
	readonly contentLength: string | null;
	readonly requestMethod?: string;
	readonly requestHeaders?: string;
	/** The request follows a redirect (not the first hop). */
	readonly redirected?: boolean;
	/** The request has no body at all (not an empty one). */
	readonly bodyless?: boolean;
}

export interface BrowserProfile {
	readonly id: BrowserId;
	readonly name: string;
	/** The version the profile was verified against (or read from, for Safari). */
	readonly version: string;
	/** How far the profile is backed: real recordings, or source code and documentation only. */
	readonly evidence: string;
	readonly headerRules: HeaderRules;
	/** §2.5: every shipping browser still lets `*` cover Authorization. */
	readonly starCoversAuthorization: boolean;
	readonly preflightChecks: readonly PreflightCheck[];
	/** §4.7: WebKit stores a preflight once ACAO and parsing pass, before checking method and headers. */
	readonly storesBeforeMethodCheck?: boolean;
	/**
	 * Firefox (recorded): once a fetch needed a preflight, every redirect target is preflighted
	 * too, even when the rewritten request is simple; those preflights carry, and are checked
	 * against, the page's own origin, never the "null" of a tainted request.
	 */
	readonly redirectKeepsPreflight?: boolean;
	/** Firefox (recorded): a redirected preflight is CORS-checked before it is refused. */
	readonly checksRedirectedPreflight?: boolean;
	parseMaxAge(raw: string | null): MaxAge;
	createCache(): PreflightCache;
	/** §4.6: Firefox removes cached preflights for a URL whose actual response fails CORS. */
	readonly clearCacheOnFailure: boolean;
	corsCheck(input: CorsCheckInput): CorsCheckOutcome;
	/** Error-level console lines for a failure, exactly as the browser prints them. */
	consoleMessages(f: Failure, ctx: MessageContext): string[];
	/** The text of the TypeError that fetch() rejects with. */
	rejection(f: Failure, method: string): string;
	wireHeaders(p: WireParts): Header[];
}
