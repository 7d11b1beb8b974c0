// The title line of every screen: never wider than the terminal, the longest forms that fit.
import { expect, test } from 'vitest';
import { titleLine } from '../../source/app/components/frame.js';

const TITLE = ['cors-tutor — Cross-Origin Resource Sharing, by doing', 'cors-tutor'];
const RIGHT = ['Lessons 0/14 complete · 0/86 exercises', '0/14 lessons · 0/86 exercises', '0/14 lessons'];

test.each([
	[120, TITLE[0], RIGHT[0]],
	[80, TITLE[0], RIGHT[2]],
	[60, TITLE[1], RIGHT[0]],
	[45, TITLE[1], RIGHT[1]],
	[40, TITLE[1], RIGHT[2]],
	[20, TITLE[1], '0/14 l…'],
])('at %i columns: "%s" and "%s"', (columns, t, r) => {
	expect(titleLine(TITLE, RIGHT, columns)).toEqual({ t, r });
});

test('when nothing fits, the last forms shorten and the line stays within the width', () => {
	const { t, r } = titleLine(TITLE, RIGHT, 12);
	expect(t).toBe('cors-tutor');
	expect(t.length + (r ? 3 + r.length : 0)).toBeLessThanOrEqual(12);
	expect(titleLine('A single title', undefined, 8)).toEqual({ t: 'A sing…', r: '' });
});
