// Reading scenario files from disk: JSON syntax errors with line and column, schema errors
// with the JSON path, directories expanded to their *.json files.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../core/scenario.js';
import { scenarioSchema, toScenario } from './schema.js';

export class InputError extends Error {
	constructor(readonly file: string, readonly problems: string[]) {
		super(`${file}: ${problems.join('; ')}`);
	}
}

/** Expand arguments (files or directories) into scenario file paths, in a stable order. */
export function expandPaths(args: readonly string[]): string[] {
	const out: string[] = [];
	for (const arg of args) {
		let st;
		try {
			st = statSync(arg);
		} catch {
			throw new InputError(arg, ['no such file or directory']);
		}
		if (st.isDirectory()) {
			const files = readdirSync(arg).filter((f) => f.endsWith('.json')).sort();
			if (files.length === 0) throw new InputError(arg, ['the directory holds no .json scenario files']);
			out.push(...files.map((f) => join(arg, f)));
		} else out.push(arg);
	}
	return out;
}

export function loadScenarioFile(file: string): Scenario {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (e) {
		throw new InputError(file, [`cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`]);
	}
	return parseScenarioText(text, file);
}

export function parseScenarioText(text: string, file: string): Scenario {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (e) {
		throw new InputError(file, [`invalid JSON: ${jsonErrorWhere(text, (e as Error).message)}`]);
	}
	const r = scenarioSchema.safeParse(json);
	if (!r.success) throw new InputError(file, r.error.issues.slice(0, 8).map(describeIssue));
	return toScenario(r.data);
}

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
