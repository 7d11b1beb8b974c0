// A lesson file: Markdown with a `# Title`, an introduction, `## Step` sections, and fenced
// ```exercise blocks of JSON. Parsed into blocks with line numbers, so that every error can
// name the file and line.

import { InputError, describeIssues } from '../input/json.js';
import type { Block, Lesson } from './lesson.js';
import { type ExerciseJson, exerciseSchema } from './schema.js';

export type { Block, Lesson, LessonStep } from './lesson.js';
export { exercisesOf } from './lesson.js';

const FILE_NAME = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** Resolves `{{ref:topic#section}}` to that reference section's Markdown (null: no such section). */
export type Embed = (topic: string, section: string) => string | null;

/** A lesson line that embeds a reference section, e.g. {{ref:access-control-max-age#browser-differences}}. */
export const EMBED = /^\{\{ref:([a-z0-9-]+)#([a-z0-9-]+)\}\}\s*$/;

export function parseLesson(fileName: string, path: string, text: string, embed?: Embed): Lesson {
	const m = FILE_NAME.exec(fileName);
	if (!m) throw new InputError(path, ['the file name must be NN-id.md, e.g. 03-preflight.md (two digits, then a kebab-case id)']);
	const problems: string[] = [];
	const lines = text.split(/\r?\n/);
	let i = 0;
	while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
	const h1 = /^# (.+)$/.exec(lines[i] ?? '');
	if (!h1) throw new InputError(path, [`line ${i + 1}: a lesson starts with its title as "# Title"`]);
	const title = (h1[1] ?? '').trim();
	i++;

	let intro = '';
	const steps: { title: string; blocks: Block[] }[] = [];
	let buf: string[] = [];
	// Text read so far goes to the current step, or to the introduction before the first step.
	const flush = () => {
		const md = buf.join('\n').trim();
		buf = [];
		if (md === '') return;
		const step = steps[steps.length - 1];
		if (step) step.blocks.push({ type: 'text', markdown: md });
		else intro = md;
	};
	for (; i < lines.length; i++) {
		const line = lines[i] ?? '';
		const h2 = /^## (.+)$/.exec(line);
		if (h2) {
			flush();
			steps.push({ title: (h2[1] ?? '').trim(), blocks: [] });
			continue;
		}
		if (/^# /.test(line)) {
			problems.push(`line ${i + 1}: only one "# Title" per lesson; use "## " for steps`);
			continue;
		}
		if (/\{\{/.test(line) && !/^```/.test(line)) {
			const e = EMBED.exec(line);
			const md = e ? (embed?.(e[1] ?? '', e[2] ?? '') ?? null) : null;
			if (!e) problems.push(`line ${i + 1}: write an embedded reference section alone on its line as {{ref:topic-id#section-id}}`);
			else if (md === null) problems.push(`line ${i + 1}: {{ref:${e[1]}#${e[2]}}}: there is no section "${e[2]}" in reference topic "${e[1]}" (lessons/reference/${e[1]}.md)`);
			// The section, then where it lives: the reader can open the whole topic.
			else buf.push(md, '', `> From the reference: \`cors-tutor ref ${e[1]}\``, '');
			continue;
		}
		if (!/^```\s*exercise\s*$/.test(line)) {
			buf.push(line);
			continue;
		}
		const start = i + 1;
		const body: string[] = [];
		for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
		if (i >= lines.length) {
			problems.push(`line ${start}: the exercise block is never closed with \`\`\``);
			break;
		}
		flush();
		const step = steps[steps.length - 1];
		if (!step) {
			problems.push(`line ${start}: an exercise must be inside a "## Step" section`);
			continue;
		}
		const ex = parseExercise(body.join('\n'), start + 1, problems);
		if (ex) step.blocks.push({ type: 'exercise', exercise: ex, line: start });
	}
	flush();
	if (steps.length === 0) problems.push('a lesson needs at least one "## Step" section');
	if (problems.length) throw new InputError(path, problems);
	return { file: path, id: m[2] ?? '', number: Number(m[1]), title, intro, steps };
}

function parseExercise(json: string, firstLine: number, problems: string[]): ExerciseJson | null {
	let data: unknown;
	try {
		data = JSON.parse(json);
	} catch (e) {
		const pos = /position (\d+)/.exec((e as Error).message);
		const line = pos ? firstLine + json.slice(0, Number(pos[1])).split('\n').length - 1 : firstLine;
		problems.push(`line ${line}: the exercise is not valid JSON (${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')})`);
		return null;
	}
	const r = exerciseSchema.safeParse(data);
	if (!r.success) {
		const id = typeof data === 'object' && data && 'id' in data ? ` "${String((data as { id: unknown }).id)}"` : '';
		for (const p of describeIssues(r.error.issues, { doc: 'lessons/README.md', schema: exerciseSchema, data })) problems.push(`line ${firstLine - 1}: exercise${id}: ${p}`);
		return null;
	}
	return r.data;
}

/** Every exercise of a lesson, in order. */
