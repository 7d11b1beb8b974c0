// Shared builders for the core tests: scenarios are plain `Scenario` objects (FORMAT.md
// "Scenario format"), run through a profile with runScenario on the virtual clock.

import {
	type Browser, type BrowserProfile, type FetchResult, type FetchStep, type Observation, PROFILES, type ResponseSpec,
	type Scenario, type ServerRequest, type ServerSpec, type Step, type TraceEvent, VirtualClock, browserFetch, getHeader,
	parsePageOrigin, recorderPageUrl, respond, runScenario,
} from '../../source/core/index.js';

export const { chromium, firefox, safari } = PROFILES;
export const ALL = [chromium, firefox, safari] as const;

export const APP = 'http://app.test';
export const DATA = 'http://api.test/data';

/** A fetch step with FORMAT.md's defaults (GET, no headers, same-origin credentials, cors). */
export function fetchStep(over: Partial<FetchStep> = {}): FetchStep {
	return { url: DATA, method: 'GET', headers: [], credentials: 'same-origin', mode: 'cors', body: null, ...over };
}

export const OK_TEXT: ResponseSpec = { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' };

/** A response that passes the CORS check for any request (echoes the Origin). */
export const ECHO: ResponseSpec = {
	status: 200,
	headers: { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Credentials': 'true' },
	body: 'ok',
};

/** A preflight answer with the given allow lists (and ACAO echo, ACAC true). */
export function preflightAnswer(extra: Record<string, string | readonly string[]> = {}, status = 204): ResponseSpec {
	return { status, headers: { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Credentials': 'true', ...extra } };
}

export function scenario(server: ServerSpec, steps: readonly (FetchStep | number)[], page = APP): Scenario {
	const s: Step[] = steps.map((x) => (typeof x === 'number' ? { wait_ms: x } : { fetch: x }));
	return { id: 'test-scenario', title: 'built by a test', page, server, steps: s };
}

export interface One {
	readonly obs: Observation;
	readonly result: FetchResult;
}

/** Run a single fetch step and return its observation and full result. */
export function runOne(profile: BrowserProfile, server: ServerSpec, step: FetchStep = fetchStep(), page = APP): One {
	const run = runScenario(scenario(server, [step], page), profile);
	const obs = run.observations[0];
	const st = run.steps[0];
	if (!obs || !st) throw new Error('no observation');
	return { obs, result: st.result };
}

/** Observations of every fetch step. */
export function runAll(profile: BrowserProfile, server: ServerSpec, steps: readonly (FetchStep | number)[], page = APP): Observation[] {
	return runScenario(scenario(server, steps, page), profile).observations;
}

/** What the server saw for request `i` of an observation (throws if absent). */
export function saw(obs: Observation, i: number): Observation['server_saw'][number] {
	const r = obs.server_saw[i];
	if (!r) throw new Error(`server saw no request #${i}`);
	return r;
}

export const methodsSeen = (obs: Observation): string[] => obs.server_saw.map((r) => r.method);

/**
 * A browsing context whose server answers each OPTIONS request with the next preflight
 * answer from `preflights` (the last one repeats), for cache behaviour that a static
 * scenario server cannot show. Every other request gets `response`.
 */
export function liveBrowser(profile: BrowserProfile, preflights: readonly ResponseSpec[], response: ResponseSpec = ECHO) {
	const origin = parsePageOrigin(APP);
	if ('error' in origin) throw new Error(origin.error);
	const clock = new VirtualClock();
	let n = 0;
	const server = (req: ServerRequest) => {
		if (req.method !== 'OPTIONS') return respond(response, getHeader(req.headers, 'origin'));
		const spec = preflights[Math.min(n++, preflights.length - 1)];
		if (!spec) throw new Error('no preflight answer');
		return respond(spec, getHeader(req.headers, 'origin'));
	};
	const browser: Browser = { profile, clock, cache: profile.createCache(), page: { origin, url: recorderPageUrl(APP) }, server };
	const trace: TraceEvent[] = [];
	return {
		browser,
		clock,
		fetch: (step: FetchStep = fetchStep()): FetchResult => browserFetch(browser, step, trace),
		/** Whether a fetch sent an OPTIONS request. */
		preflighted: (step: FetchStep = fetchStep()): boolean => browserFetch(browser, step, trace).sent.some((r) => r.method === 'OPTIONS'),
	};
}
