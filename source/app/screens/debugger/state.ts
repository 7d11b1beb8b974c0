// The Debugger's state: the pasted console message (or a request copied as cURL), the page
// origin when what was pasted does not name it, and which view has the keyboard (message →
// origin → result ⇄ target picker, or message → origin → check for a curl command). A pure
// reducer over a closed set of actions; the advice and the report are derived from it. The
// check itself (over the network) is the view's effect; its outcome comes back as an action.

import type { CurlCheck } from '../../../check/curl-check.js';
import { type CurlRequest, fromCurl } from '../../../check/curl.js';
import { ShellWordsError, shellWords } from '../../../check/shell-words.js';
import { UsageError } from '../../../cli/usage.js';
import { advise, type Advice } from '../../../explain/advice.js';
import { type Recognized, recognise } from '../../../explain/recognize.js';
import { needsOrigin, noConfigReason, notCorsMessage } from '../../../explain/report.js';
import { findTarget } from '../../../generators/registry.js';
import { parseOriginRule } from '../../../policy/model.js';

export type View = 'message' | 'origin' | 'result' | 'targets' | 'check';

/** A pasted curl command being checked: the request, the page origin, and the outcome once it came. */
export interface PastedRequest {
	/** Which check this is: an outcome for an earlier one (left with Esc) is ignored. */
	readonly id: number;
	readonly request: CurlRequest;
	/** null until known (the command had no Origin or Referer: the origin view asks). */
	readonly origin: string | null;
	readonly outcome: CurlCheck | { readonly failed: string } | null;
}

export interface DebuggerState {
	readonly view: View;
	/** The message as pasted (line breaks as \n), kept while the user looks at the result. */
	readonly text: string;
	/** What the origin field holds. */
	readonly originDraft: string;
	/** What was understood of `text` (the page origin given applied), once submitted. */
	readonly recognized: Recognized | null;
	/** A problem with the last submit (not a CORS message, a bad origin), shown under its field. */
	readonly error: string | null;
	/** A note on the result view: why there is no server configuration, or where it was printed. */
	readonly note: { readonly tone: 'warn' | 'ok'; readonly text: string } | null;
	/** The chosen configuration target's id. */
	readonly target: string | null;
	readonly scroll: number;
	/** Configurations printed in full above the frame (drawn once, in <Static>), to copy from the terminal. */
	readonly printed: readonly { readonly id: number; readonly lines: readonly string[] }[];
	/** A pasted curl command and its check (view "check"). */
	readonly pasted: PastedRequest | null;
}

export type Action =
	| { readonly type: 'draft'; readonly text: string }
	| { readonly type: 'submit' }
	| { readonly type: 'origin-draft'; readonly text: string }
	| { readonly type: 'origin-submit' }
	| { readonly type: 'back' }
	| { readonly type: 'edit'; readonly empty?: boolean }
	| { readonly type: 'ask-origin' }
	| { readonly type: 'targets' }
	| { readonly type: 'choose-target'; readonly id: string; readonly at: number }
	| { readonly type: 'scroll'; readonly by: number; readonly max?: number }
	| { readonly type: 'print' }
	| { readonly type: 'checked'; readonly id: number; readonly outcome: CurlCheck | { readonly failed: string } };

export const initialState = (text = ''): DebuggerState => ({ view: 'message', text, originDraft: '', recognized: null, error: null, note: null, target: null, scroll: 0, printed: [], pasted: null });

/** Pasted text that is a curl command (DevTools: Copy as cURL), not a console message. */
export const isCurl = (text: string): boolean => /^\s*curl\s/.test(text);

/** The request a pasted curl command makes, or what is wrong with it. */
export function readPastedCurl(text: string): CurlRequest | { readonly problem: string } {
	try {
		const words = shellWords(text);
		return fromCurl(words.slice(1));
	} catch (e) {
		if (e instanceof ShellWordsError || e instanceof UsageError) return { problem: `This curl command cannot be read: ${e.message}${e instanceof UsageError && e.hint ? ` (${e.hint})` : ''}.` };
		throw e;
	}
}

/** Pasted text as lines: CR LF and lone CR (what terminals send for a pasted line break) become \n, tabs spaces. */
export const normalise = (text: string): string => text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');

/** A message was explained, and it does not name the page origin (the user may give it). */
export const lacksOrigin = (s: DebuggerState): boolean => s.recognized !== null && recognise(s.text).primary?.origin === null;

export function adviceOf(s: DebuggerState): Advice | null {
	return s.recognized ? advise(s.recognized) : null;
}

export function reducer(s: DebuggerState, a: Action): DebuggerState {
	switch (a.type) {
		case 'draft':
			return { ...s, text: normalise(a.text), error: null };
		case 'submit': {
			if (s.text.trim() === '') return { ...s, error: 'Paste the console message first (in most terminals: Ctrl+Shift+V or Cmd+V).' };
			if (isCurl(s.text)) {
				const request = readPastedCurl(s.text);
				if ('problem' in request) return { ...s, recognized: null, error: request.problem };
				const pasted = { id: (s.pasted?.id ?? 0) + 1, request, origin: request.origin?.value ?? null, outcome: null };
				return { ...s, recognized: null, error: null, note: null, scroll: 0, pasted, view: pasted.origin ? 'check' : 'origin' };
			}
			const { primary, networkLine } = recognise(s.text);
			if (!primary) return { ...s, recognized: null, error: notCorsMessage(networkLine, s.text) };
			const base = { ...s, recognized: primary, error: null, note: null, target: null, scroll: 0 };
			return needsOrigin(primary) ? { ...base, view: 'origin' } : { ...base, view: 'result' };
		}
		case 'origin-draft':
			return { ...s, originDraft: a.text.trim(), error: null };
		case 'origin-submit': {
			if (s.pasted && !s.recognized) {
				const r = parseOriginRule(s.originDraft);
				if (s.originDraft === '') return { ...s, error: 'The check needs the origin of the page that sends this request, e.g. https://app.example.com.' };
				if ('error' in r || r.kind !== 'exact') return { ...s, error: 'error' in r ? r.error : 'give one exact origin, e.g. https://app.example.com' };
				return { ...s, view: 'check', error: null, scroll: 0, pasted: { ...s.pasted, origin: r.origin, outcome: null } };
			}
			if (!s.recognized) return s;
			const message = recognise(s.text).primary ?? s.recognized;
			if (s.originDraft === '') return { ...s, view: 'result', recognized: { ...message, origin: null }, error: null, scroll: 0 };
			const r = parseOriginRule(s.originDraft);
			if ('error' in r || r.kind !== 'exact') return { ...s, error: 'error' in r ? r.error : 'give one exact origin, e.g. https://app.example.com' };
			return { ...s, view: 'result', recognized: { ...message, origin: r.origin }, error: null, note: null, scroll: 0 };
		}
		case 'back':
			if (s.view === 'targets') return { ...s, view: 'result' };
			if (s.view === 'result' || s.view === 'origin' || s.view === 'check') return { ...s, view: 'message', error: null, note: null, pasted: null };
			return s;
		case 'edit':
			return { ...initialState(a.empty ? '' : s.text), originDraft: s.originDraft, printed: s.printed };
		case 'ask-origin':
			return lacksOrigin(s) ? { ...s, view: 'origin', error: null } : s;
		case 'targets': {
			const a = adviceOf(s);
			if (!s.recognized || !a) return s;
			const why = noConfigReason(s.recognized, a);
			if (why) return { ...s, note: { tone: 'warn', text: `No server configuration: ${why}${needsOrigin(s.recognized) ? ' (press o to give it)' : ''}.` } };
			return { ...s, view: 'targets', note: null };
		}
		case 'choose-target':
			return findTarget(a.id) ? { ...s, view: 'result', target: a.id, scroll: a.at, note: null } : s;
		case 'print': {
			const t = s.target ? findTarget(s.target) : undefined;
			const policy = adviceOf(s)?.policy;
			if (!t || !policy) return { ...s, note: { tone: 'warn', text: 'Choose a server first (t).' } };
			const id = (s.printed[s.printed.length - 1]?.id ?? 0) + 1;
			const lines = [`── ${t.name} (${t.fileName}) ──`, ...t.generate(policy).text.replace(/\n$/, '').split('\n'), '──'];
			return { ...s, printed: [...s.printed, { id, lines }], note: { tone: 'ok', text: `The ${t.name} configuration is printed above, in full: select it there to copy.` } };
		}
		case 'checked':
			return s.view === 'check' && s.pasted?.id === a.id ? { ...s, pasted: { ...s.pasted, outcome: a.outcome }, scroll: 0 } : s;
		case 'scroll':
			return { ...s, scroll: Math.max(0, Math.min(a.max ?? Number.POSITIVE_INFINITY, s.scroll + a.by)) };
	}
}
