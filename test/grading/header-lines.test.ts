// parseHeaderLines: what a learner types, read as header lines or explained.
import { describe, expect, test } from 'vitest';
import { parseHeaderLines } from '../../source/grading/index.js';

describe('parseHeaderLines', () => {
	test('"Name: value" lines, trimmed; empty lines skipped; repeated names kept in order', () => {
		expect(parseHeaderLines(['  Access-Control-Allow-Origin:  https://a.example ', '', 'Vary: Origin', 'Vary: Accept'])).toEqual({
			ok: true,
			headers: [['Access-Control-Allow-Origin', 'https://a.example'], ['Vary', 'Origin'], ['Vary', 'Accept']],
		});
	});

	test('the value may contain colons and may be empty', () => {
		expect(parseHeaderLines(['X-Url: http://a:8080/x', 'X-Empty:'])).toEqual({ ok: true, headers: [['X-Url', 'http://a:8080/x'], ['X-Empty', '']] });
	});

	test('no lines at all is a valid (empty) answer', () => {
		expect(parseHeaderLines([])).toEqual({ ok: true, headers: [] });
	});

	test.each([
		['no colon', 'Access-Control-Allow-Origin *', '"Access-Control-Allow-Origin *" misses the colon after the name: write "Access-Control-Allow-Origin: *"'],
		['no colon, no dash', 'allow everything', '"allow everything" is not a header line: write "Name: value", e.g. "Access-Control-Allow-Origin: https://app.example.com"'],
		['colon first', ': value', '": value" is not a header line: write "Name: value", e.g. "Access-Control-Allow-Origin: https://app.example.com"'],
		['spaces in the name', 'Allow Origin: *', '"Allow Origin" is not a header name (letters, digits and - only; no spaces)'],
	])('%s', (_, line, message) => {
		expect(parseHeaderLines(['Vary: Origin', line])).toEqual({ ok: false, message });
	});
});
