// The sandbox's run: the setup through one browser profile, on the core, exactly as
// runScenario runs a scenario (fresh cache, steps in order, RECORDER_FETCH_STEP_MS per fetch),
// but with either server model and with the preflight cache read after every trace event,
// so each position of the stepper shows the cache as the core holds it then.
// (setup, browser) → run is pure and memoised on the setup object, which is immutable.

import {
	type Browser, type BrowserId, type CacheEntryView, type FetchResult, PROFILES, RECORDER_FETCH_STEP_MS, type Server,
	type TraceEvent, VirtualClock, browserFetch, parsePageOrigin, recorderPageUrl, scenarioServer,
} from '../../../core/index.js';
import { policyServer } from '../../../policy/index.js';
import { type Setup, isFetch, rawToSpec } from './model.js';

/** One position of the stepper: a trace event, or a wait on the virtual clock. */
export type Item =
	| { readonly kind: 'event'; readonly step: number; readonly event: TraceEvent; readonly now: number; readonly cache: readonly CacheEntryView[] }
	| { readonly kind: 'wait'; readonly step: number; readonly ms: number; readonly now: number; readonly cache: readonly CacheEntryView[] };

export interface FetchRun {
	readonly step: number;
	readonly result: FetchResult;
	readonly startedAt: number;
	readonly preflight: boolean;
	/** The cache lookup's answer, when a preflight was needed. */
	readonly cacheHit: boolean | null;
}

export interface SandboxRun {
	readonly browser: BrowserId;
	readonly items: readonly Item[];
	readonly fetches: readonly FetchRun[];
	/** Why nothing could run (an invalid page origin), or null. */
	readonly error: string | null;
}

/** Trace array that reads the cache after each event the core appends (the core only pushes). */
class Tap extends Array<TraceEvent> {
	static override get [Symbol.species]() {
		return Array;
	}
	onPush: (e: TraceEvent) => void = () => {};
	override push(...events: TraceEvent[]): number {
		const n = super.push(...events);
		for (const e of events) this.onPush(e);
		return n;
	}
}

export function serverOf(setup: Setup): Server {
	return setup.server === 'policy' ? policyServer(setup.policy) : scenarioServer(rawToSpec(setup.raw));
}

function compute(setup: Setup, id: BrowserId): SandboxRun {
	const profile = PROFILES[id];
	const origin = parsePageOrigin(setup.page);
	if ('error' in origin) return { browser: id, items: [], fetches: [], error: `page ${origin.error}` };
	const clock = new VirtualClock();
	const cache = profile.createCache();
	const browser: Browser = { profile, clock, cache, page: { origin, url: recorderPageUrl(setup.page) }, server: serverOf(setup) };
	const items: Item[] = [];
	const fetches: FetchRun[] = [];
	setup.steps.forEach((st, i) => {
		if (!isFetch(st)) {
			clock.advance(st.wait_ms);
			items.push({ kind: 'wait', step: i, ms: st.wait_ms, now: clock.now(), cache: cache.entries(clock.now()) });
			return;
		}
		const trace = new Tap();
		trace.onPush = (event) => items.push({ kind: 'event', step: i, event, now: clock.now(), cache: cache.entries(clock.now()) });
		const startedAt = clock.now();
		const result = browserFetch(browser, st.fetch, trace, i);
		const lookup = trace.find((e) => e.type === 'cache-lookup');
		fetches.push({
			step: i, result, startedAt,
			preflight: result.sent.some((q) => q.method === 'OPTIONS'),
			cacheHit: lookup?.type === 'cache-lookup' ? lookup.hit : null,
		});
		clock.advance(RECORDER_FETCH_STEP_MS);
	});
	return { browser: id, items, fetches, error: null };
}

const memo = new WeakMap<Setup, Map<BrowserId, SandboxRun>>();

export function runSandbox(setup: Setup, id: BrowserId): SandboxRun {
	let byBrowser = memo.get(setup);
	if (!byBrowser) memo.set(setup, (byBrowser = new Map()));
	let run = byBrowser.get(id);
	if (!run) byBrowser.set(id, (run = compute(setup, id)));
	return run;
}

/** The trace events of a run, as runScenario's trace would hold them. */
export const traceOf = (run: SandboxRun): TraceEvent[] => run.items.flatMap((it) => (it.kind === 'event' ? [it.event] : []));

export interface Difference {
	readonly step: number;
	readonly what: string;
	readonly here: string;
	readonly there: string;
}

const outcomeOf = (f: FetchRun): string => (f.result.outcome === 'ok' ? `allowed (${f.result.status}${f.result.type ? `, ${f.result.type}` : ''})` : `blocked${f.result.failure ? ` (${f.result.failure.code})` : ''}`);
const consoleOf = (f: FetchRun): string => (f.result.console.length ? f.result.console.join('\n') : '(none)');

/** What differs, fetch by fetch, between the same setup in two browsers. */
export function compareRuns(here: SandboxRun, there: SandboxRun, opts: { ignoreHeaders?: readonly string[] } = {}): Difference[] {
	const readable = (f: FetchRun) => f.result.headers.map(([k]) => k.toLowerCase()).filter((k) => !opts.ignoreHeaders?.includes(k)).sort().join(', ') || '(none)';
	const out: Difference[] = [];
	for (const a of here.fetches) {
		const b = there.fetches.find((f) => f.step === a.step);
		if (!b) continue;
		const add = (what: string, x: string, y: string) => {
			if (x !== y) out.push({ step: a.step, what, here: x, there: y });
		};
		add('outcome', outcomeOf(a), outcomeOf(b));
		add('preflight', a.preflight ? 'sent' : 'not sent', b.preflight ? 'sent' : 'not sent');
		add('cache', a.cacheHit === null ? 'not asked' : a.cacheHit ? 'hit' : 'miss', b.cacheHit === null ? 'not asked' : b.cacheHit ? 'hit' : 'miss');
		add('readable headers', readable(a), readable(b));
		add('console', consoleOf(a), consoleOf(b));
		add('rejection', a.result.rejection ?? '(none)', b.result.rejection ?? '(none)');
	}
	return out;
}

/** One line per fetch: what the page got. */
export function summaryOf(setup: Setup, run: SandboxRun): string[] {
	if (run.error) return [run.error];
	return run.fetches.map((f) => {
		const st = setup.steps[f.step];
		const call = isFetch(st) ? `${st.fetch.method} ${st.fetch.url}` : '';
		return `#${f.step} ${call} → ${outcomeOf(f)}${f.preflight ? ' · preflight sent' : f.cacheHit ? ' · preflight from cache' : ''}`;
	});
}
