// The curriculum: every lessons/NN-id.md file, parsed and cross-checked (unique ids and numbers).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../input/json.js';
import { type Reference, ReferenceError, findSection, loadReference } from '../reference/load.js';
import { type Curriculum, CurriculumError, defaultLessonsDir } from './curriculum.js';
import { type Lesson, exercisesOf, parseLesson } from './markdown.js';

export { type Curriculum, CurriculumError, defaultLessonsDir } from './curriculum.js';

/** Load and validate every lesson; all problems of all files are reported together. */
export function loadCurriculum(dir = defaultLessonsDir()): Curriculum {
	const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
	const lessons: Lesson[] = [];
	const errors: InputError[] = [];
	let reference: Reference = { dir: join(dir, 'reference'), topics: [] };
	try {
		reference = loadReference(join(dir, 'reference'));
	} catch (e) {
		if (e instanceof ReferenceError) errors.push(...e.errors);
		else throw e;
	}
	const embed = (topic: string, section: string) => findSection(reference, topic, section)?.markdown ?? null;
	for (const f of files) {
		try {
			lessons.push(parseLesson(f, join(dir, f), readFileSync(join(dir, f), 'utf8'), embed));
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
	const ids = new Set(lessons.map((l) => l.id));
	// Only the topic files: the generated error topics name the shipped course's lessons.
	for (const t of reference.topics.filter((x) => x.file.endsWith('.md')))
		for (const l of t.lessons) if (!ids.has(l)) errors.push(new InputError(t.file, [`field "lessons": there is no lesson "${l}"`]));
	if (errors.length) throw new CurriculumError(errors);
	return { dir, lessons, reference };
}
