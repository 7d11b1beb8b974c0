// The sandbox's setup: a page, a sequence of fetch() calls and waits, and a server described
// either by raw responses (the scenario format) or by a CORS policy. Pure conversions to and
// from the scenario format (../shared/oracle/FORMAT.md); nothing here simulates anything.

import type { Header } from '../../../core/headers.js';
import type { FetchStep, HeaderSpec, RouteSpec, Scenario, ServerSpec, Step } from '../../../core/scenario.js';
import { type Policy, type PolicyJson, policySchema, policyToJson, toPolicy } from '../../../policy/index.js';

/** A response as the editor holds it: header lines in order (a repeated name is a second line). */
export interface RawResponse {
	readonly status: number;
	readonly headers: readonly Header[];
	readonly body?: string;
}

export interface RawServer {
	/** The answer to every OPTIONS request; null: none described, so OPTIONS gets 404. */
	readonly preflight: RawResponse | null;
	readonly response: RawResponse;
	/** Per-URL answers from a loaded file, kept as they are (not edited here). */
	readonly routes?: Readonly<Record<string, RouteSpec>>;
}

export interface Setup {
	readonly id: string;
	readonly title: string;
	/** A serialized origin or "null". */
	readonly page: string;
	readonly steps: readonly Step[];
	/** Which server model answers: the raw responses or the policy (policyServer). */
	readonly server: 'raw' | 'policy';
	readonly raw: RawServer;
	readonly policy: Policy;
}

export const isFetch = (s: Step | undefined): s is { readonly fetch: FetchStep } => s !== undefined && 'fetch' in s;

export const specToLines = (h: HeaderSpec): Header[] => Object.entries(h).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as const] : v.map((x) => [k, x] as const)));

/** Header lines → a scenario header object: lines with the same name become an array. */
export function linesToSpec(lines: readonly Header[]): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of lines) {
		const had = out[k];
		out[k] = had === undefined ? v : typeof had === 'string' ? [had, v] : [...had, v];
	}
	return out;
}

const rawToResponse = (r: RawResponse) => ({ status: r.status, headers: linesToSpec(r.headers), ...(r.body !== undefined ? { body: r.body } : {}) });

export function rawToSpec(raw: RawServer): ServerSpec {
	return {
		...(raw.preflight ? { preflight: rawToResponse(raw.preflight) } : {}),
		response: rawToResponse(raw.response),
		...(raw.routes && Object.keys(raw.routes).length ? { routes: raw.routes } : {}),
	};
}

const responseToRaw = (r: { status: number; headers: HeaderSpec; body?: string }): RawResponse => ({ status: r.status, headers: specToLines(r.headers), ...(r.body !== undefined ? { body: r.body } : {}) });

/** A policy to start from when the learner switches a raw server to a policy. */
export function defaultPolicy(page: string, steps: readonly Step[]): Policy {
	const methods = ['GET', 'HEAD', 'POST'];
	for (const s of steps) if (isFetch(s) && !methods.includes(s.fetch.method.toUpperCase())) methods.push(s.fetch.method.toUpperCase());
	return parsePolicy({ origins: [page], methods, allowHeaders: [], maxAge: 600 });
}

/** Validate policy JSON into a Policy; throws on invalid input (callers pass checked data). */
export function parsePolicy(json: PolicyJson): Policy {
	return toPolicy(policySchema.parse(json));
}

export function fromScenario(s: Scenario, policy?: Policy): Setup {
	return {
		id: s.id,
		title: s.title,
		page: s.page,
		steps: s.steps,
		server: policy ? 'policy' : 'raw',
		raw: {
			preflight: s.server.preflight ? responseToRaw(s.server.preflight) : null,
			response: responseToRaw(s.server.response),
			...(s.server.routes ? { routes: s.server.routes } : {}),
		},
		policy: policy ?? defaultPolicy(s.page, s.steps),
	};
}

/** The raw server as the core's scenario type (for runs and saving). */
export const toScenario = (s: Setup, server: ServerSpec = rawToSpec(s.raw)): Scenario => ({ id: s.id, title: s.title, page: s.page, server, steps: s.steps });

/** A scenario as the JSON a file holds (header lists back to objects). */
export function scenarioJson(s: Scenario): Record<string, unknown> {
	return {
		id: s.id,
		title: s.title,
		page: s.page,
		server: s.server,
		steps: s.steps.map((st) => (isFetch(st) ? { fetch: { ...st.fetch, headers: linesToSpec(st.fetch.headers) } } : { wait_ms: st.wait_ms })),
	};
}

export const policyJson = (p: Policy): Record<string, unknown> => policyToJson(p);

/** "1.250 s", "2 min 5 s", "1 h 0 min": a virtual time or duration for people. */
export function formatMs(ms: number): string {
	if (ms < 60_000) return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : ms % 100 === 0 ? 1 : 3)} s`;
	const h = Math.floor(ms / 3_600_000);
	const m = Math.floor((ms % 3_600_000) / 60_000);
	const s = (ms % 60_000) / 1000;
	const sec = s === 0 ? '' : ` ${Number.isInteger(s) ? s : s.toFixed(1)} s`;
	return h > 0 ? `${h} h ${m} min${sec}` : `${m} min${sec}`;
}

/** "1500", "1.5s", "2 min", "1h" → milliseconds; null when it is not a duration. */
export function parseDuration(text: string): number | null {
	const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?\s*$/i.exec(text);
	if (!m) return null;
	const n = Number(m[1]);
	const unit = (m[2] ?? 'ms').toLowerCase();
	const ms = unit === 'ms' ? n : unit === 's' || unit === 'sec' ? n * 1000 : unit === 'h' ? n * 3_600_000 : n * 60_000;
	return Number.isFinite(ms) ? Math.round(ms) : null;
}
