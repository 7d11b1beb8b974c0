// The reference screens' keymap: the one place that turns keys into actions.

import type { Key } from 'ink';
import type { RefState } from './state.js';

export type Effect =
	| { readonly type: 'move'; readonly by: number }
	| { readonly type: 'open' }
	| { readonly type: 'close' }
	| { readonly type: 'home' }
	| { readonly type: 'scroll'; readonly by: number }
	| { readonly type: 'none' };

export function onKey(input: string, key: Key, s: RefState, pageHeight: number): Effect {
	const page = Math.max(1, pageHeight - 1);
	if (s.open === null) {
		if (key.escape || input === 'q') return { type: 'home' };
		if (key.upArrow || input === 'k') return { type: 'move', by: -1 };
		if (key.downArrow || input === 'j') return { type: 'move', by: 1 };
		if (key.pageUp) return { type: 'move', by: -page };
		if (key.pageDown) return { type: 'move', by: page };
		if (key.return || key.rightArrow) return { type: 'open' };
		return { type: 'none' };
	}
	if (key.escape || input === 'q' || key.leftArrow || key.backspace || key.delete) return { type: 'close' };
	if (key.upArrow || input === 'k') return { type: 'scroll', by: -1 };
	if (key.downArrow || input === 'j') return { type: 'scroll', by: 1 };
	if (key.pageUp || input === 'b') return { type: 'scroll', by: -page };
	if (key.pageDown || input === ' ') return { type: 'scroll', by: page };
	return { type: 'none' };
}
