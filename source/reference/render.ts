// A reference topic as Markdown (for the lesson renderer) and as terminal lines; the topic
// list grouped. Pure: topics in, text out.

import type { Style } from '../render/color.js';
import { markdownToLines } from '../render/markdown.js';
import { wrap } from '../render/text.js';
import { DIRECTION_TEXT, GROUPS, GROUP_TITLES, type Group, type Topic } from './topic.js';

export interface LessonRef {
	readonly id: string;
	readonly number: number;
	readonly title: string;
}

/** The topic's body as Markdown: summary, direction, sections, the lessons that teach it, sources. */
export function topicMarkdown(t: Topic, lessons: readonly LessonRef[] = []): string {
	const out: string[] = [t.summary, ''];
	if (t.direction) out.push(`**Direction:** ${DIRECTION_TEXT[t.direction]}.`, '');
	for (const s of t.sections) out.push(`### ${s.title}`, '', s.markdown, '');
	const taught = t.lessons.flatMap((id) => lessons.filter((l) => l.id === id));
	if (taught.length) {
		out.push('### Learn it', '');
		for (const l of taught) out.push(`- Lesson ${l.number}, ${l.title}: \`cors-tutor learn ${l.id}\``);
		out.push('');
	}
	const names = [t.id, ...t.aliases];
	out.push(`Open with: ${names.map((n) => `\`cors-tutor ref ${n}\``).slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}`, '');
	out.push(`Sources: ${t.sources.join(', ')}`);
	return out.join('\n');
}

/** The title line, then the topic, wrapped to `width`. */
export function topicLines(t: Topic, width: number, c: Style, lessons: readonly LessonRef[] = []): string[] {
	return [c.bold(t.title), ...(t.title === GROUP_TITLES[t.group] ? [] : [c.dim(GROUP_TITLES[t.group])]), '', ...markdownToLines(topicMarkdown(t, lessons), width, c)];
}

export function grouped(topics: readonly Topic[]): { group: Group; title: string; topics: Topic[] }[] {
	return GROUPS.map((g) => ({ group: g, title: GROUP_TITLES[g], topics: topics.filter((t) => t.group === g) })).filter((x) => x.topics.length > 0);
}

/** `cors-tutor ref` with no topic: every topic by group, id first (what to type), then its title. */
export function listLines(topics: readonly Topic[], width: number, c: Style): string[] {
	const out: string[] = [];
	for (const g of grouped(topics)) {
		const idWidth = Math.min(40, Math.max(...g.topics.map((t) => t.id.length)));
		out.push(c.bold(g.title));
		for (const t of g.topics) {
			const label = t.group === 'headers' || t.id === t.title ? '' : t.title;
			const aliases = t.aliases.length ? c.dim(`(${t.aliases.join(', ')})`) : '';
			out.push(wrap(`  ${c.cyan(t.id.padEnd(idWidth))}  ${[label, aliases].filter(Boolean).join(' ')}`.trimEnd(), width, idWidth + 4));
		}
		out.push('');
	}
	return out;
}
