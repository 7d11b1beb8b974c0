// Shared bits for the lessons-engine tests: the fixture folders and a way to catch the
// error a parse throws.
import { join } from 'node:path';
import { InputError } from '../../source/input/json.js';

export const FIXTURES = join(import.meta.dirname, '../fixtures/lessons');
export const COURSE = join(FIXTURES, 'course');
export const BROKEN = join(FIXTURES, 'broken');
export const DUPLICATES = join(FIXTURES, 'duplicates');

/** Run `f`, which must throw an InputError; return it. */
export function inputError(f: () => unknown): InputError {
	try {
		f();
	} catch (e) {
		if (e instanceof InputError) return e;
		throw e;
	}
	throw new Error('expected an InputError, but nothing was thrown');
}

/** A fenced exercise block holding `json` (an object, pretty-printed, or raw text). */
export const exerciseBlock = (json: unknown): string =>
	['```exercise', typeof json === 'string' ? json : JSON.stringify(json, null, 2), '```'].join('\n');

/** The smallest valid exercise. */
export const WILL_PREFLIGHT = {
	id: 'tiny', kind: 'will-preflight', question: 'Preflight?', hints: ['GET is simple.'],
	request: { url: 'https://api.example.com/' },
};
