// The curriculum as the app holds it, where the shipped one lives, and the error that lists
// every problem of its files. No parsing here (load.ts), so this loads without zod.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputError } from '../input/json.js';
import type { Reference } from '../reference/load.js';
import type { Lesson } from './lesson.js';

export interface Curriculum {
	readonly dir: string;
	readonly lessons: readonly Lesson[];
	/** The reference topics in dir/reference/ (and the generated error topics). */
	readonly reference?: Reference;
}

/**
 * lessons/ beside a package.json, found by walking up from wherever this module was bundled to:
 * the repository's root, or dist/app/ in an installed copy (unpacked with the app, see
 * launch/unpack.ts).
 */
export function defaultLessonsDir(from = import.meta.url): string {
	let dir = dirname(fileURLToPath(from));
	for (let i = 0; i < 6; i++) {
		if (existsSync(join(dir, 'lessons')) && existsSync(join(dir, 'package.json'))) return join(dir, 'lessons');
		dir = dirname(dir);
	}
	throw new Error('cannot find the lessons/ folder next to package.json');
}

export class CurriculumError extends Error {
	constructor(readonly errors: readonly InputError[]) {
		super(errors.map((e) => e.message).join('\n'));
	}
}
