// Scenario files for the sandbox: load one (schema-checked, errors as text) and save the
// current setup as one, atomically (a temporary file in the same folder, then rename).
// A policy server is saved as the raw answers it gives the page, and the file is checked
// by running it: if the core's results differ from the policy's, the note says where.

import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { BrowserId } from '../../../core/index.js';
import { InputError } from '../../../input/json.js';
import { loadScenarioFile, parseScenarioText } from '../../../scenario/load.js';
import { type Setup, fromScenario, scenarioJson, toScenario } from './model.js';
import { policyAnswers } from './policy-answers.js';
import { compareRuns, runSandbox } from './run.js';
import { idFromFile } from './state.js';

export function resolvePath(file: string, cwd = process.cwd()): string {
	const f = file.trim();
	if (f === '~' || f.startsWith('~/')) return join(homedir(), f.slice(1));
	return isAbsolute(f) ? f : resolve(cwd, f);
}

export type Loaded = { readonly ok: true; readonly setup: Setup; readonly file: string } | { readonly ok: false; readonly error: string };

export function loadSetupFile(file: string, cwd?: string): Loaded {
	if (file.trim() === '') return { ok: false, error: 'type the path of a scenario file' };
	const path = resolvePath(file, cwd);
	try {
		return { ok: true, setup: fromScenario(loadScenarioFile(path)), file: path };
	} catch (e) {
		if (e instanceof InputError) return { ok: false, error: `${e.file}: ${e.problems.join('; ')}` };
		return { ok: false, error: `${path}: ${(e as Error).message}` };
	}
}

/** The setup as scenario-file JSON, and a note when a policy had to be written as raw answers. */
export function setupToFile(setup: Setup, browser: BrowserId, id = setup.id): { json: Record<string, unknown>; note?: string } {
	const named = { ...setup, id };
	if (setup.server === 'raw') return { json: scenarioJson(toScenario(named)) };
	const scenario = toScenario(named, policyAnswers(setup, browser));
	const replay = runSandbox(fromScenario(scenario), browser);
	// A scenario server always adds Content-Length; policyServer's application does not.
	const diffs = compareRuns(replay, runSandbox(setup, browser), { ignoreHeaders: ['content-length'] });
	const steps = [...new Set(diffs.map((d) => `#${d.step}`))];
	return {
		json: scenarioJson(scenario),
		note: diffs.length ? `the policy was written as fixed answers for ${setup.page}; they differ from the policy at ${steps.join(', ')}` : 'the policy was written as the answers it gives this page',
	};
}

export type Saved = { readonly ok: true; readonly file: string; readonly note?: string } | { readonly ok: false; readonly exists?: true; readonly file?: string; readonly error: string };

export function saveSetupFile(file: string, setup: Setup, browser: BrowserId, opts: { overwrite: boolean; cwd?: string }): Saved {
	if (file.trim() === '') return { ok: false, error: 'type a file name, e.g. my-scenario.json' };
	const path = resolvePath(file, opts.cwd);
	if (existsSync(path) && !opts.overwrite) return { ok: false, exists: true, file: path, error: `${path} exists` };
	const { json, note } = setupToFile(setup, browser, idFromFile(path, setup.id));
	const text = `${JSON.stringify(json, null, 2)}\n`;
	try {
		parseScenarioText(text, path); // the file must load back
	} catch (e) {
		if (e instanceof InputError) return { ok: false, error: `not saved, the scenario is not valid: ${e.problems.join('; ')}` };
		throw e;
	}
	let tmp: string | null = null;
	try {
		tmp = mkdtempSync(join(dirname(path), '.cors-tutor-save-'));
		const part = join(tmp, 'scenario.json');
		writeFileSync(part, text, { flag: 'wx' });
		renameSync(part, path);
		return { ok: true, file: path, ...(note ? { note } : {}) };
	} catch (e) {
		const err = e as NodeJS.ErrnoException;
		return { ok: false, error: `could not write ${path}: ${err.code ?? err.message}` };
	} finally {
		if (tmp) rmSync(tmp, { recursive: true, force: true });
	}
}
