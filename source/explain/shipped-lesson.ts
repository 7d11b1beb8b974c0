// The lesson that teaches a failure, looked up in the shipped curriculum, for the commands
// (`explain`, `check`); the Debugger screen uses the curriculum the app has loaded.

import { loadCurriculum } from '../content/load.js';
import { type LessonRef, lessonFor } from './report.js';

/** The lesson that teaches a failure, from the shipped curriculum (none if it cannot be read). */
export function shippedLessonFor(code: string): LessonRef | null {
	try {
		return lessonFor(code, loadCurriculum().lessons);
	} catch {
		return null;
	}
}

/** The lesson as JSON: where to open it. */
export const lessonJson = (l: LessonRef) => ({ id: l.id, number: l.number, title: l.title, open: `cors-tutor learn ${l.id}` });
