// Policy files for the builder: load one (schema-checked, errors as text) and save the policy
// or the generated configuration, atomically (a temporary file in the same folder, then rename).

import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../../../input/json.js';
import type { Policy } from '../../../policy/model.js';
import { parsePolicyText, policyToJson } from '../../../policy/schema.js';
import { resolvePath } from '../sandbox/files.js';

export type Loaded = { readonly ok: true; readonly policy: Policy; readonly file: string } | { readonly ok: false; readonly error: string };

export function loadPolicyFile(file: string, cwd?: string): Loaded {
	if (file.trim() === '') return { ok: false, error: 'type the path of a policy file' };
	const path = resolvePath(file, cwd);
	try {
		return { ok: true, policy: parsePolicyText(readFileSync(path, 'utf8'), path), file: path };
	} catch (e) {
		if (e instanceof InputError) return { ok: false, error: `${e.file}: ${e.problems.join('; ')}` };
		const err = e as NodeJS.ErrnoException;
		return { ok: false, error: `${path}: ${err.code ?? err.message}` };
	}
}

export type Saved = { readonly ok: true; readonly file: string } | { readonly ok: false; readonly exists?: true; readonly file?: string; readonly error: string };

/** Write `text` to `file` atomically; an existing file is replaced only with `overwrite`. */
export function saveTextFile(file: string, text: string, opts: { overwrite: boolean; cwd?: string }): Saved {
	if (file.trim() === '') return { ok: false, error: 'type a file name, e.g. cors-policy.json' };
	const path = resolvePath(file, opts.cwd);
	if (existsSync(path) && !opts.overwrite) return { ok: false, exists: true, file: path, error: `${path} exists` };
	let tmp: string | null = null;
	try {
		tmp = mkdtempSync(join(dirname(path), '.cors-tutor-save-'));
		const part = join(tmp, basename(path));
		writeFileSync(part, text, { flag: 'wx' });
		renameSync(part, path);
		return { ok: true, file: path };
	} catch (e) {
		const err = e as NodeJS.ErrnoException;
		return { ok: false, error: `could not write ${path}: ${err.code ?? err.message}` };
	} finally {
		if (tmp) rmSync(tmp, { recursive: true, force: true });
	}
}

/** The policy as its JSON file text (which loads back to the same policy). */
export const policyFileText = (p: Policy): string => `${JSON.stringify(policyToJson(p), null, 2)}\n`;

export const savePolicyFile = (file: string, p: Policy, opts: { overwrite: boolean; cwd?: string }): Saved => saveTextFile(file, policyFileText(p), opts);
