// Every parse error names the file and the line, and says what to do.
import { describe, expect, test } from 'vitest';
import { parseLesson } from '../../source/content/markdown.js';
import { WILL_PREFLIGHT, exerciseBlock, inputError } from './helpers.js';

const PATH = '/course/05-sample.md';
const parse = (text: string, name = '05-sample.md') => inputError(() => parseLesson(name, PATH, text));

describe('lesson structure', () => {
	test('no "# Title": the first non-empty line is named', () => {
		const e = parse('\n\nJust text.\n\n## Step\n');
		expect(e.file).toBe(PATH);
		expect(e.message).toContain(PATH);
		expect(e.problems).toEqual(['line 3: a lesson starts with its title as "# Title"']);
	});

	test('"## Title" is not a title', () => {
		expect(parse('## Step only\n').problems[0]).toMatch(/^line 1: .*"# Title"/);
	});

	test('a second "# " heading', () => {
		expect(parse('# One\n\n## Step\n\n# Two\n').problems).toEqual(['line 5: only one "# Title" per lesson; use "## " for steps']);
	});

	test('an exercise before the first step', () => {
		const e = parse(['# Title', '', 'Intro.', '', exerciseBlock(WILL_PREFLIGHT), '', '## Step', ''].join('\n'));
		expect(e.problems).toEqual(['line 5: an exercise must be inside a "## Step" section']);
	});

	test('an exercise block never closed', () => {
		const e = parse(['# Title', '', '## Step', '', '```exercise', '{ "id": "x" }', '', 'more text'].join('\n'));
		expect(e.problems).toEqual(['line 5: the exercise block is never closed with ```']);
	});

	test('no step at all', () => {
		expect(parse('# Title\n\nOnly an introduction.\n').problems).toEqual(['a lesson needs at least one "## Step" section']);
	});

	test('problems of one file are reported together', () => {
		const text = ['# Title', '', '## Step', '', exerciseBlock({ ...WILL_PREFLIGHT, kind: 'guess' }), '', '# Again', ''].join('\n');
		const again = text.split('\n').indexOf('# Again') + 1;
		const e = parse(text);
		expect(e.problems).toHaveLength(2);
		expect(e.problems[0]).toMatch(/^line 5: exercise "tiny": kind: /);
		expect(e.problems[1]).toBe(`line ${again}: only one "# Title" per lesson; use "## " for steps`);
	});
});

describe('file names', () => {
	test.each(['5-sample.md', '05_sample.md', '05-Sample.md', '05-sample.markdown', 'sample.md', '05--sample.md'])('%s is rejected with the pattern to follow', (name) => {
		const e = parse('# Title\n\n## Step\n', name);
		expect(e.file).toBe(PATH);
		expect(e.problems[0]).toContain('NN-id.md');
	});
});

describe('exercise JSON', () => {
	// Lines: 1 "# Title", 2 "", 3 "## Step", 4 "", 5 "```exercise", 6… the JSON.
	const lesson = (json: string) => ['# Title', '', '## Step', '', exerciseBlock(json), ''].join('\n');

	test('a trailing comma: the line of the error inside the block', () => {
		const e = parse(lesson(['{', '  "id": "tiny",', '  "kind": "will-preflight",', '}'].join('\n')));
		expect(e.problems).toHaveLength(1);
		expect(e.problems[0]).toMatch(/^line 9: the exercise is not valid JSON \(/);
		expect(e.problems[0]).not.toMatch(/position \d+/);
	});

	test('a missing comma between fields: the line where the parser stops', () => {
		const e = parse(lesson(['{', '  "id": "tiny"', '  "kind": "will-preflight"', '}'].join('\n')));
		expect(e.problems).toEqual(["line 8: the exercise is not valid JSON (Expected ',' or '}' after property value)"]);
	});

	test('an unknown field: named, with the line of the block and the exercise id', () => {
		const e = parse(lesson(JSON.stringify({ ...WILL_PREFLIGHT, answer: 'yes' }, null, 2)));
		expect(e.problems).toEqual(['line 5: exercise "tiny": (top level): unknown field "answer" (check the spelling against lessons/README.md; the fields here are id, question, hints, explain, browser, page, kind, request)']);
	});

	test('an unknown field deep inside the request', () => {
		const e = parse(lesson(JSON.stringify({ ...WILL_PREFLIGHT, request: { url: 'https://api.example.com/', methd: 'PUT' } })));
		expect(e.problems[0]).toMatch(/^line 5: exercise "tiny": request: unknown field "methd"/);
	});

	test('an unknown kind', () => {
		const e = parse(lesson(JSON.stringify({ ...WILL_PREFLIGHT, kind: 'guess-the-header' })));
		expect(e.problems).toHaveLength(1);
		expect(e.problems[0]).toMatch(/^line 5: exercise "tiny": kind: /);
	});

	test('a missing required field', () => {
		const { hints: _, ...noHints } = WILL_PREFLIGHT;
		const e = parse(lesson(JSON.stringify(noHints)));
		expect(e.problems[0]).toBe('line 5: exercise "tiny": hints: missing required field (expected array)');
	});

	test('a bad id and a bad failure code', () => {
		expect(parse(lesson(JSON.stringify({ ...WILL_PREFLIGHT, id: 'Not Kebab' }))).problems[0]).toMatch(/^line 5: exercise "Not Kebab": id: an exercise id is kebab-case/);
		const outcome = {
			id: 'po', kind: 'predict-outcome', question: 'Allowed?', hints: ['h'],
			server: { response: { status: 200 } }, steps: [{ fetch: { url: 'https://api.example.com/' } }],
			why: ['missing-allow-origin', 'no-such-code'],
		};
		expect(parse(lesson(JSON.stringify(outcome))).problems[0]).toMatch(/^line 5: exercise "po": why\[1\]: /);
	});

	test('a second exercise is placed at its own line', () => {
		const text = ['# Title', '', '## Step', '', exerciseBlock(WILL_PREFLIGHT), '', 'Text.', '', exerciseBlock({ ...WILL_PREFLIGHT, id: 'two', extra: 1 }), ''].join('\n');
		const fence = text.split('\n').lastIndexOf('```exercise') + 1;
		expect(parse(text).problems).toEqual([`line ${fence}: exercise "two": (top level): unknown field "extra" (check the spelling against lessons/README.md; the fields here are id, question, hints, explain, browser, page, kind, request)`]);
	});
});
