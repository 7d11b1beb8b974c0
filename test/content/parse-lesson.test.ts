// parseLesson on a valid lesson: title, introduction, steps and their blocks, in order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exercisesOf, parseLesson } from '../../source/content/markdown.js';
import { COURSE, WILL_PREFLIGHT, exerciseBlock } from './helpers.js';

describe('a valid lesson', () => {
	const text = [
		'',
		'# The title  ',
		'',
		'The introduction, **first** paragraph.',
		'',
		'Second paragraph of the introduction.',
		'',
		'## First step',
		'',
		'Text before the exercise.',
		'',
		exerciseBlock(WILL_PREFLIGHT),
		'',
		'Text after the exercise.',
		'',
		'## Second step',
		'',
		exerciseBlock({ ...WILL_PREFLIGHT, id: 'tiny-put', request: { url: 'https://api.example.com/', method: 'PUT' } }),
		'',
	].join('\n');
	const l = parseLesson('07-my-lesson.md', '/x/07-my-lesson.md', text);

	test('the id and number come from the file name; the title from "# "', () => {
		expect(l.id).toBe('my-lesson');
		expect(l.number).toBe(7);
		expect(l.file).toBe('/x/07-my-lesson.md');
		expect(l.title).toBe('The title');
	});

	test('the introduction is the text before the first step', () => {
		expect(l.intro).toBe('The introduction, **first** paragraph.\n\nSecond paragraph of the introduction.');
	});

	test('steps keep their titles and their blocks in order, exercises with the line of their fence', () => {
		expect(l.steps.map((s) => s.title)).toEqual(['First step', 'Second step']);
		const [first, second] = l.steps;
		expect(first?.blocks.map((b) => b.type)).toEqual(['text', 'exercise', 'text']);
		expect(first?.blocks[0]).toEqual({ type: 'text', markdown: 'Text before the exercise.' });
		expect(first?.blocks[2]).toEqual({ type: 'text', markdown: 'Text after the exercise.' });
		const ex = first?.blocks[1];
		expect(ex?.type === 'exercise' && ex.line).toBe(12);
		expect(second?.blocks.map((b) => b.type)).toEqual(['exercise']);
	});

	test('exercises get their schema defaults (browser, page, fetch defaults)', () => {
		const [a, b] = exercisesOf(l);
		expect(a).toMatchObject({ id: 'tiny', kind: 'will-preflight', browser: 'chromium', page: 'https://app.example.com' });
		expect(a?.kind === 'will-preflight' && a.request).toEqual({ url: 'https://api.example.com/', method: 'GET', headers: {}, credentials: 'same-origin', mode: 'cors', body: null });
		expect(b?.id).toBe('tiny-put');
	});

	test('CRLF line endings parse the same', () => {
		const crlf = parseLesson('07-my-lesson.md', '/x/07-my-lesson.md', text.replace(/\n/g, '\r\n'));
		expect(crlf.title).toBe(l.title);
		expect(exercisesOf(crlf).map((x) => x.id)).toEqual(['tiny', 'tiny-put']);
	});

	test('the fixture lesson parses: every exercise kind it uses, in order', () => {
		const f = parseLesson('01-basics.md', join(COURSE, '01-basics.md'), readFileSync(join(COURSE, '01-basics.md'), 'utf8'));
		expect(f.title).toBe('Fixture basics');
		expect(f.steps.map((s) => s.title)).toEqual(['Reading the header', 'The preflight']);
		expect(exercisesOf(f).map((x) => [x.id, x.kind])).toEqual([
			['basics-choose', 'choose-fix'],
			['basics-will-preflight', 'will-preflight'],
			['basics-fix', 'fix-headers'],
		]);
	});
});
