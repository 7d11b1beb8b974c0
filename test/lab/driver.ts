// The step driver both recorders share: load the page, run the steps one after another,
// attribute requests and console lines to the step that caused them, build observations.
import type { LabProxy, ProxyEvent, SawRequest } from './proxy.js';
import { candidateHeaderNames, pageUrl, type FetchSpec, type Scenario } from './scenario.js';

/** One console-ish event as the browser reported it. */
export interface ConsoleEntry {
	/** 'console' for console.*() calls, 'javascript' for script/CORS errors, 'log' for Chromium's Log domain. */
	type: string;
	level: string;
	text: string;
}

/** What a browser adapter gives the driver. */
export interface PageAdapter {
	goto(url: string): Promise<void>;
	/** Evaluates a JavaScript expression in the page; a promise result is awaited. */
	evaluate(expression: string): Promise<unknown>;
	/** Every console entry since the page was opened, in arrival order (the adapter appends). */
	readonly console: ConsoleEntry[];
	/** Whether an entry belongs in the scored `console` field. */
	scored(entry: ConsoleEntry): boolean;
}

export interface Observation {
	step: number;
	preflight_sent: boolean;
	request_sent: boolean;
	outcome: 'ok' | 'network-error';
	status: number;
	type: string | null;
	visible_headers: string[];
	console: string | null;
	server_saw: SawRequest[];
}

export interface StepDebug {
	step: number;
	kind: 'fetch' | 'wait';
	ms: number;
	result?: PageResult;
	console?: ConsoleEntry[];
	proxy?: ProxyEvent[];
}

export interface ScenarioDebug {
	id: string;
	page: { url: string; console: ConsoleEntry[]; proxy: ProxyEvent[] };
	steps: StepDebug[];
}

/** What the in-page fetch reports. `error` is the JavaScript error text of a rejected fetch(). */
export type PageResult =
	| { outcome: 'ok'; status: number; type: string; visible: string[]; url: string; redirected: boolean; headers: [string, string][]; body: string | null; bodyError: string | null }
	| { outcome: 'network-error'; error: string };

const MARKER = '__cors_tutor_lab_marker__';
const SETTLE_MS = 150;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The in-page step. Plain JavaScript source (not a serialised TS function) so that what
 * runs in the page is exactly this text whichever driver sends it.
 */
function fetchExpression(spec: FetchSpec, candidates: string[]): string {
	const arg = JSON.stringify({ ...spec, candidates });
	return `(async (spec) => {
	const init = { method: spec.method, headers: spec.headers, credentials: spec.credentials, mode: spec.mode };
	if (spec.body !== null) init.body = spec.body;
	let response;
	try {
		response = await fetch(spec.url, init);
	} catch (e) {
		return { outcome: 'network-error', error: String(e) };
	}
	const visible = spec.candidates.filter((name) => { try { return response.headers.has(name); } catch { return false; } });
	const headers = [...response.headers];
	let body = null, bodyError = null;
	try { body = await response.text(); } catch (e) { bodyError = String(e); }
	return { outcome: 'ok', status: response.status, type: response.type, visible, url: response.url, redirected: response.redirected, headers, body, bodyError };
})(${arg})`;
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]);
	} finally {
		clearTimeout(timer);
	}
}

/** Logs a console.debug marker and waits until the adapter has seen it; returns the entries before it. */
async function drainConsole(page: PageAdapter, from: number, n: number, signal: AbortSignal): Promise<{ entries: ConsoleEntry[]; next: number }> {
	const marker = `${MARKER}${n}`;
	await page.evaluate(`console.debug(${JSON.stringify(marker)})`);
	const deadline = Date.now() + 10_000;
	for (;;) {
		const at = page.console.findIndex((e, i) => i >= from && e.text === marker);
		if (at >= 0) return { entries: page.console.slice(from, at), next: at + 1 };
		signal.throwIfAborted();
		if (Date.now() > deadline) throw new Error(`console marker ${n} never arrived`);
		await sleep(10);
	}
}

/**
 * Runs the steps of one scenario in a freshly opened page. `signal` is aborted when the
 * recorder gives up on this attempt: every touch of the shared proxy checks it first.
 */
export async function runSteps(scenario: Scenario, page: PageAdapter, proxy: LabProxy, signal: AbortSignal): Promise<{ observations: Observation[]; debug: ScenarioDebug }> {
	const candidates = candidateHeaderNames(scenario);
	signal.throwIfAborted();
	proxy.use(scenario);
	const url = pageUrl(scenario);
	await withTimeout(page.goto(url), 20_000, `loading ${url}`);
	let marker = 0;
	let { entries, next } = await drainConsole(page, 0, marker++, signal);
	signal.throwIfAborted();
	// Anything the page load itself caused is not part of a step.
	proxy.takeSaw();
	const debug: ScenarioDebug = { id: scenario.id, page: { url, console: entries, proxy: proxy.takeEvents() }, steps: [] };
	const observations: Observation[] = [];

	for (const [index, step] of scenario.steps.entries()) {
		const started = Date.now();
		if (step.kind === 'wait') {
			await sleep(step.ms);
			signal.throwIfAborted();
			debug.steps.push({ step: index, kind: 'wait', ms: Date.now() - started });
			continue;
		}
		const result = (await withTimeout(page.evaluate(fetchExpression(step.fetch, candidates)), 20_000, `step ${index} fetch()`)) as PageResult;
		await sleep(SETTLE_MS);
		({ entries, next } = await drainConsole(page, next, marker++, signal));
		signal.throwIfAborted();
		const saw = proxy.takeSaw();
		const lines = entries.filter((e) => page.scored(e)).map((e) => e.text);
		const ok = result.outcome === 'ok';
		observations.push({
			step: index,
			preflight_sent: saw.some((r) => r.method === 'OPTIONS'),
			request_sent: saw.some((r) => r.method !== 'OPTIONS'),
			outcome: result.outcome,
			status: ok ? result.status : 0,
			type: ok ? result.type : null,
			visible_headers: ok && result.type !== 'opaque' ? [...new Set(result.visible.map((h) => h.toLowerCase()))].sort() : [],
			console: lines.length ? lines.join('\n') : null,
			server_saw: saw,
		});
		debug.steps.push({ step: index, kind: 'fetch', ms: Date.now() - started, result, console: entries, proxy: proxy.takeEvents() });
	}
	signal.throwIfAborted();
	proxy.use(undefined);
	return { observations, debug };
}
