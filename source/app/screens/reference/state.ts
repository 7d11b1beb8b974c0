// The reference screens' state: the grouped topic list with a highlighted topic, or one
// topic being read, scrolled. A pure reducer over a closed set of actions.

import type { Topic } from '../../../reference/topic.js';
import { grouped } from '../../../reference/render.js';

export type Row = { readonly type: 'group'; readonly title: string } | { readonly type: 'topic'; readonly topic: Topic; readonly index: number };

/** The list as rows: each group's title, then its topics (index: position among topics). */
export function rowsOf(topics: readonly Topic[]): Row[] {
	const rows: Row[] = [];
	let index = 0;
	for (const g of grouped(topics)) {
		rows.push({ type: 'group', title: g.title });
		for (const t of g.topics) rows.push({ type: 'topic', topic: t, index: index++ });
	}
	return rows;
}

/** Topics in list order (grouped), which is what the cursor moves over. */
export const ordered = (topics: readonly Topic[]): Topic[] => grouped(topics).flatMap((g) => g.topics);

export interface RefState {
	/** The highlighted topic in the list (kept while a topic is open, to come back to it). */
	readonly cursor: number;
	/** The topic being read, or null for the list. */
	readonly open: string | null;
	readonly scroll: number;
}

export const initial = (topics: readonly Topic[], open?: string): RefState => {
	const i = open ? ordered(topics).findIndex((t) => t.id === open) : -1;
	return { cursor: Math.max(0, i), open: i >= 0 ? (open ?? null) : null, scroll: 0 };
};

export type Action =
	| { readonly type: 'move'; readonly by: number; readonly count: number }
	| { readonly type: 'open'; readonly id: string }
	| { readonly type: 'close' }
	| { readonly type: 'scroll'; readonly by: number; readonly max: number };

export function reducer(s: RefState, a: Action): RefState {
	switch (a.type) {
		case 'move':
			return a.count === 0 ? s : { ...s, cursor: Math.min(a.count - 1, Math.max(0, s.cursor + a.by)) };
		case 'open':
			return { ...s, open: a.id, scroll: 0 };
		case 'close':
			return { ...s, open: null, scroll: 0 };
		case 'scroll':
			return { ...s, scroll: Math.min(Math.max(0, a.max), Math.max(0, s.scroll + a.by)) };
	}
}
