// Input files in JSON: syntax errors placed at a line and column, schema problems as
// "json.path: what is wrong", and one error type that names the file.

export class InputError extends Error {
	constructor(readonly file: string, readonly problems: string[]) {
		super(`${file}: ${problems.join('; ')}`);
	}
}

/** JSON.parse with the error placed at a line and column of `file`. */
export function parseJsonText(text: string, file: string): unknown {
	try {
		return JSON.parse(text);
	} catch (e) {
		throw new InputError(file, [`invalid JSON: ${jsonErrorWhere(text, (e as Error).message)}`]);
	}
}

/** Schema issues as "json.path: what is wrong" lines (the first eight). */
export const describeIssues = (issues: readonly Issue[]): string[] => issues.slice(0, 8).map(describeIssue);

/** A JSON path as people write it: steps[2].fetch.headers["X-A"]. */
export function jsonPath(path: readonly PropertyKey[]): string {
	let s = '';
	for (const k of path) {
		if (typeof k === 'number') s += `[${k}]`;
		else if (/^[A-Za-z_$][\w$]*$/.test(String(k))) s += s === '' ? String(k) : `.${String(k)}`;
		else s += `[${JSON.stringify(String(k))}]`;
	}
	return s === '' ? '(top level)' : s;
}

interface Issue {
	readonly code: string;
	readonly path: readonly PropertyKey[];
	readonly message: string;
	readonly keys?: readonly string[];
	readonly expected?: string;
	readonly issues?: readonly Issue[];
}

function describeIssue(i: Issue): string {
	const where = jsonPath(i.path);
	if (i.code === 'unrecognized_keys' && i.keys)
		return `${where}: unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')} (check the spelling against FORMAT.md)`;
	if (i.code === 'invalid_key' && i.issues?.[0]) return `${where}: ${i.issues[0].message}`;
	if (i.code === 'invalid_type' && i.message.includes('received undefined')) return `${where}: missing required field (expected ${i.expected})`;
	return `${where}: ${i.message}`;
}

function jsonErrorWhere(text: string, message: string): string {
	const m = /position (\d+)/.exec(message);
	if (!m) return message;
	const pos = Number(m[1]);
	const before = text.slice(0, pos);
	const line = before.split('\n').length;
	const column = pos - before.lastIndexOf('\n');
	return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}
