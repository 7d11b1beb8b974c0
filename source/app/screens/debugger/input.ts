// The Debugger's keymap, as data, per view. While a text field has the keyboard only Esc is
// ours (Enter belongs to the field's onSubmit, every other key to the text); in the target
// picker the menu has the arrows and Enter.

import type { Key } from 'ink';
import type { KeyHelp } from '../../components/frame.js';
import { type Binding as AnyBinding, type Effect as AnyEffect, act, ch, effectOf } from '../../components/keymap.js';
import type { Action, DebuggerState } from './state.js';

/** Besides the usual effects: open the lesson that teaches the failure. */
export type Effect = AnyEffect<Action, { readonly type: 'lesson' }>;
type Binding = AnyBinding<Effect>;

const never = () => false;

const MESSAGE_KEYS: readonly Binding[] = [
	{ when: never, effect: { type: 'none' }, help: { keys: 'Enter', does: 'explain' } },
	{ when: (_, k) => k.escape, effect: { type: 'home' }, help: { keys: 'Esc', does: 'home' } },
];

const ORIGIN_KEYS: readonly Binding[] = [
	{ when: never, effect: { type: 'none' }, help: { keys: 'Enter', does: 'continue (empty: skip)' } },
	{ when: (_, k) => k.escape, effect: act({ type: 'back' }), help: { keys: 'Esc', does: 'back' } },
];

/** A report that scrolls: ↑↓ a row, PgUp/PgDn and Space a page. */
const SCROLL_KEYS: readonly Binding[] = [
	{ when: (_, k) => k.upArrow, effect: act({ type: 'scroll', by: -1 }), help: { keys: '↑↓', does: 'scroll' } },
	{ when: (_, k) => k.downArrow, effect: act({ type: 'scroll', by: 1 }) },
	{ when: (_, k) => k.pageUp, effect: act({ type: 'scroll', by: -8 }) },
	{ when: (_, k) => k.pageDown, effect: act({ type: 'scroll', by: 8 }) },
	{ when: ch(' '), effect: act({ type: 'scroll', by: 8 }) },
];

const RESULT_KEYS: readonly Binding[] = [
	...SCROLL_KEYS,
	{ when: ch('t'), effect: act({ type: 'targets' }), help: { keys: 't', does: 'config' } },
	{ when: ch('c'), effect: act({ type: 'print' }), help: { keys: 'c', does: 'copy' } },
	{ when: ch('l'), effect: { type: 'lesson' }, help: { keys: 'l', does: 'lesson' } },
	{ when: ch('o'), effect: act({ type: 'ask-origin' }), help: { keys: 'o', does: 'origin' } },
	{ when: ch('n'), effect: act({ type: 'edit', empty: true }), help: { keys: 'n', does: 'new' } },
	// Esc also edits the message (back one level); e says it for those who look for it.
	{ when: ch('e'), effect: act({ type: 'edit' }) },
	{ when: (_, k) => k.escape, effect: act({ type: 'back' }), help: { keys: 'Esc', does: 'back' } },
	{ when: ch('q'), effect: { type: 'quit' } },
];

const TARGET_KEYS: readonly Binding[] = [
	{ when: never, effect: { type: 'none' }, help: { keys: '↑↓', does: 'choose' } },
	{ when: never, effect: { type: 'none' }, help: { keys: 'Enter', does: 'show config' } },
	{ when: (_, k) => k.escape, effect: act({ type: 'back' }), help: { keys: 'Esc', does: 'back' } },
];

/** A pasted curl command's check: the report scrolls; n pastes another, Esc goes back to the text. */
const CHECK_KEYS: readonly Binding[] = [
	...SCROLL_KEYS,
	{ when: ch('n'), effect: act({ type: 'edit', empty: true }), help: { keys: 'n', does: 'new' } },
	{ when: ch('e'), effect: act({ type: 'edit' }) },
	{ when: (_, k) => k.escape, effect: act({ type: 'back' }), help: { keys: 'Esc', does: 'back' } },
	{ when: ch('q'), effect: { type: 'quit' } },
];

const KEYS: Record<DebuggerState['view'], readonly Binding[]> = { message: MESSAGE_KEYS, origin: ORIGIN_KEYS, result: RESULT_KEYS, targets: TARGET_KEYS, check: CHECK_KEYS };

export const onKey = (input: string, key: Key, s: DebuggerState): Effect => effectOf(KEYS[s.view], input, key);

/** Keys shown only when they can do something: l (a lesson teaches it), o (the message lacks the origin), c (a configuration is shown). */
const OPTIONAL = { l: 'lesson', o: 'origin', c: 'config' } as const;

/** The help line, without the optional keys that would do nothing now. */
export const helpFor = (s: DebuggerState, has: { lesson: boolean; origin: boolean; config: boolean }): KeyHelp[] =>
	KEYS[s.view].flatMap((b) => {
		const needs = OPTIONAL[b.help?.keys as keyof typeof OPTIONAL];
		if (!b.help || (needs && !has[needs])) return [];
		// A pasted request cannot be checked without its page's origin: no skipping.
		if (s.view === 'origin' && s.pasted && !s.recognized && b.help.keys === 'Enter') return [{ keys: 'Enter', does: 'check it' }];
		return [b.help];
	});
