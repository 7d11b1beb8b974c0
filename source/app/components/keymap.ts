// A screen's keymap as data (ink-ui's use-x.ts split): each binding says which keys, what it
// does (for the help line) and the effect, which the screen's view carries out. The first
// binding that matches a key wins.
import type { Key } from 'ink';
import type { KeyHelp } from './frame.js';

/** What a key does: a reducer action, leaving the screen, or a screen's own `Extra` effects. */
export type Effect<Action, Extra extends { readonly type: string } = never> =
	| { readonly type: 'action'; readonly action: Action }
	| { readonly type: 'home' }
	| { readonly type: 'quit' }
	| { readonly type: 'none' }
	| Extra;

export interface Binding<E> {
	readonly when: (input: string, key: Key) => boolean;
	readonly effect: E;
	/** Shown in the help line when present. */
	readonly help?: KeyHelp;
}

export const act = <Action>(action: Action) => ({ type: 'action', action }) as const;

/** Typed characters (not with Ctrl or Meta). */
export const ch = (...cs: string[]) => (input: string, key: Key): boolean => !key.ctrl && !key.meta && cs.includes(input);

export const NONE = { type: 'none' } as const;

export function effectOf<E>(bindings: readonly Binding<E>[], input: string, key: Key): E | typeof NONE {
	for (const b of bindings) if (b.when(input, key)) return b.effect;
	return NONE;
}

export const helpOf = <E>(bindings: readonly Binding<E>[]): KeyHelp[] => bindings.flatMap((b) => (b.help ? [b.help] : []));
