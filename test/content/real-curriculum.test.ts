// The shipped curriculum, proven exercise by exercise (what `cors-tutor lessons check` does).
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { checkCurriculum } from '../../source/content/check.js';
import { loadCurriculum } from '../../source/content/load.js';
import { exercisesOf } from '../../source/content/markdown.js';

const curriculum = loadCurriculum(join(import.meta.dirname, '../../lessons'));

test('every lesson file is valid and every exercise is proven', () => {
	expect(checkCurriculum(curriculum).problems).toEqual([]);
});

test('the course: at least 14 lessons in order, 56 exercises, 6 kinds', () => {
	const numbers = curriculum.lessons.map((l) => l.number);
	expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
	expect(curriculum.lessons.length).toBeGreaterThanOrEqual(14);
	const all = curriculum.lessons.flatMap(exercisesOf);
	expect(all.length).toBeGreaterThanOrEqual(56);
	expect(new Set(all.map((x) => x.kind)).size).toBeGreaterThanOrEqual(6);
});
