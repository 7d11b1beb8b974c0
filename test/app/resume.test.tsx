// Resume after a restart: a second app started with the saved progress continues at the
// lesson and page where the first one was left.
import { afterEach, expect, test } from 'vitest';
import { KEY, type Session, start } from './helpers.js';

const sessions: Session[] = [];
afterEach(() => {
	for (const s of sessions.splice(0)) s.unmount();
});

test('answer, quit, start again: "Continue" goes to the saved page', async () => {
	const first = await start();
	sessions.push(first);
	await first.press(KEY.enter, 'INTRO-MARKER');
	await first.press(KEY.enter, 'STEP-ONE-TEXT');
	await first.press(KEY.enter, 'QUESTION-CHOOSE');
	await first.press('1', '✓ Right.');
	first.send(KEY.ctrlC);
	expect(await first.exited()).toBe(130);
	const saved = first.progress();
	expect(saved.last).toEqual({ lesson: 'basics', step: 2 });
	first.unmount();

	const second = await start({ progress: saved });
	sessions.push(second);
	const home = await second.see('Continue');
	expect(home).toContain('❯ Continue: Fixture basics');
	expect(home).toContain('Lessons 0/2 complete · 1/4 exercises');
	const player = await second.press(KEY.enter, 'QUESTION-CHOOSE');
	expect(player).toMatch(/^01 · Fixture basics\s+Reading the header · 3\/7/);
});

test('resume in the second lesson', async () => {
	const s = await start({ progress: { version: 1, exercises: {}, last: { lesson: 'caching', step: 2 } } });
	sessions.push(s);
	await s.see('❯ Continue: Fixture caching');
	expect(await s.press(KEY.enter, 'QUESTION-COUNT')).toMatch(/^02 · Fixture caching/);
});

test('a saved lesson that no longer exists: continue at the first lesson not complete', async () => {
	const s = await start({ progress: { version: 1, exercises: { 'basics-choose': { solved: true, attempts: 1 }, 'basics-will-preflight': { solved: true, attempts: 1 }, 'basics-fix': { solved: true, attempts: 1 } }, last: { lesson: 'removed', step: 9 } } });
	sessions.push(s);
	await s.see('❯ Continue: Fixture caching');
	expect(await s.press(KEY.enter, 'SECOND-LESSON-INTRO')).toMatch(/1\/4/);
});
