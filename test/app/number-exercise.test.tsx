// A number exercise (count-preflights): not a number is a message; a miss; the right count.
import { afterEach, expect, test } from 'vitest';
import { KEY, type Session, flat, start } from './helpers.js';

let s: Session | undefined;
afterEach(() => s?.unmount());

test('typing a count', async () => {
	s = await start({ initial: { name: 'player', lesson: 1, page: 2 } });
	expect(await s.see('QUESTION-COUNT')).toContain('Your answer: (Enter to type)');
	await s.press(KEY.enter, (f) => !f.includes('(Enter to type)'));
	await s.press('two', 'Your answer: two');
	const bad = await s.press(KEY.enter, 'type a whole number, e.g. 2');
	expect(bad).not.toContain('✗');
	expect(s.progress().exercises['caching-count']).toBeUndefined();

	// The field keeps the text; Backspace deletes it (and the message goes).
	const answerLine = (f: string) => f.split('\n').find((l) => l.startsWith('Your answer:'))?.trimEnd();
	for (const left of [' tw', ' t', '']) await s.press(KEY.backspace, (f) => answerLine(f) === `Your answer:${left}` && !f.includes('whole number'));
	await s.press('3', 'Your answer: 3');
	const miss = await s.press(KEY.enter, '✗');
	expect(flat(miss)).toContain('The browser sends 2: request 1: preflight, request 2: no preflight, request 3: preflight.');
	expect(s.progress().exercises['caching-count']).toEqual({ solved: false, attempts: 1 });

	await s.press(KEY.enter, (f) => !f.includes('(Enter to type)'));
	await s.press('2', 'Your answer: 2');
	const right = await s.press(KEY.enter, '✓ Right.');
	expect(s.progress().exercises['caching-count']).toMatchObject({ solved: true, attempts: 2 });
	// Right: the field lets go, and Enter continues.
	expect(flat(right)).toContain('Enter continue · t trace');
	expect(right).not.toContain('Esc stop typing');
	await s.press(KEY.enter, 'End of lesson Fixture caching');
});
