// Reading the header lines a learner types: "Name: value", one per line. A line that is not a
// header line gets a message saying how to write it; it is never counted as a wrong answer.

import { type Header, isToken } from '../core/headers.js';
import { headerValueProblem } from '../core/request.js';

export type ParsedLines = { readonly ok: true; readonly headers: Header[] } | { readonly ok: false; readonly message: string };

export function parseHeaderLines(lines: readonly string[]): ParsedLines {
	const headers: Header[] = [];
	for (const raw of lines) {
		const line = raw.trim();
		if (line === '') continue;
		const colon = line.indexOf(':');
		// "Access-Control-Allow-Origin https://…": a header name, a space, a value, no colon.
		const spaced = /^([A-Za-z0-9]+(?:-[A-Za-z0-9]+)+)\s+(\S+)$/.exec(line);
		if (spaced && (colon < 0 || /^https?:/.test(spaced[2] ?? '')))
			return { ok: false, message: `"${line}" misses the colon after the name: write "${spaced[1]}: ${spaced[2]}"` };
		if (colon <= 0)
			return { ok: false, message: `"${line}" is not a header line: write "Name: value", e.g. "Access-Control-Allow-Origin: https://app.example.com"` };
		const name = line.slice(0, colon).trim();
		const value = line.slice(colon + 1).trim();
		if (!isToken(name)) return { ok: false, message: `"${name}" is not a header name (letters, digits and - only; no spaces)` };
		const p = headerValueProblem(value);
		if (p) return { ok: false, message: `the value of ${name} ${p}` };
		headers.push([name, value]);
	}
	return { ok: true, headers };
}
