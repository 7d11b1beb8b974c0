// A pasted command split as bash would (the Debugger reads "Copy as cURL" pasted into it).
import { describe, expect, test } from 'vitest';
import { ShellWordsError, shellWords } from '../../source/check/shell-words.js';

describe('shellWords', () => {
	test("DevTools' Copy as cURL (bash), with line continuations", () => {
		const pasted = `curl 'https://api.example.com/orders/7' \\\n  -X 'PUT' \\\n  -H 'content-type: application/json' \\\n  -H 'sec-ch-ua: "Chromium";v="156"' \\\n  --data-raw '{"qty":2}'`;
		expect(shellWords(pasted)).toEqual(['curl', 'https://api.example.com/orders/7', '-X', 'PUT', '-H', 'content-type: application/json', '-H', 'sec-ch-ua: "Chromium";v="156"', '--data-raw', '{"qty":2}']);
	});

	test("$'…' (ANSI-C quoting, which DevTools uses for bodies with quotes or line breaks)", () => {
		expect(shellWords(`curl x --data-raw $'{"note":"it\\'s\\n"}' -H $'x-a: \\x41\\u00e9\\101'`)).toEqual(['curl', 'x', '--data-raw', `{"note":"it's\n"}`, '-H', 'x-a: AéA']);
	});

	test('double quotes keep $ and ` literally here and unescape \\" \\\\ \\$; bare backslashes escape', () => {
		expect(shellWords(`curl "https://a.example/?q=1&r=2" -H "X-A: \\"quoted\\" \\$HOME \\n" a\\ b`)).toEqual(['curl', 'https://a.example/?q=1&r=2', '-H', 'X-A: "quoted" $HOME \\n', 'a b']);
		expect(shellWords('a""b \'\' c')).toEqual(['ab', '', 'c']);
	});

	test("DevTools' Copy as cURL (cmd): caret continuations and ^\" quotes", () => {
		const pasted = 'curl ^"https://api.example.com/x^" ^\r\n  -H ^"sec-ch-ua: ^\\^"Chromium^\\^";v=^\\^"156^\\^"^" ^\r\n  --data-raw ^"^{^\\^"a^\\^":1^}^"';
		expect(shellWords(pasted)).toEqual(['curl', 'https://api.example.com/x', '-H', 'sec-ch-ua: "Chromium";v="156"', '--data-raw', '{"a":1}']);
	});

	test.each([["curl 'x"], ['curl "x'], ["curl $'x"]])('%s: an unterminated quote is an error', (line) => {
		expect(() => shellWords(line)).toThrow(ShellWordsError);
		expect(() => shellWords(line)).toThrow(/unterminated/);
	});
});
