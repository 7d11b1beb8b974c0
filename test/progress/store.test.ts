// The progress file: where it lives, atomic writes, and corrupt files set aside (never fatal).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EMPTY_PROGRESS, recordAttempt, setLast } from '../../source/progress/progress.js';
import { loadProgress, progressFile, saveProgress } from '../../source/progress/store.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cors-tutor-progress-'));
const NOW = () => new Date('2026-03-04T05:06:07.089Z');
const sample = setLast(recordAttempt(EMPTY_PROGRESS, 'basics-choose', true, '2026-01-01T00:00:00.000Z'), 'basics', 2);

describe('where the file lives', () => {
	test('XDG_DATA_HOME is honoured: $XDG_DATA_HOME/cors-tutor/progress.json (no "-nodejs" suffix)', () => {
		if (process.platform !== 'linux') return;
		const saved = process.env.XDG_DATA_HOME;
		process.env.XDG_DATA_HOME = '/xdg/data';
		try {
			expect(progressFile({})).toBe('/xdg/data/cors-tutor/progress.json');
		} finally {
			if (saved === undefined) delete process.env.XDG_DATA_HOME;
			else process.env.XDG_DATA_HOME = saved;
		}
	});

	test('without XDG_DATA_HOME: ~/.local/share/cors-tutor', () => {
		if (process.platform !== 'linux') return;
		const saved = process.env.XDG_DATA_HOME;
		delete process.env.XDG_DATA_HOME;
		try {
			expect(progressFile({})).toBe(join(homedir(), '.local/share/cors-tutor/progress.json'));
		} finally {
			if (saved !== undefined) process.env.XDG_DATA_HOME = saved;
		}
	});

	test('CORS_TUTOR_DATA_DIR overrides it', () => {
		expect(progressFile({ CORS_TUTOR_DATA_DIR: '/somewhere/else', XDG_DATA_HOME: '/xdg' })).toBe('/somewhere/else/progress.json');
	});
});

describe('saving and loading', () => {
	test('no file yet: empty progress, no warning', () => {
		expect(loadProgress(join(tmp(), 'progress.json'))).toEqual({ progress: EMPTY_PROGRESS });
	});

	test('a round trip, creating the folder; pretty JSON with the version', () => {
		const file = join(tmp(), 'deep', 'dir', 'progress.json');
		saveProgress(file, sample);
		expect(loadProgress(file)).toEqual({ progress: sample });
		const text = readFileSync(file, 'utf8');
		expect(JSON.parse(text).version).toBe(1);
		expect(text.endsWith('}\n')).toBe(true);
	});

	test('atomic: written beside the file and renamed; no temp file is left', () => {
		const dir = tmp();
		const file = join(dir, 'progress.json');
		saveProgress(file, EMPTY_PROGRESS);
		saveProgress(file, sample);
		expect(readdirSync(dir)).toEqual(['progress.json']);
		expect(loadProgress(file).progress).toEqual(sample);
	});

	test('an unwritable place throws (the app reports it; see run.tsx)', () => {
		const dir = tmp();
		writeFileSync(join(dir, 'file'), 'x');
		expect(() => saveProgress(join(dir, 'file', 'progress.json'), sample)).toThrow();
	});
});

describe('a file that cannot be read as progress', () => {
	const corrupt = (text: string) => {
		const dir = tmp();
		const file = join(dir, 'progress.json');
		writeFileSync(file, text);
		return { dir, file, loaded: loadProgress(file, NOW) };
	};
	const BACKUP = 'progress.json.corrupt-2026-03-04T05-06-07-089Z';

	test('broken JSON: kept as a backup, the learner told, progress starts empty', () => {
		const { dir, file, loaded } = corrupt('{"version": 1, "exercises": {');
		expect(loaded.progress).toEqual(EMPTY_PROGRESS);
		expect(loaded.warning).toBe(`your progress file was unreadable (not valid JSON); it was kept as ${join(dir, BACKUP)} and progress starts fresh`);
		expect(readdirSync(dir)).toEqual([BACKUP]);
		expect(readFileSync(join(dir, BACKUP), 'utf8')).toBe('{"version": 1, "exercises": {');
		expect(existsSync(file)).toBe(false);
	});

	test('another version: the same', () => {
		const { dir, loaded } = corrupt(JSON.stringify({ version: 99, exercises: {} }));
		expect(loaded.progress).toEqual(EMPTY_PROGRESS);
		expect(loaded.warning).toMatch(/unreadable \(unknown version 99 \(expected 1\)\); it was kept as .*corrupt-/);
		expect(readdirSync(dir)).toEqual([BACKUP]);
	});

	test('after the backup, saving starts a fresh file and the backup stays', () => {
		const { dir, file } = corrupt('garbage');
		saveProgress(file, sample);
		expect(readdirSync(dir).sort()).toEqual(['progress.json', BACKUP]);
		expect(loadProgress(file)).toEqual({ progress: sample });
	});

	test('a folder where the file should be: a warning, not a crash', () => {
		const dir = tmp();
		mkdirSync(join(dir, 'progress.json'));
		const loaded = loadProgress(join(dir, 'progress.json'));
		expect(loaded.progress).toEqual(EMPTY_PROGRESS);
		expect(loaded.warning).toMatch(/^could not read .*progress\.json \(EISDIR\); starting without saved progress$/);
	});
});
