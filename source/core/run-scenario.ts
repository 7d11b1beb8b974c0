// Run a scenario through one browser profile on a virtual clock, as the recorders ran it in
// a real browser: a fresh browsing context (empty preflight cache) per scenario, steps one
// after another, one observation per fetch step.

import { VirtualClock } from './clock.js';
import { type Browser, type FetchResult, browserFetch } from './fetch.js';
import { lower } from './headers.js';
import { parsePageOrigin } from './origin.js';
import type { BrowserProfile } from './profiles/types.js';
import type { Observation, Scenario } from './scenario.js';
import { scenarioServer } from './server.js';
import type { CacheEntryView, TraceEvent } from './trace.js';

export interface RunOptions {
	/**
	 * Virtual milliseconds one fetch step takes. The recorders spent about 200 ms per fetch
	 * step (the fetch, reading the body, then 150 ms before the end-of-step marker) on top of
	 * every wait_ms (FORMAT.md "How a scenario is run"); cache expiry depends on it.
	 */
	readonly fetchStepMs?: number;
}

export const RECORDER_FETCH_STEP_MS = 200;

export interface StepRun {
	readonly step: number;
	readonly result: FetchResult;
	/** The preflight cache after this step, for display. */
	readonly cacheAfter: CacheEntryView[];
	readonly startedAt: number;
}

export interface ScenarioRun {
	readonly id: string;
	readonly scenario: Scenario;
	readonly browser: BrowserProfile;
	readonly observations: Observation[];
	readonly steps: StepRun[];
	readonly trace: TraceEvent[];
}

/** The document URL the recorders loaded for a page origin (FORMAT.md "Canonical origins"). */
export function recorderPageUrl(page: string): string {
	return page === 'null' ? 'http://app.test/__page?sandbox' : `${page}/__page`;
}

export function runScenario(s: Scenario, profile: BrowserProfile, opts: RunOptions = {}): ScenarioRun {
	const origin = parsePageOrigin(s.page);
	if ('error' in origin) throw new Error(`scenario ${s.id}: page ${origin.error}`);
	const clock = new VirtualClock();
	const browser: Browser = {
		profile, clock,
		cache: profile.createCache(),
		page: { origin, url: recorderPageUrl(s.page) },
		server: scenarioServer(s.server),
	};
	const candidates = new Set<string>([
		...Object.keys(s.server.response.headers),
		...Object.values(s.server.routes ?? {}).flatMap((r) => Object.keys(r.response.headers)),
	].map(lower));
	const trace: TraceEvent[] = [];
	const observations: Observation[] = [];
	const steps: StepRun[] = [];
	s.steps.forEach((st, i) => {
		if ('wait_ms' in st) {
			clock.advance(st.wait_ms);
			return;
		}
		const startedAt = clock.now();
		const result = browserFetch(browser, st.fetch, trace, i);
		steps.push({ step: i, result, cacheAfter: browser.cache.entries(clock.now()), startedAt });
		observations.push(observe(i, result, candidates));
		clock.advance(opts.fetchStepMs ?? RECORDER_FETCH_STEP_MS);
	});
	return { id: s.id, scenario: s, browser: profile, observations, steps, trace };
}

/** FORMAT.md "Observation format". */
export function observe(step: number, r: FetchResult, candidates: ReadonlySet<string>): Observation {
	const readable = new Set(r.headers.map(([k]) => lower(k)));
	return {
		step,
		preflight_sent: r.sent.some((q) => q.method === 'OPTIONS'),
		request_sent: r.sent.some((q) => q.method !== 'OPTIONS'),
		outcome: r.outcome,
		status: r.status,
		type: r.type,
		visible_headers: r.outcome === 'ok' ? [...candidates].filter((c) => readable.has(c)).sort() : [],
		console: r.console.length ? r.console.join('\n') : null,
		server_saw: r.sent.map((q) => ({
			method: q.method,
			url: q.url,
			headers: q.headers.reduce<Record<string, string>>((o, [k, v]) => {
				const n = lower(k);
				o[n] = n in o ? `${o[n]}, ${v}` : v;
				return o;
			}, {}),
		})),
	};
}
