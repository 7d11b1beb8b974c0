// A reference topic file: lessons/reference/<id>.md. Front matter between "---" lines (id,
// title, group, aliases, direction for headers, sources, lessons), a summary, then "## "
// sections. Parsed strictly: every error names the file, the line and the field.

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { InputError } from '../input/json.js';

z.config(en());

export const GROUPS = ['headers', 'flow', 'errors', 'csp', 'faq'] as const;
export type Group = (typeof GROUPS)[number];
export const GROUP_TITLES: Record<Group, string> = {
	headers: 'Headers',
	flow: 'The preflight flow',
	errors: 'Common errors and their fixes',
	csp: 'CORS vs CSP',
	faq: 'FAQ',
};

/** Where a header travels. */
export const DIRECTIONS = ['request', 'preflight-request', 'preflight-response', 'response', 'actual-response'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const DIRECTION_TEXT: Record<Direction, string> = {
	request: 'browser → server, on every cross-origin request and on preflights',
	'preflight-request': 'browser → server, on the preflight (OPTIONS) request only',
	'preflight-response': 'server → browser, on the answer to the preflight',
	response: 'server → browser, on the preflight answer and on the actual response',
	'actual-response': 'server → browser, on the actual response (not the preflight)',
};

/** The sections every header topic has, in this order. */
export const HEADER_SECTIONS = ['Example values', 'Rules that bite', 'Browser differences'] as const;

export interface Section {
	/** The title in kebab-case: what `{{ref:topic#section}}` names. */
	readonly id: string;
	readonly title: string;
	readonly markdown: string;
	readonly line: number;
}

export interface Topic {
	/** The file it came from, or the module that generates it. */
	readonly file: string;
	readonly id: string;
	readonly title: string;
	readonly group: Group;
	readonly aliases: readonly string[];
	readonly direction?: Direction;
	/** What it is / does: the text before the first section. */
	readonly summary: string;
	readonly sections: readonly Section[];
	/** Where every statement comes from: cors-facts sections, DIFFERENCES.md, browser profiles. */
	readonly sources: readonly string[];
	/** Lesson ids that teach it. */
	readonly lessons: readonly string[];
}

export const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const SOURCE = /^(cors-facts )?§\d+(\.\d+)*$|^test\/lab\/DIFFERENCES\.md$|^source\/core\/profiles\/(chromium|firefox|safari)\.ts$/;

const fields = z.strictObject({
	id: z.string().check(z.regex(kebab, 'a topic id is kebab-case: lowercase letters and digits joined by single dashes')),
	title: z.string().check(z.minLength(1, 'the title cannot be empty')),
	group: z.enum(GROUPS),
	aliases: z._default(z.array(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'an alias is lowercase letters, digits and dashes'))), []),
	direction: z.optional(z.enum(DIRECTIONS)),
	sources: z.array(z.string().check(z.regex(SOURCE, 'a source is "cors-facts §N.N", "§N.N", test/lab/DIFFERENCES.md or source/core/profiles/<browser>.ts'))).check(z.minLength(1, 'name at least one source')),
	lessons: z._default(z.array(z.string().check(z.regex(kebab, 'a lesson id is kebab-case'))), []),
});
const LIST_FIELDS = new Set(['aliases', 'sources', 'lessons']);
const FIELD_NAMES = ['id', 'title', 'group', 'aliases', 'direction', 'sources', 'lessons'];

export function parseTopic(fileName: string, path: string, text: string): Topic {
	const problems: string[] = [];
	const lines = text.split(/\r?\n/);
	if ((lines[0] ?? '').trim() !== '---') throw new InputError(path, ['line 1: a reference topic starts with front matter: a "---" line, "field: value" lines, "---"']);
	const raw: Record<string, unknown> = {};
	const lineOf: Record<string, number> = {};
	let i = 1;
	for (; i < lines.length && (lines[i] ?? '').trim() !== '---'; i++) {
		const line = lines[i] ?? '';
		if (line.trim() === '') continue;
		const m = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
		if (!m) {
			problems.push(`line ${i + 1}: expected "field: value" in the front matter`);
			continue;
		}
		const [, key = '', value = ''] = m;
		if (key in raw) problems.push(`line ${i + 1}: field "${key}" is given twice`);
		lineOf[key] = i + 1;
		raw[key] = LIST_FIELDS.has(key) ? value.split(',').map((x) => x.trim()).filter((x) => x !== '') : value.trim();
	}
	if (i >= lines.length) throw new InputError(path, ['line 1: the front matter is never closed with a "---" line']);
	const end = i + 1;
	const r = fields.safeParse(raw);
	let meta: z.infer<typeof fields> | null = null;
	if (!r.success) {
		for (const issue of r.error.issues) {
			if (issue.code === 'unrecognized_keys') {
				for (const k of issue.keys) problems.push(`line ${lineOf[k] ?? 1}: unknown field "${k}" (fields: ${FIELD_NAMES.join(', ')})`);
				continue;
			}
			const key = String(issue.path[0] ?? '');
			const missing = issue.code === 'invalid_type' && raw[key] === undefined;
			problems.push(`line ${lineOf[key] ?? 1}: field "${key}": ${missing ? 'missing' : issue.code === 'invalid_value' ? `must be one of ${(issue as { values?: unknown[] }).values?.join(', ')}` : issue.message}`);
		}
	} else meta = r.data;
	const expectedName = meta ? `${meta.id}.md` : null;
	if (expectedName && fileName !== expectedName) problems.push(`line ${lineOf.id ?? 1}: field "id": "${meta?.id}" must match the file name (${expectedName})`);
	if (meta?.group === 'headers' && !meta.direction) problems.push(`line ${end - 1}: field "direction": missing (a header topic says where it travels: ${DIRECTIONS.join(', ')})`);
	if (meta && meta.group !== 'headers' && meta.direction) problems.push(`line ${lineOf.direction}: field "direction": only header topics have one`);

	// The body: a summary, then "## " sections.
	const sections: { title: string; line: number; buf: string[] }[] = [];
	const summary: string[] = [];
	for (let j = end; j < lines.length; j++) {
		const line = lines[j] ?? '';
		if (/^```/.test(line)) {
			const into = sections[sections.length - 1]?.buf ?? summary;
			into.push(line);
			for (j++; j < lines.length && !/^```\s*$/.test(lines[j] ?? ''); j++) into.push(lines[j] ?? '');
			if (j >= lines.length) problems.push(`line ${j}: a code block is never closed with \`\`\``);
			else into.push(lines[j] ?? '');
			continue;
		}
		const h2 = /^## (.+)$/.exec(line);
		if (h2) {
			sections.push({ title: (h2[1] ?? '').trim(), line: j + 1, buf: [] });
			continue;
		}
		if (/^# /.test(line)) {
			problems.push(`line ${j + 1}: no "# " heading in a topic: the title is the "title" field; use "## " for sections`);
			continue;
		}
		if (/\{\{ref:/.test(line)) problems.push(`line ${j + 1}: a reference topic cannot embed another ({{ref:…}} is for lessons); write "cors-tutor ref <id>" instead`);
		(sections[sections.length - 1]?.buf ?? summary).push(line);
	}
	const summaryText = summary.join('\n').trim();
	if (summaryText === '') problems.push(`line ${end + 1}: the summary (what it is, before the first "## " section) is empty`);
	const seen = new Set<string>();
	for (const s of sections) {
		if (s.buf.join('').trim() === '') problems.push(`line ${s.line}: section "${s.title}" is empty`);
		if (seen.has(slug(s.title))) problems.push(`line ${s.line}: section "${s.title}" appears twice`);
		seen.add(slug(s.title));
	}
	if (sections.length === 0) problems.push('a topic needs at least one "## " section');
	if (meta?.group === 'headers') {
		const titles = sections.map((s) => s.title).join(' | ');
		if (titles !== HEADER_SECTIONS.join(' | '))
			problems.push(`line ${sections[0]?.line ?? end + 1}: a header topic has exactly these sections, in order: ${HEADER_SECTIONS.map((t) => `"## ${t}"`).join(', ')} (found: ${titles || 'none'})`);
	}
	const lineOfProblem = (p: string) => Number(/^line (\d+)/.exec(p)?.[1] ?? 0);
	if (problems.length || !meta) throw new InputError(path, problems.sort((a, b) => lineOfProblem(a) - lineOfProblem(b)));
	return {
		file: path,
		id: meta.id,
		title: meta.title,
		group: meta.group,
		aliases: meta.aliases,
		...(meta.direction ? { direction: meta.direction } : {}),
		summary: summaryText,
		sections: sections.map((s) => ({ id: slug(s.title), title: s.title, markdown: s.buf.join('\n').trim(), line: s.line })),
		sources: meta.sources,
		lessons: meta.lessons,
	};
}
