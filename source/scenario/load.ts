// Reading scenario files from disk: JSON syntax errors with line and column, schema errors
// with the JSON path, directories expanded to their *.json files.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../core/scenario.js';
import { InputError, describeIssues, parseJsonText } from '../input/json.js';
import { scenarioSchema, toScenario } from './schema.js';

export { InputError } from '../input/json.js';

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
	const json = parseJsonText(text, file);
	const r = scenarioSchema.safeParse(json);
	if (!r.success) throw new InputError(file, describeIssues(r.error.issues, { doc: 'the scenario format, FORMAT.md', schema: scenarioSchema, data: json }));
	return toScenario(r.data);
}
