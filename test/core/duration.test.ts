import { expect, test } from 'vitest';
import { duration } from '../../source/core/clock.js';

test.each([
	[0, '0 ms'],
	[800, '800 ms'],
	[4800, '4.8 s'],
	[5000, '5 s'],
	[59_960, '60 s'],
	[570_000, '9 min 30 s'],
	[600_000, '10 min'],
	[7_200_000, '2 h'],
	[86_400_000 - 60_000, '23 h 59 min'],
])('%i ms reads "%s"', (ms, text) => {
	expect(duration(ms)).toBe(text);
});
