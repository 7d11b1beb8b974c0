// Every exercise kind: the prompt, the answer key computed by the core from the exercise's
// scenario (never typed by hand), and the grading of an answer with feedback from the trace.

import type { FailureCode } from '../core/failure.js';
import type { Header } from '../core/headers.js';
import { headerExposure } from '../core/fetch.js';
import { PROFILES } from '../core/profiles/index.js';
import { type ScenarioRun, runScenario } from '../core/run-scenario.js';
import type { HeaderSpec, ResponseSpec, Scenario, ServerSpec } from '../core/scenario.js';
import type { TraceEvent } from '../core/trace.js';
import type { ExerciseJson } from '../content/schema.js';
import { toFetchStep, toStep } from '../scenario/schema.js';
import { parseHeaderLines } from './header-lines.js';
import { FAILURE_LABELS } from './labels.js';
import { permutation } from './shuffle.js';
import type { Answer, Grade, Prepared } from './types.js';

type Ex<K extends ExerciseJson['kind']> = Extract<ExerciseJson, { kind: K }>;

const scenarioOf = (ex: ExerciseJson, server: ServerSpec, page = ex.page): Scenario => ({
	id: ex.id,
	title: ex.question,
	page,
	server,
	steps: 'steps' in ex ? ex.steps.map(toStep) : 'request' in ex ? [{ fetch: toFetchStep(ex.request) }] : [],
});

const run = (ex: ExerciseJson, server: ServerSpec, page?: string): ScenarioRun => runScenario(scenarioOf(ex, server, page), PROFILES[ex.browser]);
const last = <T>(xs: readonly T[]): T | undefined => xs[xs.length - 1];

/** The sentence of the trace that decided the outcome of a step. */
export function decisive(r: ScenarioRun, step?: number): string {
	const s = step ?? last(r.steps)?.step;
	const events = r.trace.filter((e) => e.step === s);
	const blocked = events.find((e) => e.type === 'blocked' || (e.type === 'check' && !e.ok));
	if (blocked && 'text' in blocked) return blocked.text;
	const pf = events.find((e) => e.type === 'decision' && (e.rule.id === 'preflight-needed' || e.rule.id === 'simple-request' || e.rule.id === 'same-origin'));
	// A preflight that was needed but answered from the cache never went out: say so.
	const cached = events.find((e) => e.type === 'cache-lookup' && e.hit);
	const result = events.find((e): e is Extract<TraceEvent, { type: 'result' }> => e.type === 'result');
	return [pf && 'text' in pf ? (cached && 'text' in cached ? `${pf.text}, and the preflight cache answered it (${cached.text}): no preflight went out` : pf.text) : null, result?.outcome === 'ok' ? `the response passes and the page gets it (status ${result.status}, type "${result.responseType}")` : null].filter(Boolean).join('; ');
}

/** "request 2": a step as the learner counts it, fetches only, from 1 (waits are not requests). */
const requestNo = (r: ScenarioRun, step: number): string => `request ${r.steps.findIndex((x) => x.step === step) + 1}`;

const ok = (feedback: string, run?: ScenarioRun): Grade => ({ correct: true, feedback, ...(run ? { run } : {}) });
const miss = (feedback: string, run?: ScenarioRun): Grade => ({ correct: false, feedback, ...(run ? { run } : {}) });
const wrongType = (a: Answer): Grade => ({ correct: false, malformed: `this exercise does not take a ${a.type} answer`, feedback: '' });

/** A permissive server: everything allowed, so only the request decides about the preflight. */
const OPEN: ServerSpec = {
	preflight: { status: 204, headers: { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Methods': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Credentials': 'true' } },
	response: { status: 200, headers: { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Credentials': 'true' }, body: 'ok' },
};

function willPreflight(ex: Ex<'will-preflight'>): Prepared {
	const r = run(ex, OPEN);
	const key = r.observations[0]?.preflight_sent === true;
	const why = decisive(r);
	return {
		prompt: { type: 'yes-no' },
		solution: { type: 'yes-no', value: key },
		wrong: [{ type: 'yes-no', value: !key }],
		solutionText: key ? 'Yes: a preflight is sent.' : 'No: the request goes out without a preflight.',
		grade: (a) => (a.type !== 'yes-no' ? wrongType(a) : a.value === key ? ok(why, r) : miss(`Not quite: ${why}.`, r)),
	};
}

function predictOutcome(ex: Ex<'predict-outcome'>): Prepared {
	const r = run(ex, ex.server);
	const step = last(r.steps);
	const allowed = step?.result.outcome === 'ok';
	const code = step?.result.failure?.code;
	const written = (ex.why ?? []) as FailureCode[];
	const reasons = permutation(written.length, ex.id).map((i) => written[i] as FailureCode);
	const reasonIndex = code ? reasons.indexOf(code) : -1;
	const why = decisive(r);
	const solution: Answer = allowed || reasons.length === 0 ? { type: 'outcome', allowed } : { type: 'outcome', allowed, reason: reasonIndex };
	const wrong: Answer[] = [{ type: 'outcome', allowed: !allowed, ...(!allowed || reasons.length === 0 ? {} : { reason: 0 }) }];
	if (!allowed && reasons.length > 1) wrong.push({ type: 'outcome', allowed, reason: reasonIndex === 0 ? 1 : 0 });
	return {
		prompt: { type: 'outcome', reasons: reasons.map((c) => FAILURE_LABELS[c]) },
		solution,
		wrong,
		solutionText: allowed ? 'Allowed.' : `Blocked: ${code ? FAILURE_LABELS[code] : 'a network error'}.`,
		grade: (a) => {
			if (a.type !== 'outcome') return wrongType(a);
			if (a.allowed !== allowed) return miss(`It is ${allowed ? 'allowed' : 'blocked'}: ${why}.`, r);
			if (!allowed && reasons.length && a.reason !== reasonIndex) return miss(`Blocked, yes, but for another reason: ${why}.`, r);
			return ok(why, r);
		},
	};
}

function countPreflights(ex: Ex<'count-preflights'>): Prepared {
	const r = run(ex, ex.server);
	// Count preflight requests, not steps: a redirect can cause a second preflight in one step.
	const preflights = r.steps.map((st) => st.result.sent.filter((q) => q.method === 'OPTIONS' && q.headers.some(([k]) => k.toLowerCase() === 'access-control-request-method')).length);
	const key = preflights.reduce((a, b) => a + b, 0);
	const per = r.steps.map((st, i) => `${requestNo(r, st.step)}: ${preflights[i] === 0 ? 'no preflight' : preflights[i] === 1 ? 'preflight' : `${preflights[i]} preflights`}`).join(', ');
	return {
		prompt: { type: 'number' },
		solution: { type: 'number', value: key },
		wrong: [{ type: 'number', value: key + 1 }, ...(key > 0 ? [{ type: 'number' as const, value: key - 1 }] : [])],
		solutionText: `${key} preflight${key === 1 ? '' : 's'} (${per}).`,
		grade: (a) => (a.type !== 'number' ? wrongType(a) : a.value === key ? ok(per, r) : miss(`The browser sends ${key}: ${per}.`, r)),
	};
}

function visibleHeaders(ex: Ex<'visible-headers'>): Prepared {
	const r = run(ex, ex.server);
	const candidates = [...new Set(Object.keys(ex.server.response.headers).map((h) => h.toLowerCase()))];
	const visible = new Set(last(r.observations)?.visible_headers ?? []);
	const key = candidates.flatMap((c, i) => (visible.has(c) ? [i] : []));
	const why = exposureReasons(r, candidates);
	const text = `${visible.size ? `The page can read ${[...visible].join(', ')}.` : 'The page can read none of them.'} ${why.all}`;
	return {
		prompt: { type: 'multi', options: candidates },
		solution: { type: 'multi', indices: key },
		wrong: ([candidates.map((_, i) => i), [], key.slice(1)] as number[][])
			.filter((w) => JSON.stringify(w) !== JSON.stringify(key))
			.map((indices): Answer => ({ type: 'multi', indices })),
		solutionText: text,
		grade: (a) => {
			if (a.type !== 'multi') return wrongType(a);
			const got = new Set(a.indices);
			if (candidates.every((_, i) => got.has(i) === key.includes(i))) return ok(text, r);
			// A miss explains only the headers the learner got wrong, so the rest is still theirs to work out.
			const wrong = candidates.flatMap((c, i) => (got.has(i) === key.includes(i) ? [] : [`${c} ${key.includes(i) ? 'is readable' : 'is not readable'}: ${why.of(c)}`]));
			return miss(`Not quite. ${wrong.join('; ')}.`, r);
		},
	};
}

/** Why each candidate header is or is not readable, from the last request's response (cors-facts §5.2-5.5). */
function exposureReasons(r: ScenarioRun, candidates: readonly string[]): { all: string; of: (name: string) => string } {
	const st = last(r.steps);
	if (!st || st.result.outcome !== 'ok' || !st.result.type) {
		const blocked = `the response itself is blocked (${decisive(r)})`;
		return { all: `The response itself is blocked, so no header is readable: ${decisive(r)}.`, of: () => blocked };
	}
	const response = r.trace.findLast((e): e is Extract<TraceEvent, { type: 'response' }> => e.type === 'response' && e.step === st.step && e.purpose === 'actual');
	const fetch = r.scenario.steps[st.step];
	const include = fetch !== undefined && 'fetch' in fetch && fetch.fetch.credentials === 'include';
	const tainting = st.result.type === 'basic' ? 'basic' : st.result.type === 'opaque' ? 'opaque' : 'cors';
	const of = (c: string) => headerExposure(c, response?.headers ?? [], tainting, include).why;
	return { all: `${candidates.map((c) => `${c}: ${of(c)}`).join('; ')}.`, of };
}

const toSpec = (headers: readonly Header[]): HeaderSpec => {
	const o: Record<string, string[]> = {};
	for (const [k, v] of headers) (o[k] ??= []).push(v);
	return o;
};

function withHeaders(server: ServerSpec, preflight: HeaderSpec | undefined, response: HeaderSpec | undefined): ServerSpec {
	const pre: ResponseSpec | undefined = preflight ? { status: server.preflight?.status ?? 204, headers: preflight } : server.preflight;
	return { ...server, ...(pre ? { preflight: pre } : {}), response: response ? { ...server.response, headers: response } : server.response };
}

function fixHeaders(ex: Ex<'fix-headers'>): Prepared {
	const editPre = ex.edit !== 'response';
	const editRes = ex.edit !== 'preflight';
	const grade = (a: Answer): Grade => {
		if (a.type !== 'headers') return wrongType(a);
		const pre = editPre ? parseHeaderLines(a.preflight) : null;
		const res = editRes ? parseHeaderLines(a.response) : null;
		for (const p of [pre, res]) if (p && !p.ok) return { correct: false, malformed: p.message, feedback: '' };
		const server = withHeaders(ex.server, pre?.ok ? toSpec(pre.headers) : undefined, res?.ok ? toSpec(res.headers) : undefined);
		const r = run(ex, server);
		const failed = r.steps.find((s) => s.result.outcome !== 'ok');
		if (failed) return miss(`With your headers the browser still blocks ${r.steps.length > 1 ? requestNo(r, failed.step) : 'the request'}: ${decisive(r, failed.step)}.`, r);
		for (const page of ex.mustBlock) {
			const other = run(ex, server, page);
			const open = other.steps.find((s) => s.result.outcome === 'ok');
			if (open) return miss(`That works, but it also lets ${page} read the response: allow only the page that needs it.`, other);
		}
		return ok(`The browser now allows it: ${decisive(r)}.`, r);
	};
	const toAnswer = (h: { preflight?: string[]; response?: string[] }): Answer => ({ type: 'headers', preflight: h.preflight ?? [], response: h.response ?? [] });
	const sol = toAnswer(ex.solution);
	return {
		prompt: { type: 'headers', preflight: editPre, response: editRes },
		solution: sol,
		wrong: ex.wrong.map(toAnswer),
		solutionText: [
			...(editPre ? [`On the preflight: ${(ex.solution.preflight ?? []).join(' | ') || '(nothing)'}`] : []),
			...(editRes ? [`On the response: ${(ex.solution.response ?? []).join(' | ') || '(nothing)'}`] : []),
		].join('\n'),
		grade,
	};
}

function predictConsole(ex: Ex<'predict-console'>): Prepared {
	const message = (server: ServerSpec) => last(run(ex, server).observations)?.console ?? null;
	const main = run(ex, ex.server);
	const key = last(main.observations)?.console ?? null;
	const options = [...new Set([key, ...ex.variants.map(message)].filter((m): m is string => m !== null))];
	const order = permutation(options.length, ex.id);
	const shown = order.map((i) => options[i] as string);
	const keyIndex = key === null ? -1 : shown.indexOf(key);
	return {
		prompt: { type: 'choice', options: shown },
		solution: { type: 'choice', index: keyIndex },
		wrong: shown.flatMap((_, i) => (i === keyIndex ? [] : [{ type: 'choice' as const, index: i }])),
		solutionText: key ?? '(no console message)',
		grade: (a) => (a.type !== 'choice' ? wrongType(a) : a.index === keyIndex ? ok(decisive(main), main) : miss(`The browser prints the other message because ${decisive(main)}.`, main)),
	};
}

function chooseFix(ex: Ex<'choose-fix'>): Prepared {
	const runs = ex.options.map((o) => run(ex, withHeaders(ex.server, o.preflight, o.response)));
	const works = runs.map((r) => r.steps.every((s) => s.result.outcome === 'ok'));
	const keyIndex = works.indexOf(true);
	return {
		prompt: { type: 'choice', options: ex.options.map((o) => o.label) },
		solution: { type: 'choice', index: keyIndex },
		wrong: works.flatMap((w, i) => (w ? [] : [{ type: 'choice' as const, index: i }])),
		solutionText: ex.options[keyIndex]?.label ?? '(none works)',
		grade: (a) => {
			if (a.type !== 'choice') return wrongType(a);
			const r = runs[a.index];
			if (!r) return { correct: false, malformed: 'choose one of the options', feedback: '' };
			return works[a.index] ? ok(decisive(r), r) : miss(`With that change the browser still blocks: ${decisive(r, r.steps.find((s) => s.result.outcome !== 'ok')?.step)}.`, r);
		},
	};
}

/** The milestones of a fetch, in the order the core's trace shows them. */
export function milestones(r: ScenarioRun): string[] {
	const out: string[] = [];
	const add = (s: string) => {
		if (out[out.length - 1] !== s) out.push(s);
	};
	for (const e of r.trace) {
		if (e.type === 'fetch') add('The page calls fetch()');
		else if (e.type === 'decision' && e.rule.id === 'preflight-needed') add('The browser sees the request is not simple: it needs a preflight');
		else if (e.type === 'decision' && e.rule.id === 'simple-request') add('The browser sees a simple request: no preflight');
		else if (e.type === 'cache-lookup') add('The browser looks for a cached preflight answer');
		else if (e.type === 'request' && e.purpose === 'preflight') add('The browser sends OPTIONS with Origin and Access-Control-Request-Method');
		else if (e.type === 'response' && e.purpose === 'preflight') add('The server answers the preflight with Access-Control-Allow-* headers');
		else if (e.type === 'cache-store') add('The browser stores the answer in its preflight cache for Max-Age seconds');
		else if (e.type === 'request' && e.purpose === 'actual') add('The browser sends the actual request');
		else if (e.type === 'response' && e.purpose === 'actual') add('The server answers the actual request');
		else if (e.type === 'check' && e.name === 'CORS check') add('The browser checks Access-Control-Allow-Origin on the response');
		else if (e.type === 'result') add(e.outcome === 'ok' ? 'The page receives the response' : 'The page gets a network error');
	}
	return out;
}

function orderSteps(ex: Ex<'order-steps'>): Prepared {
	const r = run(ex, ex.server);
	const items = milestones(r);
	const perm = permutation(items.length, ex.id);
	const shown = perm.map((i) => items[i] as string);
	// The learner answers with indices into `shown`, in the order they think things happen.
	const key = items.map((_, i) => perm.indexOf(i));
	return {
		prompt: { type: 'order', items: shown },
		solution: { type: 'order', order: key },
		wrong: [{ type: 'order', order: shown.map((_, i) => i) }],
		solutionText: items.map((s, i) => `${i + 1}. ${s}`).join('\n'),
		grade: (a) => {
			if (a.type !== 'order') return wrongType(a);
			if (a.order.length !== items.length || new Set(a.order).size !== items.length) return { correct: false, malformed: `put all ${items.length} steps in order, each once`, feedback: '' };
			const firstWrong = a.order.findIndex((v, i) => v !== key[i]);
			return firstWrong < 0 ? ok('That is the order the browser follows.', r) : miss(`Step ${firstWrong + 1} is "${items[firstWrong]}".`, r);
		},
	};
}

export function prepare(ex: ExerciseJson): Prepared {
	switch (ex.kind) {
		case 'will-preflight':
			return willPreflight(ex);
		case 'predict-outcome':
			return predictOutcome(ex);
		case 'count-preflights':
			return countPreflights(ex);
		case 'visible-headers':
			return visibleHeaders(ex);
		case 'fix-headers':
			return fixHeaders(ex);
		case 'predict-console':
			return predictConsole(ex);
		case 'choose-fix':
			return chooseFix(ex);
		case 'order-steps':
			return orderSteps(ex);
	}
}
