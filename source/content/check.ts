// `lessons check`: prove the curriculum. Every exercise's scenario runs, its answer key is
// computable and unambiguous, its reference answer passes and a plausible wrong answer fails.

import { type Prepared, prepare } from '../grading/index.js';
import type { Curriculum } from './load.js';
import { exercisesOf } from './markdown.js';

export interface CheckProblem {
	readonly file: string;
	readonly exercise: string;
	readonly problem: string;
}

export function checkCurriculum(c: Curriculum): { exercises: number; problems: CheckProblem[] } {
	const problems: CheckProblem[] = [];
	let exercises = 0;
	for (const lesson of c.lessons) {
		for (const ex of exercisesOf(lesson)) {
			exercises++;
			const say = (problem: string) => problems.push({ file: lesson.file, exercise: ex.id, problem });
			let p: Prepared;
			try {
				p = prepare(ex);
			} catch (e) {
				say(`its scenario does not run: ${(e as Error).message}`);
				continue;
			}
			const ref = p.grade(p.solution);
			if (ref.malformed) say(`the reference answer is malformed: ${ref.malformed}`);
			else if (!ref.correct) say(`the reference answer fails: ${ref.feedback}`);
			if (!p.wrong.some((w) => !p.grade(w).correct && !p.grade(w).malformed)) say('no plausible wrong answer fails: the exercise cannot be failed');
			const prompt = p.prompt;
			if ((prompt.type === 'choice' || prompt.type === 'multi') && prompt.options.length < 2) say('fewer than two options to choose from');
			if (prompt.type === 'choice' && p.solution.type === 'choice' && p.solution.index < 0) say('none of the options is right according to the core');
			if (ex.kind === 'choose-fix' && p.wrong.length !== ex.options.length - 1) say('more than one option fixes it: exactly one must');
			if (ex.kind === 'predict-console' && prompt.type === 'choice' && prompt.options.length !== ex.variants.length + 1)
				say('two scenarios print the same console message (or none): every variant must print its own');
			if (ex.kind === 'predict-outcome' && ex.why && p.solution.type === 'outcome' && !p.solution.allowed && (p.solution.reason ?? -1) < 0)
				say('the core blocks it for a reason that is not among "why"');
			if (ex.kind === 'order-steps' && prompt.type === 'order' && prompt.items.length < 4) say('fewer than four steps to order');
		}
	}
	return { exercises, problems };
}
