// A check as data: the shape `check --json` prints (documented in the README) and the text
// renderer reads. Everything the server sent is kept as received; the text renderer
// escapes it, JSON.stringify quotes it.

import { THROWN_BY_FETCH } from '../core/failure.js';
import type { Header } from '../core/headers.js';
import type { Stage } from '../core/failure.js';
import { serializeOrigin } from '../core/origin.js';
import type { TraceEvent } from '../core/trace.js';
import { advise } from '../explain/advice.js';
import { recognizedFromFailure } from '../explain/from-failure.js';
import { lessonJson, shippedLessonFor } from '../explain/shipped-lesson.js';
import type { NetworkErrorKind } from '../net/http.js';
import type { CheckRun } from './run.js';

export interface ReportExchange {
	readonly purpose: 'preflight' | 'actual';
	readonly request: { readonly method: string; readonly url: string; readonly headers: Header[]; readonly body: string | null };
	/** Null when the request failed on the network. */
	readonly response: {
		readonly status: number;
		readonly statusText: string;
		/** Header lines as received, in order, duplicates kept. */
		readonly headers: Header[];
		/** At most the first 64 KiB, decoded as UTF-8 (not decompressed). */
		readonly body: string;
		/** Bytes of body kept (all of it unless truncated). */
		readonly bytes: number;
		readonly truncated: boolean;
		readonly ms: number;
	} | null;
	readonly networkError: { readonly kind: NetworkErrorKind; readonly message: string; readonly ms: number } | null;
}

export type Verdict = 'allowed' | 'blocked' | 'network-error';

export interface CheckReport {
	readonly url: string;
	readonly origin: string;
	/** `evidence`: how far the profile is backed ("verified" by recordings, or "documented only"). */
	readonly browser: { readonly id: string; readonly name: string; readonly version: string; readonly evidence: string };
	/** The fetch() call the page makes. */
	readonly fetch: { readonly method: string; readonly headers: Header[]; readonly body: string | null; readonly mode: string; readonly credentials: string };
	/** Every request sent over the network and its answer, in order. */
	readonly exchanges: ReportExchange[];
	readonly verdict: Verdict;
	/** Why the browser blocks it (verdict "blocked"). */
	readonly failure: { readonly code: string; readonly stage: Stage; readonly url: string; readonly header: string | null; readonly value: string | null; readonly status: number | null } | null;
	/** fetch() throws before anything is sent (a TypeError), instead of a CORS failure. */
	readonly thrownBeforeSending: boolean;
	/** Which request failed on the network (verdict "network-error"). */
	readonly networkError: { readonly kind: NetworkErrorKind; readonly message: string; readonly url: string } | null;
	/** Error lines the modelled browser prints in the console, exactly. */
	readonly console: string[];
	/** What fetch() rejects with, when it rejects because of CORS. */
	readonly rejection: string | null;
	/** What the page gets (verdict "allowed"): status, response type and the headers it can read. */
	readonly response: { readonly status: number; readonly type: string | null; readonly readableHeaders: string[] } | null;
	/** Things fetch() changed silently: dropped forbidden headers, a normalised method. */
	readonly notes: string[];
	readonly fix: {
		readonly explanation: string;
		readonly preflightHeaders: string[];
		readonly responseHeaders: string[];
		readonly steps: string[];
		readonly traps: string[];
		readonly sources: string[];
	} | null;
	readonly lesson: ReturnType<typeof lessonJson> | null;
	/** The browser model's every step (the trace `simulate --json --trace` prints). */
	readonly trace: readonly TraceEvent[];
}

const NOTE_RULES = ['header-dropped', 'method-normalize'];

/** The Cookie line as shown: the names, never the values ("session=…; theme=…"). */
const maskedCookie = (cookie: string): string => cookie.split(/;\s*/).map((p) => `${p.split('=')[0]}=…`).join('; ');

export function buildReport(run: CheckRun, cookie?: string): CheckReport {
	const { profile, page, init, result } = run;
	const pageOrigin = serializeOrigin(page.origin);
	const exchanges: ReportExchange[] = run.exchanges.map(({ purpose, request, answer, cookie: sent }) => ({
		purpose,
		request: { method: request.method, url: request.url, headers: [...request.headers, ...(sent && cookie ? [['Cookie', maskedCookie(cookie)] as const] : [])], body: request.body },
		response: answer.ok ? { status: answer.status, statusText: answer.statusText, headers: answer.headers, body: answer.body, bytes: Buffer.byteLength(answer.body), truncated: answer.truncated, ms: answer.ms } : null,
		networkError: answer.ok ? null : { kind: answer.kind, message: answer.message, ms: answer.ms },
	}));
	const lastExchange = run.exchanges.at(-1);
	const networkError = !result && lastExchange && !lastExchange.answer.ok ? { kind: lastExchange.answer.kind, message: lastExchange.answer.message, url: lastExchange.request.url } : null;
	const f = result?.failure ?? null;
	const advice = f ? advise(recognizedFromFailure(f, profile.id, pageOrigin, result?.console ?? [])) : null;
	const lesson = f ? shippedLessonFor(f.code) : null;
	return {
		url: init.url, origin: pageOrigin,
		browser: { id: profile.id, name: profile.name, version: profile.version, evidence: profile.evidence.split(':')[0] ?? profile.evidence },
		fetch: { method: init.method, headers: [...init.headers], body: init.body, mode: init.mode, credentials: init.credentials },
		exchanges,
		verdict: !result ? 'network-error' : result.outcome === 'ok' ? 'allowed' : 'blocked',
		failure: f ? { code: f.code, stage: f.stage, url: f.url, header: f.header ?? null, value: f.value ?? null, status: f.status ?? null } : null,
		thrownBeforeSending: f !== null && THROWN_BY_FETCH.includes(f.code),
		networkError,
		console: result?.console ?? [],
		rejection: result?.rejection ?? null,
		response: result?.outcome === 'ok' ? { status: result.status, type: result.type, readableHeaders: [...new Set(result.headers.map(([k]) => k.toLowerCase()))].sort() } : null,
		notes: run.trace.flatMap((e) => (e.type === 'decision' && NOTE_RULES.includes(e.rule.id) ? [e.text] : [])),
		fix: advice ? { explanation: advice.explanation, preflightHeaders: advice.headers.preflight, responseHeaders: advice.headers.actual, steps: advice.steps, traps: advice.traps, sources: advice.sources } : null,
		lesson: lesson ? lessonJson(lesson) : null,
		trace: run.trace,
	};
}

export const EXIT_FOR: Readonly<Record<Verdict, number>> = { allowed: 0, blocked: 1, 'network-error': 3 };
