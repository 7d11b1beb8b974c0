// A lesson as the app uses it, and its exercises in order. No parsing or validation here
// (that is markdown.ts, with the schema): the screens import this without loading zod.

import type { ExerciseJson } from './schema.js';

export type Block = { readonly type: 'text'; readonly markdown: string } | { readonly type: 'exercise'; readonly exercise: ExerciseJson; readonly line: number };

export interface LessonStep {
	readonly title: string;
	readonly blocks: readonly Block[];
}

export interface Lesson {
	readonly file: string;
	/** From the file name `NN-id.md`. */
	readonly id: string;
	readonly number: number;
	readonly title: string;
	readonly intro: string;
	readonly steps: readonly LessonStep[];
}

/** Every exercise of a lesson, in order. */
export const exercisesOf = (l: Lesson): ExerciseJson[] =>
	l.steps.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'exercise' ? [b.exercise] : [])));
