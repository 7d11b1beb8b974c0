// loadCurriculum: every file of a folder, sorted, cross-checked for unique ids.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CurriculumError, loadCurriculum } from '../../source/content/load.js';
import { exercisesOf } from '../../source/content/markdown.js';
import { COURSE, DUPLICATES } from './helpers.js';

const curriculumError = (dir: string): CurriculumError => {
	try {
		loadCurriculum(dir);
	} catch (e) {
		if (e instanceof CurriculumError) return e;
		throw e;
	}
	throw new Error('expected a CurriculumError');
};

const folder = (files: Record<string, string>): string => {
	const dir = mkdtempSync(join(tmpdir(), 'cors-tutor-lessons-'));
	for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
	return dir;
};

const ok = (id: string) => `# T\n\n## S\n\n\`\`\`exercise\n{ "id": "${id}", "kind": "will-preflight", "question": "q", "hints": ["h"], "request": { "url": "https://api.example.com/" } }\n\`\`\`\n`;

describe('loading a folder', () => {
	test('the fixture course: lessons sorted by file name, README skipped', () => {
		const c = loadCurriculum(COURSE);
		expect(c.dir).toBe(COURSE);
		expect(c.lessons.map((l) => [l.number, l.id, l.title])).toEqual([
			[1, 'basics', 'Fixture basics'],
			[2, 'caching', 'Fixture caching'],
		]);
		expect(c.lessons.flatMap(exercisesOf).map((x) => x.id)).toEqual(['basics-choose', 'basics-will-preflight', 'basics-fix', 'caching-count']);
	});

	test('files are ordered by their number, not by when they were written', () => {
		const dir = folder({ '10-ten.md': ok('ten'), '02-two.md': ok('two'), 'README.md': 'not a lesson', 'notes.txt': 'ignored' });
		expect(loadCurriculum(dir).lessons.map((l) => l.id)).toEqual(['two', 'ten']);
	});

	test('the real curriculum folder is found next to package.json by default', () => {
		const c = loadCurriculum();
		expect(c.dir.endsWith('lessons')).toBe(true);
		expect(c.lessons[0]?.id).toBe('origins');
	});
});

describe('errors name the file', () => {
	test('the same lesson id and exercise id in two files: the later file is named, with the earlier', () => {
		const e = curriculumError(DUPLICATES);
		const messages = e.errors.map((x) => `${x.file}: ${x.problems.join('; ')}`);
		const first = join(DUPLICATES, '01-shared.md');
		const second = join(DUPLICATES, '02-shared.md');
		expect(messages).toEqual([
			`${second}: lesson id "shared" is also used in ${first}; ids must be unique`,
			`${second}: exercise id "same-exercise" is also used in ${first}; ids must be unique`,
		]);
	});

	test('the same exercise id twice in one file', () => {
		const e = curriculumError(folder({ '01-a.md': `${ok('twice')}\n${ok('twice').replace('# T\n', '')}` }));
		expect(e.errors[0]?.problems[0]).toBe(`exercise id "twice" is also used in ${e.errors[0]?.file}; ids must be unique`);
	});

	test('two lessons with the same number', () => {
		const e = curriculumError(folder({ '03-a.md': ok('a'), '03-b.md': ok('b') }));
		expect(e.errors[0]?.problems[0]).toMatch(/^lesson number 03 is also used in .*03-a\.md/);
	});

	test('a badly named file and a broken file are reported together, each with its path', () => {
		const dir = folder({ '1-bad-name.md': ok('x'), '02-no-title.md': 'text\n', '03-fine.md': ok('fine') });
		const e = curriculumError(dir);
		expect(e.errors.map((x) => x.file)).toEqual([join(dir, '02-no-title.md'), join(dir, '1-bad-name.md')]);
		expect(e.message).toContain(`${join(dir, '02-no-title.md')}: line 1: a lesson starts with its title`);
		expect(e.message).toContain(`${join(dir, '1-bad-name.md')}: the file name must be NN-id.md`);
	});
});
