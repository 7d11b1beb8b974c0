// Exercises for the grading tests, built through the lesson schema so that every default
// (browser, page, fetch fields) applies exactly as in a lesson file.
import { type ExerciseJson, exerciseSchema } from '../../source/content/schema.js';
import { type Prepared, prepare } from '../../source/grading/index.js';

export const PAGE = 'https://app.example.com';
export const URL = 'https://api.example.com/data';

/** Parse `json` as a lesson's exercise (question and hints filled in) and prepare it. */
export function exercise(json: Record<string, unknown>): ExerciseJson {
	return exerciseSchema.parse({ id: 'ex', question: 'What happens?', hints: ['a hint'], ...json });
}

export const prepared = (json: Record<string, unknown>): Prepared => prepare(exercise(json));

/** A response without any CORS header. */
export const NO_CORS = { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' };
