// A yes/no exercise (will-preflight): n is wrong and says why, y is right.
import { afterEach, expect, test } from 'vitest';
import { KEY, type Session, start } from './helpers.js';

let s: Session | undefined;
afterEach(() => s?.unmount());

test('answering with n, then y', async () => {
	s = await start({ initial: { name: 'player', lesson: 0, page: 4 } });
	const q = await s.see('QUESTION-PUT');
	expect(q).toContain('❯ Yes');
	expect(q).toContain('  No');
	const miss = await s.press('n', '✗');
	expect(miss).toMatch(/Not quite: a preflight is needed: PUT is not a CORS-safelisted method/);
	await s.press(KEY.down, '❯ No');
	await s.press(KEY.up, '❯ Yes');
	await s.press(KEY.enter, '✓ Right.');
	expect(s.progress().exercises['basics-will-preflight']).toMatchObject({ solved: true, attempts: 2 });
});
