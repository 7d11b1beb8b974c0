// Advice as text, shared by `explain` (from a console message) and `check` (from a real
// exchange): what happened, the headers that fix it, the steps, the traps and the lesson.

import { loadCurriculum } from '../content/load.js';
import type { Style } from '../render/color.js';
import { wrap } from '../render/text.js';
import { type Advice, LESSON_FOR } from './advice.js';

export interface LessonRef {
	readonly id: string;
	readonly number: number;
	readonly title: string;
}

/** The lesson that teaches a failure, from the shipped curriculum (none if it cannot be read). */
export function lessonFor(code: string): LessonRef | null {
	const id = LESSON_FOR[code];
	if (!id) return null;
	try {
		const l = loadCurriculum().lessons.find((x) => x.id === id);
		return l ? { id: l.id, number: l.number, title: l.title } : null;
	} catch {
		return null;
	}
}

/** The lesson as JSON: where to open it. */
export const lessonJson = (l: LessonRef) => ({ id: l.id, number: l.number, title: l.title, open: `cors-tutor learn ${l.id}` });

export interface ServerConfig {
	readonly name: string;
	readonly text: string;
	readonly warnings: readonly string[];
}

/** "What happened" to the rules line; `config` (a generated server configuration) goes before the lesson. */
export function adviceLines(a: Advice, c: Style, width: number, lesson: LessonRef | null, config: ServerConfig | null = null): string[] {
	const out: string[] = [];
	const para = (s: string, indent = '  ', hang = indent.length) => out.push(wrap(`${indent}${s}`, width, hang));
	out.push(c.bold('What happened'));
	para(a.explanation);
	const fixLines = [
		...(a.headers.preflight.length ? [['on the OPTIONS (preflight) answer', a.headers.preflight] as const] : []),
		...(a.headers.actual.length ? [['on the actual response', a.headers.actual] as const] : []),
	];
	if (fixLines.length) {
		out.push('', c.bold('The fix: the server must send'));
		for (const [what, hs] of fixLines) {
			out.push(`  ${what}:`);
			for (const h of hs) out.push(`    ${c.green(h)}`);
		}
	}
	if (a.steps.length) {
		out.push('', c.bold('Steps'));
		a.steps.forEach((s, i) => para(`${i + 1}. ${s}`, '  ', 5));
	}
	if (a.traps.length) {
		out.push('', c.bold('If it still fails after the fix'));
		for (const t of a.traps) para(`• ${t}`, '  ', 4);
	}
	if (config) {
		out.push('', c.bold(`On ${config.name}`));
		for (const w of config.warnings) out.push(`  ${c.yellow(`warning: ${w}`)}`);
		out.push(config.text.replace(/^/gm, '  '));
	}
	if (lesson) out.push('', `Learn it: lesson ${lesson.number}, "${lesson.title}" — ${c.cyan(`cors-tutor learn ${lesson.id}`)}`);
	out.push('', c.dim(`Rules: ${a.sources.join(', ')} (the Fetch standard and browser sources, as summarised in the project's CORS fact sheet).`));
	return out;
}
