// The lesson player's state: which page of which lesson, and the learner's work on the
// current exercise. A pure reducer over a closed set of actions.

import type { Lesson } from '../../../content/lesson.js';
import type { ExerciseJson } from '../../../content/schema.js';
import type { Answer, Grade, Prompt } from '../../../grading/types.js';

export type Page =
	| { readonly type: 'intro' }
	| { readonly type: 'text'; readonly step: number; readonly markdown: string }
	| { readonly type: 'exercise'; readonly step: number; readonly exercise: ExerciseJson }
	| { readonly type: 'done' };

/** The lesson as pages: the introduction, each step's opening text, its exercises, the end. */
export function pagesOf(l: Lesson): Page[] {
	const pages: Page[] = [{ type: 'intro' }];
	l.steps.forEach((s, step) => {
		const [first, ...rest] = s.blocks;
		pages.push({ type: 'text', step, markdown: first?.type === 'text' ? first.markdown : '' });
		for (const b of first?.type === 'text' ? rest : s.blocks)
			pages.push(b.type === 'text' ? { type: 'text', step, markdown: b.markdown } : { type: 'exercise', step, exercise: b.exercise });
	});
	pages.push({ type: 'done' });
	return pages;
}

/** The reference topic a text page embeds (the loader marks it "From the reference: `cors-tutor ref <id>`"), if any. */
export function pageReference(page: Page | undefined): string | null {
	if (page?.type !== 'text') return null;
	return /From the reference: `cors-tutor ref ([a-z0-9-]+)`/.exec(page.markdown)?.[1] ?? null;
}

/** The learner's unfinished answer. */
export interface Draft {
	/** Highlighted option (choice, multi, order, outcome). */
	readonly cursor: number;
	readonly selected: readonly number[];
	readonly text: string;
	/** Outcome exercises: the learner said "blocked" and now picks why. */
	readonly blocked: boolean;
	readonly preflight: readonly string[];
	readonly response: readonly string[];
	/** Header exercises with both sections: which one is being typed. */
	readonly section: 'preflight' | 'response';
	/** The text field has the keyboard (number and header answers). */
	readonly typing: boolean;
}

export const EMPTY_DRAFT: Draft = { cursor: 0, selected: [], text: '', blocked: false, preflight: [], response: [], section: 'preflight', typing: false };

export interface PlayerState {
	readonly lesson: number;
	readonly page: number;
	readonly scroll: number;
	readonly draft: Draft;
	readonly hints: number;
	readonly misses: number;
	readonly grade: Grade | null;
	readonly solved: boolean;
	readonly showSolution: boolean;
	readonly showTrace: boolean;
	readonly confirmReset: boolean;
}

export const startAt = (lesson: number, page = 0): PlayerState => ({
	lesson, page, scroll: 0, draft: EMPTY_DRAFT, hints: 0, misses: 0, grade: null, solved: false, showSolution: false, showTrace: false, confirmReset: false,
});

export type Action =
	| { readonly type: 'go'; readonly page: number; readonly pages: number }
	| { readonly type: 'lesson'; readonly lesson: number; readonly page?: number }
	| { readonly type: 'scroll'; readonly by: number; readonly max: number }
	| { readonly type: 'draft'; readonly draft: Partial<Draft> }
	| { readonly type: 'hint'; readonly available: number }
	| { readonly type: 'graded'; readonly grade: Grade }
	| { readonly type: 'solution' }
	| { readonly type: 'trace' }
	| { readonly type: 'confirm-reset'; readonly on: boolean };

export function reducer(s: PlayerState, a: Action): PlayerState {
	switch (a.type) {
		case 'go':
			return a.page < 0 || a.page >= a.pages ? s : { ...startAt(s.lesson, a.page) };
		case 'lesson':
			return startAt(a.lesson, a.page ?? 0);
		case 'scroll':
			return { ...s, scroll: Math.max(0, Math.min(a.max, s.scroll + a.by)) };
		case 'draft':
			return { ...s, draft: { ...s.draft, ...a.draft }, grade: s.grade?.malformed ? null : s.grade };
		case 'hint':
			return { ...s, hints: Math.min(a.available, s.hints + 1) };
		case 'graded': {
			if (a.grade.malformed) return { ...s, grade: a.grade };
			return {
				...s, grade: a.grade, scroll: 0, showTrace: false,
				solved: s.solved || a.grade.correct,
				misses: a.grade.correct ? s.misses : s.misses + 1,
				// Right: the field lets go of the keyboard (Enter continues); wrong: type again.
				draft: a.grade.correct ? { ...s.draft, typing: false } : { ...s.draft, blocked: false, text: '' },
			};
		}
		case 'solution':
			return { ...s, showSolution: true };
		case 'trace':
			return { ...s, showTrace: !s.showTrace, scroll: 0 };
		case 'confirm-reset':
			return { ...s, confirmReset: a.on };
	}
}

/** The answer the draft stands for, or null while it is unfinished. */
export function answerOf(prompt: Prompt, d: Draft, choose?: number): Answer | null {
	switch (prompt.type) {
		case 'yes-no':
			return choose === undefined ? null : { type: 'yes-no', value: choose === 0 };
		case 'choice':
			return { type: 'choice', index: choose ?? d.cursor };
		case 'multi':
			return { type: 'multi', indices: [...d.selected].sort((x, y) => x - y) };
		case 'number':
			return /^\s*\d+\s*$/.test(d.text) ? { type: 'number', value: Number(d.text.trim()) } : null;
		case 'order':
			return d.selected.length === prompt.items.length ? { type: 'order', order: d.selected } : null;
		case 'headers':
			return { type: 'headers', preflight: d.preflight, response: d.response };
		case 'outcome':
			return { type: 'outcome', allowed: !d.blocked, ...(d.blocked && prompt.reasons.length ? { reason: choose ?? d.cursor } : {}) };
	}
}
