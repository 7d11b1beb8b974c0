// Values several commands share: a time limit, a header written as curl writes it, and the text
// of an input file named on the command line.

import { readFileSync } from 'node:fs';
import { type Header, isToken } from '../core/headers.js';
import { escapeControl } from '../render/escape.js';
import { UsageError } from './usage.js';

/** User input echoed in an error message, made safe to print. */
const shown = (s: string): string => escapeControl(s, true);

/** "10", "2.5", "10s" or "500ms" → milliseconds. */
export function parseTimeout(s: string): number {
	const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s)?$/.exec(s.trim());
	const ms = m ? Number(m[1]) * (m[2] === 'ms' ? 1 : 1000) : Number.NaN;
	if (!(ms > 0)) throw new UsageError(`--timeout must be a positive number of seconds, not "${shown(s)}"`, 'example: --timeout 5 (or --timeout 500ms)');
	if (ms > 3_600_000) throw new UsageError(`--timeout ${shown(s)} is more than an hour`, 'example: --timeout 30');
	return Math.ceil(ms);
}

/** `Name: value` as curl writes it. */
export function parseHeaderFlag(s: string): Header {
	const colon = s.indexOf(':');
	const example = 'example: -H "Content-Type: application/json"';
	if (colon < 0) throw new UsageError(`--header "${shown(s)}" has no colon: write "Name: value"`, example);
	const name = s.slice(0, colon);
	const value = s.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
	if (!isToken(name)) throw new UsageError(`--header "${shown(s)}": "${shown(name)}" is not a header name (letters, digits and !#$%&'*+-.^_\`|~, no spaces)`, example);
	// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters
	if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) throw new UsageError(`--header ${shown(name)}: the value contains a control character (line break, NUL, escape…)`, example);
	return [name, value];
}

/** The text of an input file; a file that cannot be read is a usage error naming it and `hint`. */
export function readInputFile(file: string, hint: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		throw new UsageError(`${shown(file)} cannot be read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? 'error')})`, hint);
	}
}
