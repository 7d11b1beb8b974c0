// What the lesson player shows for an exercise, what the learner answers, and the verdict.

import type { ScenarioRun } from '../core/run-scenario.js';

/** How the player asks. */
export type Prompt =
	| { readonly type: 'yes-no' }
	| { readonly type: 'choice'; readonly options: readonly string[] }
	| { readonly type: 'multi'; readonly options: readonly string[] }
	| { readonly type: 'number' }
	| { readonly type: 'order'; readonly items: readonly string[] }
	| { readonly type: 'headers'; readonly preflight: boolean; readonly response: boolean }
	/** Allowed or blocked, then (when blocked) why: the reasons to choose from. */
	| { readonly type: 'outcome'; readonly reasons: readonly string[] };

export type Answer =
	| { readonly type: 'yes-no'; readonly value: boolean }
	| { readonly type: 'choice'; readonly index: number }
	| { readonly type: 'multi'; readonly indices: readonly number[] }
	| { readonly type: 'number'; readonly value: number }
	| { readonly type: 'order'; readonly order: readonly number[] }
	| { readonly type: 'headers'; readonly preflight: readonly string[]; readonly response: readonly string[] }
	| { readonly type: 'outcome'; readonly allowed: boolean; readonly reason?: number };

export interface Grade {
	readonly correct: boolean;
	/** The answer could not be read (not a header line, not a number…): say how to write it; not a miss. */
	readonly malformed?: string;
	/** One or two sentences: why right or wrong, from the core's trace. */
	readonly feedback: string;
	/** The core's run for the learner's answer (or for the exercise), to show "the browser does this". */
	readonly run?: ScenarioRun;
}

export interface Prepared {
	readonly prompt: Prompt;
	grade(answer: Answer): Grade;
	/** The answer the core says is right (shown after repeated misses). */
	readonly solution: Answer;
	/** Plausible wrong answers (for `lessons check`). */
	readonly wrong: readonly Answer[];
	/** The solution in words. */
	readonly solutionText: string;
}
