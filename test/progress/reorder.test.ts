// Progress is keyed by exercise id: reordering, renumbering or adding lessons loses nothing.
import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadCurriculum } from '../../source/content/load.js';
import { summarise } from '../../source/app/summary.js';
import { EMPTY_PROGRESS, recordAttempt } from '../../source/progress/progress.js';
import { loadProgress, saveProgress } from '../../source/progress/store.js';
import { COURSE } from '../content/helpers.js';

test('lessons swapped and a new one added: the same exercises stay solved, per lesson', () => {
	const dir = mkdtempSync(join(tmpdir(), 'cors-tutor-reorder-'));
	const lessons = join(dir, 'lessons');
	cpSync(COURSE, lessons, { recursive: true });
	const file = join(dir, 'progress.json');
	const t = '2026-01-01T00:00:00.000Z';
	saveProgress(file, recordAttempt(recordAttempt(EMPTY_PROGRESS, 'basics-choose', true, t), 'caching-count', true, t));

	const before = summarise(loadCurriculum(lessons), loadProgress(file).progress);
	expect(before.lessons.map((l) => [l.id, l.solved, l.complete])).toEqual([['basics', 1, false], ['caching', 1, true]]);

	// The caching lesson moves first, basics second, and a new lesson appears in between.
	renameSync(join(lessons, '01-basics.md'), join(lessons, '03-basics.md'));
	renameSync(join(lessons, '02-caching.md'), join(lessons, '01-caching.md'));
	writeFileSync(join(lessons, '02-new.md'), readFileSync(join(lessons, '01-caching.md'), 'utf8').replace('"caching-count"', '"new-count"').replace('# Fixture caching', '# New'));

	const after = summarise(loadCurriculum(lessons), loadProgress(file).progress);
	expect(after.lessons.map((l) => [l.id, l.solved, l.complete])).toEqual([['caching', 1, true], ['new', 0, false], ['basics', 1, false]]);
	expect(after.solved).toBe(2);
	expect(after.complete).toBe(1);
});
