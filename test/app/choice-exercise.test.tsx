// A choice exercise in the player: wrong, hints, wrong again, the trace, the solution, right;
// every graded answer saved through the save function.
import { afterEach, expect, test } from 'vitest';
import { KEY, NOW, type Session, flat, start } from './helpers.js';

let s: Session | undefined;
afterEach(() => s?.unmount());

test('from the home screen to a solved choice exercise', async () => {
	s = await start();
	await s.press(KEY.enter, 'INTRO-MARKER');
	await s.press(KEY.enter, 'STEP-ONE-TEXT');
	const q = await s.press(KEY.enter, 'QUESTION-CHOOSE');
	expect(q).toContain('❯ 1. OPTION-RIGHT');
	expect(q).toContain('  2. OPTION-SLASH');
	expect(q).toContain('  3. OPTION-METHODS');
	expect(flat(q)).toContain('↑↓ Enter answer · h hint · → skip · Esc lessons');
	expect(s.progress().last).toEqual({ lesson: 'basics', step: 2 });

	// Wrong: the feedback names the rule, the attempt is saved, the trace is offered.
	const miss = await s.press('2', '✗ With that change the browser still blocks');
	expect(flat(miss)).toContain("is not byte-for-byte the request's origin");
	expect(miss).toContain('t trace');
	expect(miss).not.toContain('s solution');
	expect(s.progress().exercises['basics-choose']).toEqual({ solved: false, attempts: 1 });

	// Hints, one at a time.
	const h1 = await s.press('h', 'Hint 1: HINT-ONE');
	expect(h1).not.toContain('HINT-TWO');
	await s.press('h', 'Hint 2: HINT-TWO');

	// A second miss, chosen with the arrows: the solution is offered.
	await s.press(KEY.down, '❯ 2. OPTION-SLASH');
	await s.press(KEY.down, '❯ 3. OPTION-METHODS');
	const miss2 = await s.press(KEY.enter, 'Press s to see the solution.');
	expect(flat(miss2)).toContain('the response has no Access-Control-Allow-Origin header');
	expect(miss2).toContain('s solution');
	expect(s.progress().exercises['basics-choose']).toEqual({ solved: false, attempts: 2 });

	// The trace of the learner's answer, and back.
	const trace = await s.press('t', 'What the browser does with your answer');
	expect(trace).toContain('fetch("https://api.example.com/data")');
	expect(trace).not.toContain('OPTION-RIGHT');
	await s.press(KEY.pageDown, '✗ CORS check: the response has no Access-Control-Allow-Origin header');
	await s.press('t', 'QUESTION-CHOOSE');

	const sol = await s.press('s', 'Solution:');
	expect(sol.slice(sol.indexOf('Solution:'))).toContain('OPTION-RIGHT');

	const right = await s.press('1', '✓ Right.');
	expect(right).toContain('EXPLAIN-CHOOSE: the origin must match exactly.');
	expect(flat(right)).toContain('Enter continue · t trace · ← back · Esc lessons');
	expect(right).not.toContain('1. OPTION-RIGHT');
	expect(s.progress().exercises['basics-choose']).toEqual({ solved: true, attempts: 3, solvedAt: NOW });

	await s.press(KEY.enter, 'STEP-TWO-TEXT');
});

test('keys that do nothing yet: s before two misses, t before any answer', async () => {
	s = await start({ initial: { name: 'player', lesson: 0, page: 2 } });
	await s.see('QUESTION-CHOOSE');
	await s.press('s', 'QUESTION-CHOOSE');
	await s.press('t', 'QUESTION-CHOOSE');
	await s.press('2', '✗');
	expect(s.frame()).not.toContain('Solution:');
	expect(s.frame()).not.toContain('What the browser does');
});
