// The trace: every step of a simulated fetch as structured events. Screens draw it, the
// grader compares it, `simulate --json` prints it. Nobody re-derives a verdict elsewhere.

import type { Failure } from './failure.js';
import type { HeaderList } from './headers.js';

export type Lane = 'page' | 'browser' | 'cache' | 'server';

/** Where a rule comes from: a section of reference/cors-facts.md or a recorded observation. */
export interface Rule {
	readonly id: string;
	readonly source: string;
}

export interface CacheEntryView {
	readonly key: string;
	readonly methods: readonly string[];
	readonly headers: readonly string[];
	readonly credentials: boolean | null;
	/** Virtual time (ms) at which it expires; per item for browsers that keep per-item expiry. */
	readonly expiresAt: number;
	readonly items?: readonly { kind: 'method' | 'header'; token: string; expiresAt: number }[];
}

export type TraceEvent = { readonly t: number; readonly step: number } & (
	| { readonly type: 'fetch'; readonly method: string; readonly url: string; readonly headers: HeaderList; readonly mode: string; readonly credentials: string; readonly body: string | null }
	| { readonly type: 'decision'; readonly rule: Rule; readonly text: string }
	| { readonly type: 'cache-lookup'; readonly key: string; readonly hit: boolean; readonly text: string; readonly rule: Rule }
	| { readonly type: 'cache-store'; readonly entry: CacheEntryView; readonly text: string; readonly rule: Rule }
	| { readonly type: 'cache-remove'; readonly key: string; readonly text: string; readonly rule: Rule }
	| { readonly type: 'request'; readonly purpose: 'preflight' | 'actual'; readonly method: string; readonly url: string; readonly headers: HeaderList }
	| { readonly type: 'response'; readonly purpose: 'preflight' | 'actual'; readonly url: string; readonly status: number; readonly headers: HeaderList }
	| { readonly type: 'check'; readonly name: string; readonly ok: boolean; readonly rule: Rule; readonly text: string }
	| { readonly type: 'redirect'; readonly from: string; readonly to: string; readonly status: number; readonly method: string; readonly tainted: boolean; readonly text: string; readonly rule: Rule }
	| { readonly type: 'blocked'; readonly failure: Failure; readonly rule: Rule; readonly text: string }
	| { readonly type: 'console'; readonly text: string }
	| { readonly type: 'thrown'; readonly text: string }
	| { readonly type: 'result'; readonly outcome: 'ok' | 'network-error'; readonly status: number; readonly responseType: string | null; readonly visibleHeaders: readonly string[] }
);

export type TraceEventOf<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

/** Who sends each event to whom, for three-lane drawings. */
export function lanesOf(e: TraceEvent): [Lane, Lane] {
	switch (e.type) {
		case 'fetch':
			return ['page', 'browser'];
		case 'request':
			return ['browser', 'server'];
		case 'response':
			return ['server', 'browser'];
		case 'cache-lookup':
		case 'cache-store':
		case 'cache-remove':
			return ['browser', 'cache'];
		case 'console':
		case 'thrown':
		case 'result':
			return ['browser', 'page'];
		default:
			return ['browser', 'browser'];
	}
}
