// Scenarios and observations in the format of ../shared/oracle/FORMAT.md: a page, a
// modelled server, and steps (fetch calls and waits on the virtual clock).

import type { HeaderList } from './headers.js';
import type { CredentialsMode, RequestMode } from './request.js';

/** A header object: name → one value, or several values sent as separate lines. */
export type HeaderSpec = Readonly<Record<string, string | readonly string[]>>;

export interface ResponseSpec {
	readonly status: number;
	readonly headers: HeaderSpec;
	readonly body?: string;
}

export interface RouteSpec {
	readonly preflight?: ResponseSpec;
	readonly response: ResponseSpec;
}

export interface ServerSpec {
	readonly preflight?: ResponseSpec;
	readonly response: ResponseSpec;
	/** Keyed by origin + path of the request URL (no query). */
	readonly routes?: Readonly<Record<string, RouteSpec>>;
}

export interface FetchStep {
	readonly url: string;
	readonly method: string;
	readonly headers: HeaderList;
	readonly credentials: CredentialsMode;
	readonly mode: RequestMode;
	readonly body: string | null;
}

export type Step = { readonly fetch: FetchStep } | { readonly wait_ms: number };

export interface Scenario {
	readonly id: string;
	readonly title: string;
	/** A serialized origin or "null". */
	readonly page: string;
	readonly server: ServerSpec;
	readonly steps: readonly Step[];
}

export interface Observation {
	readonly step: number;
	readonly preflight_sent: boolean;
	readonly request_sent: boolean;
	readonly outcome: 'ok' | 'network-error';
	readonly status: number;
	readonly type: 'basic' | 'cors' | 'opaque' | null;
	readonly visible_headers: string[];
	readonly console: string | null;
	readonly server_saw: { method: string; url: string; headers: Record<string, string> }[];
}
