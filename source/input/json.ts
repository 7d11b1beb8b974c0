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

/** Where a file's format is documented, and (optionally) its schema and data, to list the fields an object may have. */
export interface FormatHelp {
	readonly doc: string;
	readonly schema?: unknown;
	readonly data?: unknown;
}

/** Schema issues as "json.path: what is wrong" lines (the first eight); unknown fields name the known ones. */
export const describeIssues = (issues: readonly Issue[], format: FormatHelp): string[] => issues.slice(0, 8).map((i) => describeIssue(i, format));

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

function describeIssue(i: Issue, format: FormatHelp): string {
	const where = jsonPath(i.path);
	if (i.code === 'unrecognized_keys' && i.keys) {
		const known = format.schema ? knownFields(format.schema, i.path, format.data) : [];
		const list = known.length ? `; the fields here are ${known.join(', ')}` : '';
		return `${where}: unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')} (check the spelling against ${format.doc}${list})`;
	}
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

interface SchemaDef {
	readonly type?: string;
	readonly shape?: Record<string, unknown>;
	readonly innerType?: unknown;
	readonly in?: unknown;
	readonly element?: unknown;
	readonly valueType?: unknown;
	readonly options?: readonly unknown[];
	readonly discriminator?: string;
	readonly values?: readonly unknown[];
}
const defOf = (schema: unknown): SchemaDef => ((schema as { _zod?: { def?: SchemaDef } })?._zod?.def ?? {});

/** The field names the (zod) schema allows for the object at `path` of `data`, in schema order. */
export function knownFields(schema: unknown, path: readonly PropertyKey[], data: unknown, depth = 0): string[] {
	if (depth > 64) return [];
	const def = defOf(schema);
	if (def.innerType !== undefined) return knownFields(def.innerType, path, data, depth + 1);
	if (def.type === 'pipe') return knownFields(def.in, path, data, depth + 1);
	if (def.type === 'union' && def.options) {
		const d = def.discriminator;
		const value = d && data && typeof data === 'object' ? (data as Record<string, unknown>)[d] : undefined;
		const matching = def.options.filter((o) => value === undefined || !d || (defOf(defOf(o).shape?.[d]).values ?? []).includes(value));
		return [...new Set(matching.flatMap((o) => knownFields(o, path, data, depth + 1)))];
	}
	const at = (x: unknown, k: PropertyKey) => (x && typeof x === 'object' ? (x as Record<PropertyKey, unknown>)[k] : undefined);
	if (path.length === 0) return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
	const [k, ...rest] = path as [PropertyKey, ...PropertyKey[]];
	if (def.type === 'object' && def.shape && typeof k === 'string' && k in def.shape) return knownFields(def.shape[k], rest, at(data, k), depth + 1);
	if (def.type === 'array') return knownFields(def.element, rest, at(data, k), depth + 1);
	if (def.type === 'record') return knownFields(def.valueType, rest, at(data, k), depth + 1);
	return [];
}
