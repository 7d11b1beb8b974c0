// Course progress figures, shared by the screens and `cors-tutor lessons`.
import type { Curriculum } from '../content/load.js';
import { exercisesOf } from '../content/lesson.js';
import { type Progress, isSolved } from '../progress/progress.js';

export interface LessonSummary {
	readonly index: number;
	readonly id: string;
	readonly title: string;
	readonly number: number;
	readonly exercises: number;
	readonly solved: number;
	readonly complete: boolean;
}

export function summarise(c: Curriculum, p: Progress): { lessons: LessonSummary[]; complete: number; exercises: number; solved: number } {
	const lessons = c.lessons.map((l, index) => {
		const xs = exercisesOf(l);
		const solved = xs.filter((x) => isSolved(p, x.id)).length;
		return { index, id: l.id, title: l.title, number: l.number, exercises: xs.length, solved, complete: xs.length > 0 && solved === xs.length };
	});
	return {
		lessons,
		complete: lessons.filter((l) => l.complete).length,
		exercises: lessons.reduce((n, l) => n + l.exercises, 0),
		solved: lessons.reduce((n, l) => n + l.solved, 0),
	};
}

/** Where "Continue" goes: the last lesson opened, else the first one not complete. */
export function resumePoint(c: Curriculum, p: Progress): { lesson: number; page: number } {
	const last = p.last ? c.lessons.findIndex((l) => l.id === p.last?.lesson) : -1;
	if (last >= 0) return { lesson: last, page: p.last?.step ?? 0 };
	const s = summarise(c, p).lessons.find((l) => !l.complete);
	return { lesson: s?.index ?? 0, page: 0 };
}
