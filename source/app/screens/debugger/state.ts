// The Debugger's state: the pasted console message, the page origin when the message does not
// name it, and which view has the keyboard (message → origin → result ⇄ target picker). A pure
// reducer over a closed set of actions; the advice and the report are derived from it.

import { advise, type Advice } from '../../../explain/advice.js';
import { type Recognized, recognise } from '../../../explain/recognize.js';
import { needsOrigin, noConfigReason, notCorsMessage } from '../../../explain/report.js';
import { findTarget } from '../../../generators/registry.js';
import { parseOriginRule } from '../../../policy/model.js';

export type View = 'message' | 'origin' | 'result' | 'targets';

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
	| { readonly type: 'print' };

export const initialState = (text = ''): DebuggerState => ({ view: 'message', text, originDraft: '', recognized: null, error: null, note: null, target: null, scroll: 0, printed: [] });

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
			const { primary, networkLine } = recognise(s.text);
			if (!primary) return { ...s, recognized: null, error: notCorsMessage(networkLine, s.text) };
			const base = { ...s, recognized: primary, error: null, note: null, target: null, scroll: 0 };
			return needsOrigin(primary) ? { ...base, view: 'origin' } : { ...base, view: 'result' };
		}
		case 'origin-draft':
			return { ...s, originDraft: a.text.trim(), error: null };
		case 'origin-submit': {
			if (!s.recognized) return s;
			const message = recognise(s.text).primary ?? s.recognized;
			if (s.originDraft === '') return { ...s, view: 'result', recognized: { ...message, origin: null }, error: null, scroll: 0 };
			const r = parseOriginRule(s.originDraft);
			if ('error' in r || r.kind !== 'exact') return { ...s, error: 'error' in r ? r.error : 'give one exact origin, e.g. https://app.example.com' };
			return { ...s, view: 'result', recognized: { ...message, origin: r.origin }, error: null, note: null, scroll: 0 };
		}
		case 'back':
			if (s.view === 'targets') return { ...s, view: 'result' };
			if (s.view === 'result' || s.view === 'origin') return { ...s, view: 'message', error: null, note: null };
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
		case 'scroll':
			return { ...s, scroll: Math.max(0, Math.min(a.max ?? Number.POSITIVE_INFINITY, s.scroll + a.by)) };
	}
}
