// The progress reducer: pure functions keyed by exercise id.
import { describe, expect, test } from 'vitest';
import { EMPTY_PROGRESS, type Progress, fromJson, isSolved, recordAttempt, reset, setLast } from '../../source/progress/progress.js';

const T1 = '2026-01-01T10:00:00.000Z';
const T2 = '2026-01-02T10:00:00.000Z';

describe('recordAttempt', () => {
	test('a miss counts an attempt, not a solve', () => {
		const p = recordAttempt(EMPTY_PROGRESS, 'a', false, T1);
		expect(p.exercises.a).toEqual({ solved: false, attempts: 1 });
		expect(isSolved(p, 'a')).toBe(false);
	});

	test('a right answer after a miss: solved, at that time, two attempts', () => {
		const p = recordAttempt(recordAttempt(EMPTY_PROGRESS, 'a', false, T1), 'a', true, T2);
		expect(p.exercises.a).toEqual({ solved: true, attempts: 2, solvedAt: T2 });
		expect(isSolved(p, 'a')).toBe(true);
	});

	test('once solved, a later miss never unsolves it, and the first solve time stays', () => {
		let p = recordAttempt(EMPTY_PROGRESS, 'a', true, T1);
		p = recordAttempt(p, 'a', false, T2);
		p = recordAttempt(p, 'a', true, T2);
		expect(p.exercises.a).toEqual({ solved: true, attempts: 3, solvedAt: T1 });
	});

	test('pure: the input is not changed; other exercises and "last" are kept', () => {
		const before: Progress = { ...setLast(EMPTY_PROGRESS, 'lesson', 3), exercises: { b: { solved: true, attempts: 1 } } };
		const copy = JSON.parse(JSON.stringify(before));
		const after = recordAttempt(before, 'a', true, T1);
		expect(before).toEqual(copy);
		expect(after.exercises.b).toEqual({ solved: true, attempts: 1 });
		expect(after.last).toEqual({ lesson: 'lesson', step: 3 });
		expect(EMPTY_PROGRESS.exercises).toEqual({});
	});
});

describe('setLast and reset', () => {
	const p = setLast(recordAttempt(recordAttempt(recordAttempt(EMPTY_PROGRESS, 'a', true, T1), 'b', true, T1), 'c', false, T1), 'basics', 4);

	test('setLast remembers the lesson id and page', () => {
		expect(p.last).toEqual({ lesson: 'basics', step: 4 });
		expect(setLast(p, 'other', 0).last).toEqual({ lesson: 'other', step: 0 });
	});

	test('reset with ids forgets only those exercises', () => {
		const r = reset(p, ['a', 'c', 'not-there']);
		expect(Object.keys(r.exercises)).toEqual(['b']);
		expect(r.last).toEqual(p.last);
	});

	test('reset without ids forgets everything, "last" included', () => {
		expect(reset(p)).toEqual(EMPTY_PROGRESS);
	});
});

describe('fromJson', () => {
	test('round trip', () => {
		expect(fromJson(JSON.parse(JSON.stringify(p0())))).toEqual(p0());
	});

	test.each([
		[null, 'not a JSON object'],
		[[1], 'unknown version undefined (expected 1)'],
		[{ version: 2, exercises: {} }, 'unknown version 2 (expected 1)'],
		[{ version: 1 }, '"exercises" is missing'],
		[{ version: 1, exercises: { a: { solved: 'yes', attempts: 1 } } }, 'exercise "a" is malformed'],
		[{ version: 1, exercises: { a: null } }, 'exercise "a" is malformed'],
	])('%j → %s', (value, error) => {
		expect(fromJson(value)).toEqual({ error });
	});

	test('unknown extras are dropped; a malformed "last" is ignored', () => {
		expect(fromJson({ version: 1, exercises: { a: { solved: true, attempts: 1, extra: 1 } }, last: { lesson: 3 } })).toEqual({ version: 1, exercises: { a: { solved: true, attempts: 1 } } });
	});
});

function p0(): Progress {
	return setLast(recordAttempt(recordAttempt(EMPTY_PROGRESS, 'x', false, T1), 'y', true, T2), 'basics', 2);
}
