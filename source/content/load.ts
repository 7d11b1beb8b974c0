// The curriculum: every lessons/NN-id.md file, parsed and cross-checked (unique ids and numbers).

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../input/json.js';
import { type Lesson, exercisesOf, parseLesson } from './markdown.js';

export interface Curriculum {
	readonly dir: string;
	readonly lessons: readonly Lesson[];
}

/** lessons/ beside the package root, found from wherever this module was bundled to. */
export function defaultLessonsDir(from = import.meta.url): string {
	let dir = dirname(fileURLToPath(from));
	for (let i = 0; i < 6; i++) {
		if (existsSync(join(dir, 'lessons')) && existsSync(join(dir, 'package.json'))) return join(dir, 'lessons');
		dir = dirname(dir);
	}
	throw new Error('cannot find the lessons/ folder next to package.json');
}

/** Load and validate every lesson; all problems of all files are reported together. */
export function loadCurriculum(dir = defaultLessonsDir()): Curriculum {
	const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
	const lessons: Lesson[] = [];
	const errors: InputError[] = [];
	for (const f of files) {
		try {
			lessons.push(parseLesson(f, join(dir, f), readFileSync(join(dir, f), 'utf8')));
		} catch (e) {
			if (e instanceof InputError) errors.push(e);
			else throw e;
		}
	}
	const seen = new Map<string, string>();
	const claim = (key: string, where: string, what: string) => {
		const other = seen.get(key);
		if (other) errors.push(new InputError(where, [`${what} is also used in ${other}; ids must be unique`]));
		else seen.set(key, where);
	};
	for (const l of lessons) {
		claim(`lesson:${l.id}`, l.file, `lesson id "${l.id}"`);
		claim(`number:${l.number}`, l.file, `lesson number ${String(l.number).padStart(2, '0')}`);
		for (const ex of exercisesOf(l)) claim(`exercise:${ex.id}`, l.file, `exercise id "${ex.id}"`);
	}
	if (errors.length) throw new CurriculumError(errors);
	return { dir, lessons };
}

export class CurriculumError extends Error {
	constructor(readonly errors: readonly InputError[]) {
		super(errors.map((e) => e.message).join('\n'));
	}
}
