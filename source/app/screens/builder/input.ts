// The builder's keymap, as data: each binding says which keys, what it does (for the help
// line) and the effect. While a text field has the keyboard, only Esc is ours (Enter belongs
// to the field's onSubmit).

import type { Key } from 'ink';
import type { KeyHelp } from '../../components/frame.js';
import { type Binding as AnyBinding, type Effect as AnyEffect, act, ch, effectOf, helpOf } from '../../components/keymap.js';
import type { Action, BuilderState } from './state.js';

export type Effect = AnyEffect<Action>;
type Binding = AnyBinding<Effect>;

export const FORM_KEYS: readonly Binding[] = [
	{ when: (_, k) => k.upArrow, effect: act({ type: 'cursor', by: -1 }), help: { keys: '↑↓', does: 'field' } },
	{ when: (_, k) => k.downArrow, effect: act({ type: 'cursor', by: 1 }) },
	{ when: (_, k) => k.return, effect: act({ type: 'activate' }), help: { keys: 'Enter', does: 'edit' } },
	{ when: (_, k) => k.rightArrow, effect: act({ type: 'cycle', by: 1 }) },
	{ when: (_, k) => k.leftArrow, effect: act({ type: 'cycle', by: -1 }) },
	{ when: (_, k) => k.tab, effect: act({ type: 'panel' }), help: { keys: 'Tab', does: 'panels' } },
	{ when: ch('t'), effect: act({ type: 'target', by: 1 }) },
	{ when: (_, k) => k.pageUp, effect: act({ type: 'scroll', by: -8 }) },
	{ when: (_, k) => k.pageDown, effect: act({ type: 'scroll', by: 8 }) },
	{ when: ch('w'), effect: act({ type: 'open-save', what: 'policy' }), help: { keys: 'w/g', does: 'save policy/config' } },
	{ when: ch('g'), effect: act({ type: 'open-save', what: 'config' }) },
	{ when: ch('c'), effect: act({ type: 'print' }) },
	{ when: (_, k) => k.escape, effect: { type: 'home' }, help: { keys: 'Esc', does: 'home' } },
	{ when: ch('q'), effect: { type: 'quit' } },
];

export const TYPING_KEYS: readonly Binding[] = [
	{ when: () => false, effect: { type: 'none' }, help: { keys: 'Enter', does: 'apply' } },
	{ when: (_, k) => k.escape, effect: act({ type: 'cancel-typing' }), help: { keys: 'Esc', does: 'cancel' } },
];

export const PROMPT_KEYS: readonly Binding[] = [
	{ when: () => false, effect: { type: 'none' }, help: { keys: 'Enter', does: 'save' } },
	{ when: (_, k) => k.escape, effect: act({ type: 'close' }), help: { keys: 'Esc', does: 'cancel' } },
];

export function keysFor(s: BuilderState): readonly Binding[] {
	if (s.mode.kind === 'save') return PROMPT_KEYS;
	return s.mode.typing === null ? FORM_KEYS : TYPING_KEYS;
}

export const onKey = (input: string, key: Key, s: BuilderState): Effect => effectOf(keysFor(s), input, key);

export const helpFor = (s: BuilderState): KeyHelp[] => helpOf(keysFor(s));
