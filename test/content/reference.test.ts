// The reference topics (lessons/reference/*.md and the generated error topics): a strict
// schema whose errors name the file, the line and the field; the shipped topics; lessons
// that embed reference sections; and no text written twice.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CurriculumError, loadCurriculum } from '../../source/content/load.js';
import { parseLesson } from '../../source/content/markdown.js';
import { ERROR_CODES } from '../../source/reference/errors.js';
import { closeMatches, findTopic, loadReference } from '../../source/reference/load.js';
import { parseTopic } from '../../source/reference/topic.js';
import { COURSE, inputError } from './helpers.js';

const LESSONS = join(import.meta.dirname, '../../lessons');
const REFERENCE = join(LESSONS, 'reference');
const PATH = '/ref/sample.md';

const topic = (front: Record<string, string>, body = 'What it is.\n\n## Example values\n\nx\n\n## Rules that bite\n\ny\n\n## Browser differences\n\nz\n') =>
	['---', ...Object.entries(front).map(([k, v]) => `${k}: ${v}`), '---', '', body].join('\n');
const HEADER = { id: 'sample', title: 'Sample', group: 'headers', direction: 'response', sources: 'cors-facts §3.1' };
const parse = (text: string, name = 'sample.md') => inputError(() => parseTopic(name, PATH, text));

describe('the topic schema', () => {
	test('a valid header topic parses, sections keyed by their kebab-case titles', () => {
		const t = parseTopic('sample.md', PATH, topic({ ...HEADER, aliases: 'smp, s-a' }));
		expect(t).toMatchObject({ id: 'sample', group: 'headers', direction: 'response', aliases: ['smp', 's-a'], summary: 'What it is.', sources: ['cors-facts §3.1'] });
		expect(t.sections.map((s) => s.id)).toEqual(['example-values', 'rules-that-bite', 'browser-differences']);
	});

	test('no front matter', () => {
		expect(parse('# Title\n').problems).toEqual(['line 1: a reference topic starts with front matter: a "---" line, "field: value" lines, "---"']);
	});

	test('an unknown field, a bad group and a bad source, each at its line', () => {
		const e = parse(topic({ ...HEADER, group: 'header', colour: 'red', sources: 'wikipedia' }));
		expect(e.file).toBe(PATH);
		expect(e.problems).toEqual([
			'line 4: field "group": must be one of headers, flow, errors, csp, faq',
			'line 6: field "sources": a source is "cors-facts §N.N", "§N.N", test/lab/DIFFERENCES.md or source/core/profiles/<browser>.ts',
			'line 7: unknown field "colour" (fields: id, title, group, aliases, direction, sources, lessons)',
		]);
	});

	test('a missing field', () => {
		const { title: _, ...rest } = HEADER;
		expect(parse(topic(rest)).problems).toContain('line 1: field "title": missing');
	});

	test('the id must match the file name', () => {
		expect(parse(topic(HEADER), 'other.md').problems).toContain('line 2: field "id": "sample" must match the file name (sample.md)');
	});

	test('a header topic needs a direction and the three sections in order', () => {
		const { direction: _, ...rest } = HEADER;
		expect(parse(topic(rest)).problems[0]).toMatch(/field "direction": missing/);
		const e = parse(topic(HEADER, 'What.\n\n## Rules that bite\n\ny\n\n## Example values\n\nx\n'));
		expect(e.problems[0]).toMatch(/^line 11: a header topic has exactly these sections, in order: "## Example values", "## Rules that bite", "## Browser differences"/);
	});

	test('an empty summary, an empty section, a "# " heading, an embed inside a topic', () => {
		const e = parse(topic({ id: 'sample', title: 'S', group: 'faq', sources: '§1.1' }, '## Why\n\n# Big\n\n## Empty\n\n## Also\n\n{{ref:vary#rules-that-bite}}\n'));
		expect(e.problems).toEqual([
			'line 7: the summary (what it is, before the first "## " section) is empty',
			'line 8: section "Why" is empty',
			'line 10: no "# " heading in a topic: the title is the "title" field; use "## " for sections',
			'line 12: section "Empty" is empty',
			'line 16: a reference topic cannot embed another ({{ref:…}} is for lessons); write "cors-tutor ref <id>" instead',
		]);
	});

	test('two topics claiming one alias', () => {
		const dir = mkdtempSync(join(tmpdir(), 'cors-ref-'));
		writeFileSync(join(dir, 'one.md'), topic({ ...HEADER, id: 'one', aliases: 'dup' }));
		writeFileSync(join(dir, 'two.md'), topic({ ...HEADER, id: 'two', aliases: 'dup' }));
		expect(() => loadReference(dir)).toThrow(/"dup" \(id or alias of two\) is also an id or alias of one/);
	});
});

describe('the shipped reference', () => {
	const ref = loadReference(REFERENCE);

	test('every CORS header of the spec has a topic, found by name, id or alias in any case', () => {
		const names = ['Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers', 'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Max-Age', 'Access-Control-Expose-Headers', 'Vary', 'Access-Control-Request-Private-Network', 'Access-Control-Allow-Private-Network'];
		for (const n of names) expect(findTopic(ref, n)?.group, n).toBe('headers');
		expect(findTopic(ref, 'acao')?.id).toBe('access-control-allow-origin');
		expect(findTopic(ref, 'ALLOW-ORIGIN')?.id).toBe('access-control-allow-origin');
		expect(findTopic(ref, 'allow origin')?.id).toBe('access-control-allow-origin');
	});

	test('every group has topics; every explain code is an error topic', () => {
		expect(new Set(ref.topics.map((t) => t.group))).toEqual(new Set(['headers', 'flow', 'errors', 'csp', 'faq']));
		for (const code of ERROR_CODES) expect(findTopic(ref, code)?.group).toBe('errors');
	});

	test('close matches for a misspelling', () => {
		expect(closeMatches(ref, 'alow-origin')[0]).toBe('access-control-allow-origin');
		expect(closeMatches(ref, 'max')).toContain('access-control-max-age');
		expect(closeMatches(ref, 'zzzzzzzz')).toEqual([]);
	});

	// The shipped copy (test/fixtures/reference); where ../shared exists, the copy must equal it.
	const facts = join(import.meta.dirname, '../fixtures/reference/cors-facts.md');
	const shared = join(import.meta.dirname, '../../../shared/reference/cors-facts.md');
	test.skipIf(!existsSync(shared))('the copy of the fact sheet is the shared one', () => {
		expect(readFileSync(facts, 'utf8')).toBe(readFileSync(shared, 'utf8'));
	});
	test('every cited cors-facts section exists in the fact sheet', () => {
		const text = readFileSync(facts, 'utf8');
		const have = new Set([...text.matchAll(/^\*\*(\d+\.\d+)\b|^##+ (\d+(?:\.\d+)?)[. ]/gm)].map((m) => m[1] ?? m[2]));
		for (const t of ref.topics)
			for (const s of t.sources) {
				const n = /§(\d+(?:\.\d+)?)/.exec(s)?.[1];
				if (n) expect(have.has(n) || have.has(n.split('.')[0] as string), `${t.id}: ${s}`).toBe(true);
			}
	});
});

describe('lessons embed reference sections', () => {
	test('{{ref:topic#section}} is replaced by the section, with where it lives', () => {
		const c = loadCurriculum(LESSONS);
		const lesson = c.lessons.find((l) => l.id === 'allow-origin');
		const text = lesson?.steps[0]?.blocks[0];
		expect(text?.type === 'text' && text.markdown).toContain('| `https://app.example.com/` | blocked: trailing slash |');
		expect(text?.type === 'text' && text.markdown).toContain('> From the reference: `cors-tutor ref access-control-allow-origin`');
	});

	test('an unknown topic or section, or a malformed directive, is an error at its line', () => {
		const embed = (t: string, s: string) => (t === 'vary' && s === 'rules' ? 'text' : null);
		const e = inputError(() => parseLesson('01-x.md', '/c/01-x.md', '# T\n\n## S\n\n{{ref:vary#nope}}\n\n{{ref:vary}}\n\n{{ref:vary#rules}}\n', embed));
		expect(e.problems).toEqual([
			'line 5: {{ref:vary#nope}}: there is no section "nope" in reference topic "vary" (lessons/reference/vary.md)',
			'line 7: write an embedded reference section alone on its line as {{ref:topic-id#section-id}}',
		]);
	});

	test('a topic naming a lesson that does not exist is an error of the curriculum', () => {
		const dir = mkdtempSync(join(tmpdir(), 'cors-course-'));
		for (const f of readdirSync(COURSE)) cpSync(join(COURSE, f), join(dir, f));
		mkdirSync(join(dir, 'reference'));
		writeFileSync(join(dir, 'reference', 'sample.md'), topic({ ...HEADER, lessons: 'basics, nowhere' }));
		let err: unknown;
		try {
			loadCurriculum(dir);
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(CurriculumError);
		expect((err as CurriculumError).message).toContain('field "lessons": there is no lesson "nowhere"');
	});
});

describe('no text written twice', () => {
	/** Paragraphs and list items of at least 60 characters, whitespace made single spaces. */
	const chunks = (md: string): string[] =>
		md.replace(/```[\s\S]*?```/g, '').split(/\n\s*\n|\n(?=\s*(?:[-*]|\d+\.) )/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p.length >= 60 && !p.startsWith('|'));
	const lessonFiles = readdirSync(LESSONS).filter((f) => /^\d\d-.*\.md$/.test(f)).map((f) => ({ f, text: readFileSync(join(LESSONS, f), 'utf8').replace(/\s+/g, ' ') }));
	const topicFiles = readdirSync(REFERENCE).filter((f) => f.endsWith('.md')).map((f) => ({ f, text: readFileSync(join(REFERENCE, f), 'utf8') }));

	test('no paragraph of a reference topic appears verbatim in a lesson file (embed it instead)', () => {
		const found = topicFiles.flatMap(({ f, text }) => chunks(text).flatMap((p) => lessonFiles.filter((l) => l.text.includes(p)).map((l) => `${f} → ${l.f}: ${p.slice(0, 70)}…`)));
		expect(found).toEqual([]);
	});

	test('no paragraph of a lesson appears verbatim in a reference topic', () => {
		const flat = topicFiles.map(({ f, text }) => ({ f, text: text.replace(/\s+/g, ' ') }));
		const found = lessonFiles.flatMap(({ f }) => chunks(readFileSync(join(LESSONS, f), 'utf8')).flatMap((p) => flat.filter((t) => t.text.includes(p)).map((t) => `${f} → ${t.f}: ${p.slice(0, 70)}…`)));
		expect(found).toEqual([]);
	});

	test('no table row is repeated between lessons and topics', () => {
		const rows = (text: string) => text.split('\n').filter((l) => /^\|.*\|\s*$/.test(l) && !/^\|[\s|:-]+\|$/.test(l) && l.length > 30);
		const lessonRows = new Set(lessonFiles.flatMap(({ f }) => rows(readFileSync(join(LESSONS, f), 'utf8'))));
		expect(topicFiles.flatMap(({ text }) => rows(text)).filter((r) => lessonRows.has(r))).toEqual([]);
	});

	test('the error topics are generated from the explain advice, not written again', () => {
		const ref = loadReference(REFERENCE);
		const advice = ref.topics.filter((t) => t.group === 'errors').flatMap((t) => [t.summary, ...t.sections.map((s) => s.markdown)]).flatMap(chunks);
		const all = [...topicFiles.map((t) => t.text.replace(/\s+/g, ' ')), ...lessonFiles.map((l) => l.text)];
		expect(advice.filter((p) => all.some((t) => t.includes(p)))).toEqual([]);
	});
});

describe('rendering', () => {
	test('every line of every topic fits the width, tables too (one array item per terminal line)', async () => {
		const { markdownToLines } = await import('../../source/render/markdown.js');
		const { topicMarkdown } = await import('../../source/reference/render.js');
		const { PLAIN } = await import('../../source/render/color.js');
		for (const t of loadReference(REFERENCE).topics)
			for (const width of [58, 78]) for (const l of markdownToLines(topicMarkdown(t), width, PLAIN)) expect(l.includes('\n') || l.length > width, `${t.id} @${width}: ${l}`).toBe(false);
	});
});
