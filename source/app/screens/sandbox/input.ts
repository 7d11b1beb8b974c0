// The sandbox's keymap, as data: each binding says which keys, what it does (for the help
// line) and the effect. While a text field has the keyboard, only Esc is ours (Enter belongs
// to the field's onSubmit).

import type { Key } from 'ink';
import type { KeyHelp } from '../../components/frame.js';
import { type Binding as AnyBinding, type Effect as AnyEffect, act, ch, effectOf, helpOf } from '../../components/keymap.js';
import type { Action, SandboxState } from './state.js';

export type Effect = AnyEffect<Action>;
type Binding = AnyBinding<Effect>;
const SECOND = 1000;

export const VIEW_KEYS: readonly Binding[] = [
	{ when: (i, k) => k.rightArrow || (i === ' ' && !k.ctrl), effect: act({ type: 'step', by: 1 }), help: { keys: '→/←', does: 'step' } },
	{ when: (_, k) => k.leftArrow, effect: act({ type: 'step', by: -1 }) },
	{ when: (_, k) => k.return || k.end, effect: act({ type: 'to-end' }), help: { keys: 'Enter', does: 'to the end' } },
	{ when: (i, k) => k.home || ch('0')(i, k), effect: act({ type: 'to-start' }) },
	{ when: ch('s'), effect: act({ type: 'clock', ms: SECOND }), help: { keys: 's/m/h', does: 'clock +1s/m/h' } },
	{ when: ch('m'), effect: act({ type: 'clock', ms: 60 * SECOND }) },
	{ when: ch('h'), effect: act({ type: 'clock', ms: 3600 * SECOND }) },
	{ when: ch('b'), effect: act({ type: 'browser' }), help: { keys: 'b', does: 'browser' } },
	{ when: ch('r'), effect: act({ type: 'open', mode: 'requests' }), help: { keys: 'r', does: 'requests' } },
	{ when: ch('v'), effect: act({ type: 'open', mode: 'server' }), help: { keys: 'v', does: 'server' } },
	{ when: ch('p'), effect: act({ type: 'open', mode: 'presets' }), help: { keys: 'p', does: 'presets' } },
	{ when: ch('w'), effect: act({ type: 'open', mode: 'save' }), help: { keys: 'w', does: 'save' } },
	{ when: ch('o'), effect: act({ type: 'open', mode: 'open' }), help: { keys: 'o', does: 'open' } },
	{ when: (_, k) => k.upArrow, effect: act({ type: 'scroll', by: 1 }) },
	{ when: (_, k) => k.downArrow, effect: act({ type: 'scroll', by: -1 }) },
	{ when: (_, k) => k.pageUp, effect: act({ type: 'scroll', by: 8 }) },
	{ when: (_, k) => k.pageDown, effect: act({ type: 'scroll', by: -8 }) },
	{ when: (_, k) => k.escape, effect: { type: 'home' }, help: { keys: 'Esc', does: 'home' } },
	{ when: ch('q'), effect: { type: 'quit' } },
];

export const EDITOR_KEYS: readonly Binding[] = [
	{ when: (_, k) => k.upArrow, effect: act({ type: 'cursor', by: -1 }), help: { keys: '↑↓', does: 'choose' } },
	{ when: (_, k) => k.downArrow, effect: act({ type: 'cursor', by: 1 }) },
	{ when: (_, k) => k.return, effect: act({ type: 'activate' }), help: { keys: 'Enter', does: 'edit/toggle' } },
	{ when: (i, k) => ch('x')(i, k) || k.delete, effect: act({ type: 'remove' }), help: { keys: 'x', does: 'remove' } },
	{ when: (_, k) => k.escape, effect: act({ type: 'close' }), help: { keys: 'Esc', does: 'done: watch it run' } },
];

export const TYPING_KEYS: readonly Binding[] = [
	{ when: () => false, effect: { type: 'none' }, help: { keys: 'Enter', does: 'apply' } },
	{ when: (_, k) => k.escape, effect: act({ type: 'cancel-typing' }), help: { keys: 'Esc', does: 'cancel' } },
];

export const PRESET_KEYS: readonly Binding[] = [
	{ when: (_, k) => k.upArrow, effect: act({ type: 'cursor', by: -1 }), help: { keys: '↑↓', does: 'choose' } },
	{ when: (_, k) => k.downArrow, effect: act({ type: 'cursor', by: 1 }) },
	{ when: (_, k) => k.return, effect: act({ type: 'activate' }), help: { keys: 'Enter', does: 'load' } },
	{ when: (_, k) => k.escape, effect: act({ type: 'close' }), help: { keys: 'Esc', does: 'back' } },
];

export const PROMPT_KEYS: readonly Binding[] = [
	{ when: () => false, effect: { type: 'none' }, help: { keys: 'Enter', does: 'go' } },
	{ when: (_, k) => k.escape, effect: act({ type: 'close' }), help: { keys: 'Esc', does: 'cancel' } },
];

export function keysFor(s: SandboxState): readonly Binding[] {
	switch (s.mode.kind) {
		case 'view':
			return VIEW_KEYS;
		case 'requests':
		case 'server':
			return s.mode.typing === null ? EDITOR_KEYS : TYPING_KEYS;
		case 'presets':
			return PRESET_KEYS;
		case 'save':
		case 'open':
			return PROMPT_KEYS;
	}
}

export const onKey = (input: string, key: Key, s: SandboxState): Effect => effectOf(keysFor(s), input, key);

export const helpFor = (s: SandboxState): KeyHelp[] => helpOf(keysFor(s));
