// Resetting one lesson or everything from the lesson list, always after a y/n question.
import { afterEach, describe, expect, test } from 'vitest';
import { EMPTY_PROGRESS, type Progress, recordAttempt } from '../../source/progress/progress.js';
import { KEY, NOW, type Session, start } from './helpers.js';

let s: Session | undefined;
afterEach(() => s?.unmount());

const ALL = ['basics-choose', 'basics-will-preflight', 'basics-fix', 'caching-count'];
const solved: Progress = ALL.reduce((p, id) => recordAttempt(p, id, true, NOW), EMPTY_PROGRESS);

describe('reset', () => {
	test('r asks about the highlighted lesson; n keeps everything', async () => {
		s = await start({ progress: solved, initial: { name: 'lessons' } });
		const list = await s.see('reset lesson');
		expect(list).toContain('✓ 01  Fixture basics  (3/3)');
		expect(list).toContain('✓ 02  Fixture caching  (1/1)');
		const ask = await s.press('r', '(y/n)');
		expect(ask).toContain('Reset your answers in "Fixture basics"? (y/n)');
		expect(ask).toContain('y yes, reset  ·  n/Esc keep it');
		await s.press('n', 'reset lesson');
		expect(s.saved).toEqual([]);
		await s.press('r', '(y/n)');
		await s.press(KEY.escape, 'reset lesson');
		expect(s.saved).toEqual([]);
		expect(s.frame()).toContain('Lessons');
	});

	test('r, y resets only that lesson', async () => {
		s = await start({ progress: solved, initial: { name: 'lessons' } });
		await s.see('reset lesson');
		await s.press(KEY.down, '❯ ✓ 02');
		await s.press('r', 'Reset your answers in "Fixture caching"? (y/n)');
		const after = await s.press('y', 'That lesson was reset.');
		expect(after).toContain('❯   02  Fixture caching  (0/1)');
		expect(after).toContain('✓ 01  Fixture basics  (3/3)');
		expect(Object.keys(s.progress().exercises)).toEqual(['basics-choose', 'basics-will-preflight', 'basics-fix']);
	});

	test('R, y resets everything', async () => {
		s = await start({ progress: { ...solved, last: { lesson: 'caching', step: 2 } }, initial: { name: 'lessons' } });
		await s.see('reset lesson');
		await s.press('R', 'Reset the progress of every lesson? (y/n)');
		const after = await s.press('y', 'All progress was reset.');
		expect(after).toMatch(/Lessons\s+0\/2 complete/);
		expect(after).toContain('(0/3)');
		expect(s.progress()).toEqual(EMPTY_PROGRESS);
		await s.press(KEY.escape, 'Start the course: Fixture basics');
	});
});
