// The end of a lesson, and the completion screen at the end of the course.
import { afterEach, expect, test } from 'vitest';
import { EMPTY_PROGRESS, recordAttempt } from '../../source/progress/progress.js';
import { KEY, NOW, type Session, start } from './helpers.js';

let s: Session | undefined;
afterEach(() => s?.unmount());

test('the end of a lesson: what was solved, and Enter opens the next lesson', async () => {
	s = await start({ progress: recordAttempt(EMPTY_PROGRESS, 'basics-fix', true, NOW), initial: { name: 'player', lesson: 0, page: 6 } });
	const end = await s.see('End of lesson Fixture basics');
	expect(end).toContain('You solved 1 of 3 exercises here.');
	expect(end).toContain('Enter: next lesson, Fixture caching');
	expect(await s.press(KEY.enter, 'SECOND-LESSON-INTRO')).toMatch(/^02 · Fixture caching\s+1\/4/);
});

test('every exercise solved: "Course complete!", and Enter goes back to the lessons', async () => {
	const all = ['basics-choose', 'basics-will-preflight', 'basics-fix', 'caching-count'].reduce((p, id) => recordAttempt(p, id, true, NOW), EMPTY_PROGRESS);
	s = await start({ progress: all, initial: { name: 'player', lesson: 1, page: 3 } });
	const done = await s.see('Course complete!');
	expect(done).toContain('You solved all 4 exercises of 2 lessons.');
	const list = await s.press(KEY.enter, 'reset lesson');
	expect(list).toMatch(/Lessons\s+2\/2 complete/);
	expect(list).toContain('❯ ✓ 02  Fixture caching');
});

test('solving the last exercise of the course, then continuing, reaches the completion screen', async () => {
	const three = ['basics-choose', 'basics-will-preflight', 'basics-fix'].reduce((p, id) => recordAttempt(p, id, true, NOW), EMPTY_PROGRESS);
	s = await start({ progress: three, initial: { name: 'player', lesson: 1, page: 2 } });
	await s.see('QUESTION-COUNT');
	await s.press(KEY.enter, (f) => !f.includes('(Enter to type)'));
	await s.press('2', 'Your answer: 2');
	await s.press(KEY.enter, '✓ Right.');
	await s.press(KEY.enter, 'Course complete!');
});
