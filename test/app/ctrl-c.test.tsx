// Ctrl+C leaves with 130 from every screen, even while a text field has the keyboard.
import { afterEach, expect, test } from 'vitest';
import type { Screen } from '../../source/app/navigation.js';
import { KEY, type Session, start } from './helpers.js';

let s: Session | undefined;
afterEach(() => s?.unmount());

test.each<[string, Screen, string]>([
	['home', { name: 'home' }, 'Start the course'],
	['lessons', { name: 'lessons' }, 'reset lesson'],
	['player, text page', { name: 'player', lesson: 0 }, 'INTRO-MARKER'],
	['player, exercise', { name: 'player', lesson: 0, page: 2 }, 'QUESTION-CHOOSE'],
])('%s', async (_, initial, visible) => {
	s = await start({ initial });
	await s.see(visible);
	s.send(KEY.ctrlC);
	expect(await s.exited()).toBe(130);
});

test('player, typing header lines', async () => {
	s = await start({ initial: { name: 'player', lesson: 0, page: 5 } });
	await s.see('QUESTION-FIX');
	await s.press(KEY.enter, 'Name: value (empty line when done)');
	s.send(KEY.ctrlC);
	expect(await s.exited()).toBe(130);
	expect(s.exits).toEqual([130]);
});
