import type { Policy } from '../policy/model.js';
import type { DebuggerState } from './screens/debugger/state.js';

export type Screen =
	| { readonly name: 'home' }
	| { readonly name: 'lessons'; readonly focus?: number }
	/** `back`: where Esc returns (the screen that opened the lesson); else the lesson list. */
	| { readonly name: 'player'; readonly lesson: number; readonly page?: number; readonly back?: Screen }
	| { readonly name: 'sandbox'; readonly file?: string }
	| { readonly name: 'builder'; readonly file?: string; readonly policy?: Policy }
	/** `state`: the Debugger as it was left (coming back from a lesson it opened). */
	| { readonly name: 'debugger'; readonly state?: DebuggerState }
	/** `back`: where Esc on the topic returns (the lesson page that opened it); else the topic list. */
	| { readonly name: 'reference'; readonly topic?: string; readonly back?: Screen };
export type Navigate = (to: Screen) => void;
