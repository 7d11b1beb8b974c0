// Moving between the screens: home → lessons → a lesson → back, with Esc and q.
import { afterEach, describe, expect, test } from 'vitest';
import { KEY, type Session, start } from './helpers.js';

let s: Session | undefined;
afterEach(() => s?.unmount());

describe('navigation', () => {
	test('home → All lessons → Esc → home', async () => {
		s = await start();
		await s.press(KEY.down, '❯ All lessons');
		const list = await s.press(KEY.enter, 'reset lesson');
		expect(list).toMatch(/^Lessons\s+0\/2 complete/);
		expect(list).toContain('❯   01  Fixture basics  (0/3)');
		expect(list).toContain('    02  Fixture caching  (0/1)');
		expect(list).toContain('↑↓ choose  ·  Enter open  ·  r reset lesson  ·  R reset all  ·  Esc back');
		await s.press(KEY.escape, 'Start the course');
		expect(s.exits).toEqual([]);
	});

	test('q on the lesson list goes back home, not out', async () => {
		s = await start({ initial: { name: 'lessons' } });
		await s.see('reset lesson');
		await s.press('q', 'Start the course');
		expect(s.exits).toEqual([]);
	});

	test('open the second lesson from the list; Esc returns to the list with it highlighted', async () => {
		s = await start({ initial: { name: 'lessons' } });
		await s.see('reset lesson');
		await s.press(KEY.down, '❯   02');
		const player = await s.press(KEY.enter, 'SECOND-LESSON-INTRO');
		expect(player).toMatch(/^02 · Fixture caching\s+1\/4/);
		expect(player).toContain('Enter/→ next  ·  ← back  ·  PgDn scroll  ·  Esc lessons  ·  q quit');
		const list = await s.press(KEY.escape, 'reset lesson');
		expect(list).toContain('❯   02  Fixture caching');
	});

	test('the player pages forward and back with Enter, → and ←; the page number follows', async () => {
		s = await start({ initial: { name: 'player', lesson: 0 } });
		expect(await s.see('INTRO-MARKER')).toMatch(/^01 · Fixture basics\s+1\/7/);
		expect(await s.press(KEY.enter, 'STEP-ONE-TEXT')).toMatch(/Reading the header · 2\/7/);
		await s.press(KEY.left, 'INTRO-MARKER');
		await s.press(KEY.right, 'STEP-ONE-TEXT');
		await s.press(' ', 'QUESTION-CHOOSE');
		expect(s.frame()).toMatch(/Reading the header · 3\/7/);
		const step2 = await s.press(KEY.right, 'STEP-TWO-TEXT');
		expect(step2).toMatch(/The preflight · 4\/7/);
		expect(step2).toContain('Second paragraph of the second step.');
		expect(s.progress().last).toEqual({ lesson: 'basics', step: 3 });
	});

	test('q in the player quits with 0', async () => {
		s = await start({ initial: { name: 'player', lesson: 0 } });
		await s.see('INTRO-MARKER');
		s.send('q');
		expect(await s.exited()).toBe(0);
	});
});
