// The explain report, one source for `cors-tutor explain` and the Debugger screen: the
// sections (what happened, the fix, steps, traps, the server configuration, the lesson, the
// rules) as data, and one layout of them as lines. Both views print these lines, so their
// wording cannot drift apart.

import { wrap } from '../render/text.js';
import type { Style } from '../render/color.js';
import { type Advice, LESSON_FOR, advise, taintedRedirect } from './advice.js';
import type { Recognition, Recognized } from './recognize.js';

export const BROWSER = { chromium: 'Chrome / Chromium / Edge', firefox: 'Firefox', safari: 'Safari' } as const;

/** What to say when the pasted text is not a CORS error message (the CLI exits 1 with it). */
export function notCorsMessage(networkLine: Recognition['networkLine'], text = ''): string {
	// Things people paste instead of the console line, which other commands read.
	if (/^\s*curl\s/.test(text)) {
		return 'This is a curl command, not a console message. To send it as a browser would and get the verdict and the fix, paste it after "cors-tutor check " in your shell (DevTools: right-click the request, Copy as cURL).';
	}
	if (/^\s*\{[\s\S]*"log"\s*:[\s\S]*"entries"\s*:/.test(text)) {
		return 'This looks like a HAR file, not a console message. Save it and run "cors-tutor har <file.har>": it finds every CORS failure in it, with the cause and the fix.';
	}
	return networkLine
		? `"${networkLine.error}" alone does not say why: it follows the CORS line in the console. Paste that line (it starts with "Access to fetch at" in Chrome).`
		: 'This is not a CORS error message that cors-tutor knows. CORS errors start with "Access to … has been blocked by CORS policy" (Chrome, Edge), "Cross-Origin Request Blocked" (Firefox) or end with "due to access control checks." (Safari).';
}

/** The message lacks the page origin, and with it the fix could be given as server configuration. */
export function needsOrigin(r: Recognized): boolean {
	return !r.origin && advise({ ...r, origin: 'https://app.example.com' }).policy !== null;
}

/** Why the fix cannot be given as server configuration (null when it can). */
export function noConfigReason(r: Recognized, a: Advice): string | null {
	if (a.policy) return null;
	if (taintedRedirect(r)) return "after a cross-origin redirect the request's origin is null, which a server configuration should not allow: call the final URL directly (see the steps)";
	if (needsOrigin(r)) return 'this message does not name the page origin, which the server configuration needs';
	return `a ${r.code} error is not fixed in the server's CORS configuration`;
}

export interface LessonRef {
	readonly id: string;
	readonly number: number;
	readonly title: string;
}

/** The lesson that teaches a failure, among `lessons` (null if none teaches it). */
export function lessonFor(code: string, lessons: readonly LessonRef[]): LessonRef | null {
	const id = LESSON_FOR[code];
	const l = id ? lessons.find((x) => x.id === id) : undefined;
	return l ? { id: l.id, number: l.number, title: l.title } : null;
}

export interface ConfigOut {
	readonly name: string;
	readonly text: string;
	readonly warnings: readonly string[];
}

type Line =
	/** Wrapped prose; continuation rows start at column `hang`. */
	| { readonly kind: 'para'; readonly text: string; readonly hang: number }
	| { readonly kind: 'label'; readonly text: string }
	| { readonly kind: 'header'; readonly text: string }
	| { readonly kind: 'warning'; readonly text: string }
	| { readonly kind: 'code'; readonly text: string }
	/** Text, then what to do about it (a command, a key), highlighted. */
	| { readonly kind: 'link'; readonly text: string; readonly action: string }
	| { readonly kind: 'note'; readonly text: string };

export type SectionId = 'what' | 'fix' | 'steps' | 'traps' | 'config' | 'lesson' | 'rules';

export interface Section {
	readonly id: SectionId;
	/** Printed in bold above the lines; none for the one-line sections. */
	readonly title: string | null;
	readonly lines: readonly Line[];
}

export interface Report {
	/** "Firefox · missing-allow-origin · actual". */
	readonly heading: string;
	readonly sections: readonly Section[];
}

/** The advice as sections: what happened, the fix, steps, traps, then the configuration, the lesson and the rules. */
export function adviceSections(a: Advice, extra: { config?: ConfigOut | null; lesson?: { ref: LessonRef; open: string } | null } = {}): Section[] {
	const sections: Section[] = [{ id: 'what', title: 'What happened', lines: [{ kind: 'para', text: a.explanation, hang: 2 }] }];
	const fix = [
		...(a.headers.preflight.length ? [['on the OPTIONS (preflight) answer', a.headers.preflight] as const] : []),
		...(a.headers.actual.length ? [['on the actual response', a.headers.actual] as const] : []),
	];
	if (fix.length) sections.push({ id: 'fix', title: 'The fix: the server must send', lines: fix.flatMap(([what, hs]) => [{ kind: 'label', text: what } as const, ...hs.map((h) => ({ kind: 'header', text: h }) as const)]) });
	if (a.steps.length) sections.push({ id: 'steps', title: 'Steps', lines: a.steps.map((s, i) => ({ kind: 'para', text: `${i + 1}. ${s}`, hang: 5 })) });
	if (a.traps.length) sections.push({ id: 'traps', title: 'If it still fails after the fix', lines: a.traps.map((t) => ({ kind: 'para', text: `• ${t}`, hang: 4 })) });
	const { config, lesson } = extra;
	if (config) sections.push({ id: 'config', title: `On ${config.name}`, lines: [...config.warnings.map((w) => ({ kind: 'warning', text: w }) as const), { kind: 'code', text: config.text }] });
	if (lesson) sections.push({ id: 'lesson', title: null, lines: [{ kind: 'link', text: `Learn it: lesson ${lesson.ref.number}, "${lesson.ref.title}"`, action: lesson.open }] });
	sections.push({ id: 'rules', title: null, lines: [{ kind: 'note', text: `Rules: ${a.sources.join(', ')} (the Fetch standard and browser sources, as summarised in the project's CORS fact sheet).` }] });
	return sections;
}

export function explainReport(r: Recognized, a: Advice, extra: Parameters<typeof adviceSections>[1] = {}): Report {
	return { heading: `${BROWSER[r.browser]} · ${r.code}${r.stage === 'unknown' ? '' : ` · ${r.stage}`}`, sections: adviceSections(a, extra) };
}

export interface LayoutOptions {
	readonly style: Style;
	readonly width: number;
	/**
	 * Wrap every line to `width`, configuration included (a screen region that must not let
	 * the terminal wrap it); otherwise only prose wraps and code stays copyable as printed.
	 */
	readonly wrapAll?: boolean;
}

/** The report as lines of text; `offsets` gives each section's first line (its blank line). */
export function reportLayout(rep: Report, o: LayoutOptions): { lines: string[]; offsets: Partial<Record<SectionId, number>> } {
	return sectionsLayout(rep.sections, o, [o.style.bold(rep.heading)]);
}

/** Sections as lines of text after `out` (each section starts with a blank line). */
export function sectionsLayout(sections: readonly Section[], o: LayoutOptions, out: string[] = []): { lines: string[]; offsets: Partial<Record<SectionId, number>> } {
	const { style: c, width } = o;
	const offsets: Partial<Record<SectionId, number>> = {};
	// Rows of `text` (wrapped when wrapAll), each styled by `paint`.
	// A word longer than the width (a URL) is cut, so that no row is wider.
	const rows = (text: string, paint: (s: string) => string = (s) => s, hang?: number): string[] =>
		(o.wrapAll ? wrap(text, width, hang ?? (/^ */.exec(text)?.[0].length ?? 0)).split('\n').flatMap((r) => r.match(new RegExp(`.{1,${width}}`, 'g')) ?? ['']) : [text]).map(paint);
	for (const s of sections) {
		offsets[s.id] = out.length;
		out.push('');
		if (s.title) out.push(...rows(s.title, c.bold));
		for (const l of s.lines) {
			if (l.kind === 'para') out.push(...wrap(`  ${l.text}`, width, l.hang).split('\n'));
			else if (l.kind === 'label') out.push(...rows(`  ${l.text}:`));
			else if (l.kind === 'header') out.push(...rows(`    ${l.text}`, c.green, 6));
			else if (l.kind === 'warning') out.push(...rows(`  warning: ${l.text}`, c.yellow, 4));
			else if (l.kind === 'code') out.push(...l.text.split('\n').flatMap((x) => rows(`  ${x}`, undefined, 4 + (/^ */.exec(x)?.[0].length ?? 0))));
			else if (l.kind === 'link') {
				// Prose: wrapped at the width everywhere; the action keeps its colour when it stays whole on the last row.
				const plain = wrap(`${l.text} — ${l.action}`, width, 2).split('\n');
				const lastRow = plain.length - 1;
				if ((plain[lastRow] ?? '').endsWith(l.action)) plain[lastRow] = `${(plain[lastRow] ?? '').slice(0, -l.action.length)}${c.cyan(l.action)}`;
				out.push(...plain);
			}
			else out.push(...wrap(l.text, width, 0).split('\n').map(c.dim));
		}
	}
	return { lines: out, offsets };
}
