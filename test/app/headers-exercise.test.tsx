// A header-lines exercise: typed line by line, Backspace on an empty line takes back the last
// line, a malformed line gets a message (not a miss), then a miss and the right answer.
import { afterEach, expect, test } from 'vitest';
import { KEY, type Session, flat, start } from './helpers.js';

let s: Session | undefined;
afterEach(() => s?.unmount());

const PLACEHOLDER = 'Name: value (empty line when done)';

test('typing, correcting and checking header lines', async () => {
	s = await start({ initial: { name: 'player', lesson: 0, page: 5 } });
	const q = await s.see('QUESTION-FIX');
	expect(q).toContain('Headers on the response:');
	expect(q).toContain('(Enter to type header lines)');
	expect(q).toContain('Enter type  ·  h hint');

	const typing = await s.press(KEY.enter, PLACEHOLDER);
	expect(flat(typing)).toContain('Enter add line (empty: check) · Backspace on an empty line: remove the last one · Esc stop typing');

	// While typing, letters belong to the field: q does not quit, h shows no hint.
	await s.press('q', (f) => f.includes('  q') && !f.includes(PLACEHOLDER));
	await s.press(KEY.backspace, PLACEHOLDER);
	await s.press('h', (f) => !f.includes(PLACEHOLDER));
	expect(s.frame()).not.toContain('Hint 1');
	await s.press(KEY.backspace, PLACEHOLDER);
	expect(s.exits).toEqual([]);

	// Line by line.
	await s.press('nonsense', 'nonsense');
	await s.press(KEY.enter, (f) => f.includes('  nonsense') && f.includes(PLACEHOLDER));
	await s.press('Access-Control-Allow-Origin: *', 'Origin: *');
	await s.press(KEY.enter, (f) => f.includes('  Access-Control-Allow-Origin: *') && f.includes(PLACEHOLDER));
	// Backspace on the empty line removes the last line.
	await s.press(KEY.backspace, (f) => !f.includes('Access-Control-Allow-Origin: *'));
	expect(s.frame()).toContain('  nonsense');

	// An empty line checks: "nonsense" is not a header line — a message, not a miss.
	const bad = await s.press(KEY.enter, 'is not a header line');
	expect(flat(bad)).toContain('"nonsense" is not a header line: write "Name: value"');
	expect(bad).not.toContain('✗');
	expect(s.progress().exercises['basics-fix']).toBeUndefined();

	// Fix it: take back "nonsense", write "*": a miss that says why.
	await s.press(KEY.enter, PLACEHOLDER);
	await s.press(KEY.backspace, (f) => !f.includes('nonsense'));
	await s.press('Access-Control-Allow-Origin: *', 'Origin: *');
	await s.press(KEY.enter, (f) => f.includes('  Access-Control-Allow-Origin: *') && f.includes(PLACEHOLDER));
	const miss = await s.press(KEY.enter, '✗');
	expect(flat(miss)).toContain('That works, but it also lets https://evil.example.net read the response');
	expect(s.progress().exercises['basics-fix']).toEqual({ solved: false, attempts: 1 });
	expect(miss).toContain('  Access-Control-Allow-Origin: *');

	// Esc stops typing without leaving.
	await s.press(KEY.enter, PLACEHOLDER);
	await s.press(KEY.escape, '(Enter to type header lines)');
	expect(s.frame()).toContain('QUESTION-FIX');

	// The right answer.
	await s.press(KEY.enter, PLACEHOLDER);
	await s.press(KEY.backspace, (f) => !f.includes('Allow-Origin: *'));
	await s.press('Access-Control-Allow-Origin: https://app.example.com', 'Origin: https://app.example.com');
	await s.press(KEY.enter, (f) => f.includes('  Access-Control-Allow-Origin: https://app.example.com') && f.includes(PLACEHOLDER));
	const right = await s.press(KEY.enter, '✓ Right.');
	expect(right).toContain('The browser now allows it');
	expect(s.progress().exercises['basics-fix']).toMatchObject({ solved: true, attempts: 2 });
});
