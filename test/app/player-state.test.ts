// The player's pure parts: a lesson as pages, the reducer, and the keymap.
import type { Key } from 'ink';
import { describe, expect, test } from 'vitest';
import { onKey } from '../../source/app/screens/player/input.js';
import { EMPTY_DRAFT, type PlayerState, answerOf, pagesOf, reducer, startAt } from '../../source/app/screens/player/state.js';
import { loadCurriculum } from '../../source/content/load.js';
import type { Grade, Prompt } from '../../source/grading/index.js';
import { COURSE } from '../content/helpers.js';

const [basics] = loadCurriculum(COURSE).lessons;
if (!basics) throw new Error('fixture course missing');
const pages = pagesOf(basics);

const NO_KEY: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
} as Key;
const key = (k: Partial<Key> = {}): Key => ({ ...NO_KEY, ...k });
const miss: Grade = { correct: false, feedback: 'no' };
const right: Grade = { correct: true, feedback: 'yes' };

describe('pagesOf', () => {
	test('intro, each step\'s first text, its blocks one per page, and the end', () => {
		expect(pages.map((p) => (p.type === 'exercise' ? `exercise:${p.exercise.id}` : p.type === 'text' ? `text:${p.step}` : p.type))).toEqual([
			'intro', 'text:0', 'exercise:basics-choose', 'text:1', 'exercise:basics-will-preflight', 'exercise:basics-fix', 'done',
		]);
	});
});

describe('reducer', () => {
	const at = startAt(0, 2);

	test('a miss counts, clears the typed text and the blocked choice; a malformed answer does not count', () => {
		const typed: PlayerState = { ...at, draft: { ...EMPTY_DRAFT, text: '7', blocked: true, typing: true } };
		const s = reducer(typed, { type: 'graded', grade: miss });
		expect(s).toMatchObject({ misses: 1, grade: miss, solved: false });
		expect(s.draft).toMatchObject({ text: '', blocked: false, typing: true });
		const m = reducer(s, { type: 'graded', grade: { correct: false, malformed: 'type a number', feedback: '' } });
		expect(m.misses).toBe(1);
		expect(reducer(m, { type: 'draft', draft: { text: '2' } }).grade).toBeNull();
	});

	test('a right answer releases the text field so that Enter continues', () => {
		const typing: PlayerState = { ...at, draft: { ...EMPTY_DRAFT, text: '2', typing: true } };
		const s = reducer(typing, { type: 'graded', grade: right });
		expect(s).toMatchObject({ solved: true, misses: 0 });
		expect(s.draft.typing).toBe(false);
		expect(onKey('', key({ return: true }), s, pages[2], { type: 'number' }, 10)).toEqual({ type: 'next' });
	});

	test('hints stop at the number available; going to a page starts it afresh', () => {
		let s = at;
		for (let i = 0; i < 5; i++) s = reducer(s, { type: 'hint', available: 2 });
		expect(s.hints).toBe(2);
		expect(reducer(s, { type: 'go', page: 3, pages: 7 })).toEqual(startAt(0, 3));
		expect(reducer(s, { type: 'go', page: 7, pages: 7 })).toBe(s);
	});

	test('scrolling stays at or above 0', () => {
		expect(reducer(at, { type: 'scroll', by: -5, max: 100 }).scroll).toBe(0);
		expect(reducer(at, { type: 'scroll', by: 500, max: 100 }).scroll).toBe(100);
	});
});

describe('keymap', () => {
	const choice: Prompt = { type: 'choice', options: ['a', 'b', 'c'] };
	const ex = pages[2];

	test('s only after two misses; t only with a graded run', () => {
		const once = { ...startAt(0, 2), misses: 1, grade: miss };
		expect(onKey('s', key(), once, ex, choice, 10)).toEqual({ type: 'none' });
		expect(onKey('s', key(), { ...once, misses: 2 }, ex, choice, 10)).toEqual({ type: 'solution' });
		expect(onKey('t', key(), once, ex, choice, 10)).toEqual({ type: 'none' });
	});

	test('digits pick an option; out of range does nothing; arrows wrap', () => {
		const s = startAt(0, 2);
		expect(onKey('2', key(), s, ex, choice, 10)).toEqual({ type: 'submit', answer: { type: 'choice', index: 1 } });
		expect(onKey('4', key(), s, ex, choice, 10)).toEqual({ type: 'none' });
		expect(onKey('', key({ upArrow: true }), s, ex, choice, 10)).toEqual({ type: 'draft', draft: { cursor: 2 } });
	});

	test('while typing, letters belong to the field; Esc stops typing; Backspace on an empty line takes back the last line', () => {
		const headers: Prompt = { type: 'headers', preflight: true, response: true };
		const typing: PlayerState = { ...startAt(0, 5), draft: { ...EMPTY_DRAFT, typing: true, section: 'response', preflight: ['A: 1'], response: ['B: 2', 'C: 3'] } };
		for (const ch of ['q', 'h', 's', 't', 'y']) expect(onKey(ch, key(), typing, pages[5], headers, 10)).toEqual({ type: 'none' });
		expect(onKey('', key({ escape: true }), typing, pages[5], headers, 10)).toEqual({ type: 'draft', draft: { typing: false } });
		expect(onKey('', key({ backspace: true }), typing, pages[5], headers, 10)).toEqual({ type: 'draft', draft: { response: ['B: 2'] } });
		expect(onKey('', key({ delete: true }), { ...typing, draft: { ...typing.draft, section: 'preflight' } }, pages[5], headers, 10)).toEqual({ type: 'draft', draft: { preflight: [] } });
		expect(onKey('', key({ backspace: true }), { ...typing, draft: { ...typing.draft, text: 'x' } }, pages[5], headers, 10)).toEqual({ type: 'none' });
		expect(onKey('', key({ tab: true }), typing, pages[5], headers, 10)).toEqual({ type: 'draft', draft: { section: 'preflight' } });
	});

	test('outcome: Enter on "Blocked" asks why, then Enter answers with the reason', () => {
		const outcome: Prompt = { type: 'outcome', reasons: ['r0', 'r1'] };
		const s = { ...startAt(0, 2), draft: { ...EMPTY_DRAFT, cursor: 1 } };
		expect(onKey('', key({ return: true }), s, ex, outcome, 10)).toEqual({ type: 'draft', draft: { blocked: true, cursor: 0 } });
		const why = { ...s, draft: { ...s.draft, blocked: true, cursor: 1 } };
		expect(onKey('', key({ return: true }), why, ex, outcome, 10)).toEqual({ type: 'submit', answer: { type: 'outcome', allowed: false, reason: 1 } });
		expect(onKey('', key({ return: true }), { ...s, draft: EMPTY_DRAFT }, ex, outcome, 10)).toEqual({ type: 'submit', answer: { type: 'outcome', allowed: true } });
	});

	test('order: Enter places the highlighted item; the last one submits', () => {
		const order: Prompt = { type: 'order', items: ['a', 'b', 'c'] };
		const s = { ...startAt(0, 2), draft: { ...EMPTY_DRAFT, cursor: 2, selected: [1] } };
		expect(onKey('', key({ return: true }), s, ex, order, 10)).toEqual({ type: 'draft', draft: { selected: [1, 2], cursor: 0 } });
		expect(onKey('', key({ return: true }), { ...s, draft: { ...s.draft, cursor: 0, selected: [1, 2] } }, ex, order, 10)).toEqual({ type: 'submit', answer: { type: 'order', order: [1, 2, 0] } });
		expect(answerOf(order, { ...EMPTY_DRAFT, selected: [0] })).toBeNull();
	});

	test('text pages: Enter and space go on, q quits, Esc goes back', () => {
		const s = startAt(0, 1);
		expect(onKey('', key({ return: true }), s, pages[1], null, 10)).toEqual({ type: 'next' });
		expect(onKey(' ', key(), s, pages[1], null, 10)).toEqual({ type: 'next' });
		expect(onKey('q', key(), s, pages[1], null, 10)).toEqual({ type: 'quit' });
		expect(onKey('', key({ escape: true }), s, pages[1], null, 10)).toEqual({ type: 'back' });
		expect(onKey('', key({ pageDown: true }), s, pages[1], null, 10)).toEqual({ type: 'scroll', by: 9 });
	});
});
