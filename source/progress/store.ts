// Progress on disk: $XDG_DATA_HOME/cors-tutor/progress.json (env-paths), written atomically
// (temp file + rename). A corrupt file is kept as a backup and reported, never fatal.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import envPaths from 'env-paths';
import { EMPTY_PROGRESS, type Progress, fromJson } from './progress.js';

export function progressFile(env: NodeJS.ProcessEnv = process.env): string {
	if (env.CORS_TUTOR_DATA_DIR) return join(env.CORS_TUTOR_DATA_DIR, 'progress.json');
	if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'cors-tutor', 'progress.json');
	return join(envPaths('cors-tutor', { suffix: '' }).data, 'progress.json');
}

export interface Loaded {
	readonly progress: Progress;
	/** Set when the file could not be read and was moved aside. */
	readonly warning?: string;
}

export function loadProgress(file: string, now: () => Date = () => new Date()): Loaded {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { progress: EMPTY_PROGRESS };
		return { progress: EMPTY_PROGRESS, warning: `could not read ${file} (${(e as NodeJS.ErrnoException).code}); starting without saved progress` };
	}
	let parsed: Progress | { error: string };
	try {
		parsed = fromJson(JSON.parse(text));
	} catch {
		parsed = { error: 'not valid JSON' };
	}
	if (!('error' in parsed)) return { progress: parsed };
	const backup = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
	try {
		renameSync(file, backup);
	} catch {}
	return { progress: EMPTY_PROGRESS, warning: `your progress file was unreadable (${parsed.error}); it was kept as ${backup} and progress starts fresh` };
}

export function saveProgress(file: string, p: Progress): void {
	mkdirSync(dirname(file), { recursive: true });
	const tmp = `${file}.${process.pid}.tmp`;
	writeFileSync(tmp, `${JSON.stringify(p, null, 2)}\n`);
	renameSync(tmp, file);
}
