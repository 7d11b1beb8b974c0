// The policy builder's state: the policy being built, a sample request to preview it with,
// the chosen configuration target and which row or prompt has the keyboard. A pure reducer
// over a closed set of actions. Every policy edit goes through the policy file's schema
// (its messages are the ones shown), so the builder can only ever hold a policy that
// `cors-tutor generate` accepts. Lint, preview and configuration are derived (pure functions).

import { isToken } from '../../../core/headers.js';
import type { HeaderList } from '../../../core/headers.js';
import { SPEC_HEADER_RULES, corsUnsafeRequestHeaderNames, isCorsSafelistedMethod } from '../../../core/safelist.js';
import { findTarget, TARGETS } from '../../../generators/registry.js';
import { evaluatePolicy, type PolicyAnswer } from '../../../policy/evaluate.js';
import { InputError } from '../../../input/json.js';
import { type Finding, lintPolicy } from '../../../policy/lint.js';
import { DEFAULT_POLICY, type Policy, parseOriginRule } from '../../../policy/model.js';
import { parsePolicyText, policyToJson } from '../../../policy/schema.js';

export const POLICY_FIELDS = ['origins', 'methods', 'allowHeaders', 'exposeHeaders', 'credentials', 'maxAge', 'preflightStatus', 'vary'] as const;
export const SAMPLE_FIELDS = ['sampleOrigin', 'sampleMethod', 'sampleHeaders'] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];
export type SampleField = (typeof SAMPLE_FIELDS)[number];
export type FieldId = PolicyField | SampleField | 'target';

/** The form's rows, in order: the policy, the sample request, the target. */
export const ROWS: readonly FieldId[] = [...POLICY_FIELDS, ...SAMPLE_FIELDS, 'target'];

export const LABELS: Record<FieldId, string> = {
	origins: 'Origins',
	methods: 'Methods',
	allowHeaders: 'Allow headers',
	exposeHeaders: 'Expose headers',
	credentials: 'Credentials',
	maxAge: 'Max-Age (s)',
	preflightStatus: 'Preflight code',
	vary: 'Vary: Origin',
	sampleOrigin: 'Page origin',
	sampleMethod: 'Method',
	sampleHeaders: 'Req. headers',
	target: 'Target',
};

/** Fields toggled (or cycled) by Enter rather than typed. */
export const TOGGLES: readonly FieldId[] = ['credentials', 'preflightStatus', 'vary', 'target'];

export interface Sample {
	/** The page's origin (serialized), sent as Origin. */
	readonly origin: string;
	readonly method: string;
	/** Header names the page sets (values do not matter to CORS here). */
	readonly headers: readonly string[];
}

export type Panel = 'preview' | 'lint' | 'config';
export const PANELS: readonly Panel[] = ['preview', 'lint', 'config'];

export type Mode =
	| { readonly kind: 'form'; readonly typing: string | null }
	| { readonly kind: 'save'; readonly what: 'policy' | 'config'; readonly text: string; readonly confirm: boolean };

export interface Message {
	readonly tone: 'info' | 'ok' | 'error';
	readonly text: string;
}

export interface BuilderState {
	readonly policy: Policy;
	readonly sample: Sample;
	/** Index into TARGETS. */
	readonly target: number;
	readonly cursor: number;
	readonly panel: Panel;
	readonly scroll: number;
	readonly mode: Mode;
	readonly message: Message | null;
	/** Where the policy came from or was last saved (for the save prompt). */
	readonly file: string | null;
	/** Configurations printed in full above the frame (drawn once, in <Static>), to copy from the terminal. */
	readonly printed: readonly { readonly id: number; readonly lines: readonly string[] }[];
}

export type Action =
	| { readonly type: 'cursor'; readonly by: number }
	| { readonly type: 'activate' }
	| { readonly type: 'cycle'; readonly by: number }
	| { readonly type: 'draft'; readonly text: string }
	| { readonly type: 'commit'; readonly text: string }
	| { readonly type: 'cancel-typing' }
	| { readonly type: 'panel'; readonly to?: Panel }
	| { readonly type: 'target'; readonly by?: number; readonly id?: string }
	| { readonly type: 'scroll'; readonly by: number; readonly max?: number }
	| { readonly type: 'open-save'; readonly what: 'policy' | 'config' }
	| { readonly type: 'print' }
	| { readonly type: 'close' }
	| { readonly type: 'load'; readonly policy: Policy; readonly file?: string }
	| { readonly type: 'saved'; readonly file: string; readonly what: 'policy' | 'config' }
	| { readonly type: 'confirm-overwrite'; readonly file: string }
	| { readonly type: 'failed'; readonly text: string };

/** A starting point that works for a typical front-end talking to its API. */
export const STARTER_POLICY: Policy = {
	...DEFAULT_POLICY,
	origins: [{ kind: 'exact', origin: 'https://app.example.com' }],
	methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
	allowHeaders: ['Content-Type', 'Authorization'],
	maxAge: 600,
};

export const STARTER_SAMPLE: Sample = { origin: 'https://app.example.com', method: 'PUT', headers: ['Content-Type'] };

export function initialState(policy: Policy = STARTER_POLICY, opts: { file?: string; sample?: Sample; target?: string } = {}): BuilderState {
	const t = opts.target ? TARGETS.findIndex((x) => x.id === opts.target) : 0;
	return { policy, sample: opts.sample ?? STARTER_SAMPLE, target: Math.max(0, t), cursor: 0, panel: 'preview', scroll: 0, mode: { kind: 'form', typing: null }, message: null, file: opts.file ?? null, printed: [] };
}

const list = (xs: readonly string[]): string => xs.join(', ');
const splitList = (s: string): string[] => s.split(',').map((x) => x.trim()).filter((x) => x !== '');

/** A field's value as the text the form shows and edits. */
export function fieldText(s: BuilderState, f: FieldId): string {
	const p = s.policy;
	switch (f) {
		case 'origins':
			return typeof p.origins === 'string' ? p.origins : list(p.origins.map((r) => (r.kind === 'exact' ? r.origin : r.text)));
		case 'methods':
			return list(p.methods);
		case 'allowHeaders':
			return typeof p.allowHeaders === 'string' ? p.allowHeaders : list(p.allowHeaders);
		case 'exposeHeaders':
			return list(p.exposeHeaders);
		case 'credentials':
			return p.credentials ? 'yes' : 'no';
		case 'maxAge':
			return p.maxAge === null ? '' : String(p.maxAge);
		case 'preflightStatus':
			return String(p.preflightStatus);
		case 'vary':
			return p.vary ? 'yes' : 'no';
		case 'sampleOrigin':
			return s.sample.origin;
		case 'sampleMethod':
			return s.sample.method;
		case 'sampleHeaders':
			return list(s.sample.headers);
		case 'target':
			return TARGETS[s.target]?.name ?? '';
	}
}

/** What an empty value means, shown instead of nothing. */
export const EMPTY_HINT: Partial<Record<FieldId, string>> = {
	origins: '(none: "*", "reflect" or a comma-separated list)',
	methods: '(none)',
	allowHeaders: '(none: "*", "mirror" or a list)',
	exposeHeaders: '(none)',
	maxAge: '(not sent)',
	sampleHeaders: '(none)',
};

/** The JSON value a typed text stands for in the policy file. */
function fieldJson(f: PolicyField, text: string): unknown {
	const t = text.trim();
	switch (f) {
		case 'origins':
			return t === '*' || t === 'reflect' ? t : splitList(t);
		case 'allowHeaders':
			return t === '*' || t === 'mirror' ? t : splitList(t);
		case 'methods':
		case 'exposeHeaders':
			return splitList(t);
		case 'maxAge':
			return t === '' ? null : /^-?\d+$/.test(t) ? Number(t) : t;
		case 'credentials':
		case 'vary':
			return ['yes', 'true', 'on'].includes(t.toLowerCase()) ? true : ['no', 'false', 'off'].includes(t.toLowerCase()) ? false : t;
		case 'preflightStatus':
			return /^\d+$/.test(t) ? Number(t) : t;
	}
}

export type Edit<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Set one policy field from its text, through the policy file's schema (its messages on failure). */
export function editPolicy(p: Policy, f: PolicyField, text: string): Edit<Policy> {
	const json = { ...policyToJson(p), [f]: fieldJson(f, text) };
	try {
		return { ok: true, value: parsePolicyText(JSON.stringify(json), 'policy') };
	} catch (e) {
		if (e instanceof InputError) return { ok: false, error: e.problems.join('; ') };
		throw e;
	}
}

/** Set one field of the sample request from its text. */
export function editSample(sample: Sample, f: SampleField, text: string): Edit<Sample> {
	const t = text.trim();
	if (f === 'sampleOrigin') {
		const r = parseOriginRule(t);
		if ('error' in r) return { ok: false, error: r.error };
		if (r.kind !== 'exact') return { ok: false, error: `"${t}": the page origin is one origin, not a pattern` };
		return { ok: true, value: { ...sample, origin: r.origin } };
	}
	if (f === 'sampleMethod') {
		if (!isToken(t)) return { ok: false, error: `${JSON.stringify(t)} is not a valid method (letters only, e.g. "PUT"; no spaces)` };
		return { ok: true, value: { ...sample, method: t } };
	}
	const names = splitList(t);
	const bad = names.find((n) => !isToken(n));
	if (bad !== undefined) return { ok: false, error: `${JSON.stringify(bad)} is not a valid header name (letters, digits and - only, e.g. "X-Request-Id")` };
	return { ok: true, value: { ...sample, headers: names } };
}

export const lintOf = (s: BuilderState): Finding[] => lintPolicy(s.policy);

export interface Preview {
	/** Whether a browser sends a preflight for the sample (a non-safelisted method or header). */
	readonly needsPreflight: boolean;
	readonly preflightRequest: HeaderList;
	readonly preflight: PolicyAnswer;
	readonly actualRequest: HeaderList;
	readonly actual: PolicyAnswer;
}

/** The requests a browser sends for the sample (the preflight shown even when none is needed) and the policy's answers. */
export function previewOf(policy: Policy, sample: Sample): Preview {
	const headers: HeaderList = sample.headers.map((h) => [h, h.toLowerCase() === 'content-type' ? 'application/json' : 'value'] as [string, string]);
	const unsafe = corsUnsafeRequestHeaderNames(headers, SPEC_HEADER_RULES).names;
	const preflightRequest: HeaderList = [['Origin', sample.origin], ['Access-Control-Request-Method', sample.method], ...(unsafe.length ? ([['Access-Control-Request-Headers', unsafe.join(',')]] as HeaderList) : [])];
	const actualRequest: HeaderList = [['Origin', sample.origin], ...headers];
	return {
		needsPreflight: !isCorsSafelistedMethod(sample.method) || unsafe.length > 0,
		preflightRequest,
		preflight: evaluatePolicy(policy, 'OPTIONS', preflightRequest),
		actualRequest,
		actual: evaluatePolicy(policy, sample.method, actualRequest),
	};
}

export type GeneratedView = { readonly ok: true; readonly id: string; readonly name: string; readonly fileName: string; readonly text: string; readonly warnings: readonly string[] } | { readonly ok: false; readonly id: string; readonly error: string };

/** The configuration for the chosen target (a generator that refuses the policy says why). */
export function generatedOf(policy: Policy, targetId: string): GeneratedView {
	const t = findTarget(targetId);
	if (!t) return { ok: false, id: targetId, error: `no target "${targetId}"` };
	try {
		const g = t.generate(policy);
		return { ok: true, id: t.id, name: t.name, fileName: t.fileName, text: g.text, warnings: g.warnings };
	} catch (e) {
		return { ok: false, id: t.id, error: (e as Error).message };
	}
}

export const targetOf = (s: BuilderState) => TARGETS[s.target] ?? TARGETS[0];

const isPolicyField = (f: FieldId): f is PolicyField => (POLICY_FIELDS as readonly string[]).includes(f);
const isSampleField = (f: FieldId): f is SampleField => (SAMPLE_FIELDS as readonly string[]).includes(f);

/** Apply `text` to field `f`: the new state, or the same state with the error shown. */
export function setField(s: BuilderState, f: FieldId, text: string): BuilderState {
	if (isPolicyField(f)) {
		const r = editPolicy(s.policy, f, text);
		return r.ok ? { ...s, policy: r.value, message: null } : { ...s, message: { tone: 'error', text: `${LABELS[f]}: ${r.error}` } };
	}
	if (isSampleField(f)) {
		const r = editSample(s.sample, f, text);
		return r.ok ? { ...s, sample: r.value, message: null } : { ...s, message: { tone: 'error', text: `${LABELS[f]}: ${r.error}` } };
	}
	const i = TARGETS.findIndex((t) => t.id === text.trim() || t.name === text.trim());
	return i >= 0 ? { ...s, target: i, message: null } : { ...s, message: { tone: 'error', text: `no target "${text}"` } };
}

function cycle(s: BuilderState, f: FieldId, by: number): BuilderState {
	const p = s.policy;
	switch (f) {
		case 'credentials':
			return { ...s, policy: { ...p, credentials: !p.credentials }, message: null };
		case 'vary':
			return { ...s, policy: { ...p, vary: !p.vary }, message: null };
		case 'preflightStatus':
			return { ...s, policy: { ...p, preflightStatus: p.preflightStatus === 204 ? 200 : 204 }, message: null };
		case 'target':
			return { ...s, target: (s.target + by + TARGETS.length) % TARGETS.length, scroll: 0, message: null };
		default:
			return s;
	}
}

export const rowAt = (s: BuilderState): FieldId => ROWS[s.cursor] ?? 'origins';

export function reducer(s: BuilderState, a: Action): BuilderState {
	const mode = s.mode;
	switch (a.type) {
		case 'cursor':
			return { ...s, cursor: (s.cursor + a.by + ROWS.length) % ROWS.length, message: null };
		case 'activate': {
			if (mode.kind !== 'form') return s;
			const f = rowAt(s);
			if (TOGGLES.includes(f)) return cycle(s, f, 1);
			return { ...s, mode: { kind: 'form', typing: fieldText(s, f) }, message: null };
		}
		case 'cycle': {
			const f = rowAt(s);
			return TOGGLES.includes(f) ? cycle(s, f, a.by) : s;
		}
		case 'draft':
			if (mode.kind === 'save') return { ...s, mode: { ...mode, text: a.text, confirm: false } };
			return mode.typing === null ? s : { ...s, mode: { kind: 'form', typing: a.text } };
		case 'commit': {
			if (mode.kind !== 'form' || mode.typing === null) return s;
			const next = setField(s, rowAt(s), a.text);
			// A refused value stays in the field, with the reason, to be corrected.
			return next.message?.tone === 'error' ? { ...next, mode: { kind: 'form', typing: a.text } } : { ...next, mode: { kind: 'form', typing: null } };
		}
		case 'cancel-typing':
			return { ...s, mode: { kind: 'form', typing: null }, message: null };
		case 'panel': {
			const to = a.to ?? PANELS[(PANELS.indexOf(s.panel) + 1) % PANELS.length] ?? 'preview';
			return { ...s, panel: to, scroll: 0 };
		}
		case 'target': {
			if (a.id !== undefined) return setField({ ...s, scroll: 0 }, 'target', a.id);
			return cycle({ ...s, panel: 'config' }, 'target', a.by ?? 1);
		}
		case 'scroll':
			return { ...s, scroll: Math.max(0, Math.min(a.max ?? Number.POSITIVE_INFINITY, s.scroll + a.by)) };
		case 'open-save': {
			const text = a.what === 'policy' ? (s.file ?? 'cors-policy.json') : (targetOf(s)?.fileName ?? 'cors.conf');
			return { ...s, mode: { kind: 'save', what: a.what, text, confirm: false }, message: null };
		}
		case 'close':
			return { ...s, mode: { kind: 'form', typing: null } };
		case 'print': {
			const g = generatedOf(s.policy, targetOf(s)?.id ?? '');
			if (!g.ok) return { ...s, message: { tone: 'error', text: `cannot generate this policy: ${g.error}` } };
			const id = (s.printed[s.printed.length - 1]?.id ?? 0) + 1;
			const lines = [`── ${g.name} (${g.fileName}) ──`, ...g.text.replace(/\n$/, '').split('\n'), '──'];
			return { ...s, printed: [...s.printed, { id, lines }], message: { tone: 'ok', text: `The ${g.name} configuration is printed above, in full: select it there to copy` } };
		}
		case 'load':
			return { ...s, policy: a.policy, file: a.file ?? s.file, mode: { kind: 'form', typing: null }, message: { tone: 'ok', text: `Loaded ${a.file ?? 'the policy'}` } };
		case 'saved':
			return { ...s, mode: { kind: 'form', typing: null }, file: a.what === 'policy' ? a.file : s.file, message: { tone: 'ok', text: `Saved ${a.what === 'policy' ? 'the policy' : 'the configuration'} to ${a.file}` } };
		case 'confirm-overwrite':
			return mode.kind === 'save' ? { ...s, mode: { ...mode, confirm: true }, message: { tone: 'info', text: `${a.file} exists: Enter again to replace it, Esc to keep it` } } : s;
		case 'failed':
			return { ...s, message: { tone: 'error', text: a.text } };
	}
}
