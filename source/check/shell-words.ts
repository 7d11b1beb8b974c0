// A pasted command line split into words as a POSIX shell (bash) would, for a curl command
// pasted into the Debugger rather than into a shell: '…', "…" (with \" \\ \$ \` escapes),
// $'…' (ANSI-C escapes: \n \t \' \\ \xHH \uHHHH …), backslash escapes and line continuations,
// and the caret continuations of DevTools' "Copy as cURL (cmd)". No expansion is done:
// $VAR and `…` stay as written.

export class ShellWordsError extends Error {}

const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** The words of `line`; throws ShellWordsError for an unterminated quote. */
export function shellWords(line: string): string[] {
	// cmd.exe: "^" at a line end continues the line, and ^" is a literal quote.
	const text = /\^\r?\n/.test(line) ? line.replace(/\^\r?\n/g, ' ').replace(/\^(.)/g, '$1') : line;
	const words: string[] = [];
	let word = '';
	let inWord = false;
	let i = 0;
	const end = (what: string) => {
		throw new ShellWordsError(`the command has an unterminated ${what}`);
	};
	while (i < text.length) {
		const c = text[i] as string;
		if (c === '\\') {
			const next = text[i + 1];
			if (next === '\n') i += 2; // a line continuation
			else if (next === '\r' && text[i + 2] === '\n') i += 3;
			else {
				if (next !== undefined) word += next;
				inWord = true;
				i += 2;
			}
		} else if (c === "'") {
			const close = text.indexOf("'", i + 1);
			if (close < 0) end("'…' quote");
			word += text.slice(i + 1, close);
			inWord = true;
			i = close + 1;
		} else if (c === '$' && text[i + 1] === "'") {
			i += 2;
			for (;;) {
				if (i >= text.length) end("$'…' quote");
				const d = text[i] as string;
				if (d === "'") break;
				if (d !== '\\') {
					word += d;
					i++;
					continue;
				}
				const e = text[i + 1] ?? '';
				const hex = e === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2)) : e === 'u' ? /^[0-9a-fA-F]{1,4}/.exec(text.slice(i + 2)) : e === 'U' ? /^[0-9a-fA-F]{1,8}/.exec(text.slice(i + 2)) : null;
				const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1));
				if (hex) {
					word += String.fromCodePoint(Number.parseInt(hex[0], 16));
					i += 2 + hex[0].length;
				} else if (octal) {
					word += String.fromCharCode(Number.parseInt(octal[0], 8));
					i += 1 + octal[0].length;
				} else {
					word += ANSI_C[e] ?? `\\${e}`;
					i += 2;
				}
			}
			inWord = true;
			i++;
		} else if (c === '"') {
			i++;
			for (;;) {
				if (i >= text.length) end('"…" quote');
				const d = text[i] as string;
				if (d === '"') break;
				if (d === '\\' && ['"', '\\', '$', '`', '\n'].includes(text[i + 1] ?? '')) {
					if (text[i + 1] !== '\n') word += text[i + 1];
					i += 2;
				} else {
					word += d;
					i++;
				}
			}
			inWord = true;
			i++;
		} else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
			if (inWord) words.push(word);
			word = '';
			inWord = false;
			i++;
		} else {
			word += c;
			inWord = true;
			i++;
		}
	}
	if (inWord) words.push(word);
	return words;
}
