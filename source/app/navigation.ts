import type { Policy } from '../policy/model.js';

export type Screen =
	| { readonly name: 'home' }
	| { readonly name: 'lessons'; readonly focus?: number }
	| { readonly name: 'player'; readonly lesson: number; readonly page?: number }
	| { readonly name: 'sandbox'; readonly file?: string }
	| { readonly name: 'builder'; readonly file?: string; readonly policy?: Policy }
	| { readonly name: 'debugger' }
	/** `back`: where Esc on the topic returns (the lesson page that opened it); else the topic list. */
	| { readonly name: 'reference'; readonly topic?: string; readonly back?: Screen };
export type Navigate = (to: Screen) => void;
