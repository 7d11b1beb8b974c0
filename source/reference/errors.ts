// The "common errors" topics, generated from the advice that `cors-tutor explain` gives
// (source/explain/advice.ts): one source of truth, nothing rewritten here but the titles.

import { FAILURE_LABELS } from '../grading/labels.js';
import { LESSON_FOR, advise } from '../explain/advice.js';
import type { ExplainCode, Recognized } from '../explain/recognize.js';
import type { Section, Topic } from './topic.js';

/** Firefox-only codes, which have no failure label in the core. */
const EXTRA_TITLES: Record<string, string> = {
	'request-did-not-succeed': 'Firefox: "CORS request did not succeed"',
	'cors-disabled': 'Firefox: "CORS disabled"',
	'request-not-http': 'the page or the request is not http(s)',
	'origin-header-not-added': 'Firefox: "CORS header ‘Origin’ cannot be added"',
};

/** Short aliases people type for the most common ones. */
const ALIASES: Record<string, string[]> = {
	'missing-allow-origin': ['no-acao', 'missing-acao'],
	'wildcard-with-credentials': ['wildcard-credentials'],
	'preflight-bad-status': ['preflight-status', 'http-ok-status'],
	'allow-origin-mismatch': ['mismatch'],
};

/** Where each failure is typically reported, for the advice's wording. */
function stageOf(code: string): Recognized['stage'] {
	if (code.startsWith('preflight-') || code.endsWith('-unparseable') || code === 'method-not-allowed' || code === 'header-not-allowed') return 'preflight';
	if (code.startsWith('redirect-') || code === 'too-many-redirects') return 'redirect';
	if (code === 'same-origin-mode' || code === 'request-not-http' || code === 'cors-disabled' || code === 'origin-header-not-added') return 'request';
	if (code === 'request-did-not-succeed') return 'unknown';
	return 'actual';
}

export const ERROR_CODES = Object.keys(LESSON_FOR) as ExplainCode[];

export function errorTopic(code: ExplainCode): Topic {
	const r: Recognized = { browser: 'chromium', code, stage: stageOf(code), url: null, redirectedFrom: null, origin: null, header: null, value: null, status: null, initiator: null, line: '' };
	const a = advise(r);
	const sections: Section[] = [];
	const add = (title: string, markdown: string) => sections.push({ id: title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''), title, markdown, line: 0 });
	const headerBlock = (what: string, hs: readonly string[]) => (hs.length ? [`${what}:`, '', '```', ...hs, '```'].join('\n') : '');
	const fix = [headerBlock('On the OPTIONS (preflight) answer', a.headers.preflight), headerBlock('On the actual response', a.headers.actual)].filter(Boolean).join('\n\n');
	if (fix) add('The fix: the server must send', fix);
	if (a.steps.length) add('Steps', a.steps.map((s, i) => `${i + 1}. ${s}`).join('\n'));
	if (a.traps.length) add('If it still fails after the fix', a.traps.map((t) => `- ${t}`).join('\n'));
	const label = (FAILURE_LABELS as Record<string, string>)[code] ?? EXTRA_TITLES[code] ?? code;
	return {
		file: 'source/explain/advice.ts',
		id: code,
		title: label.charAt(0).toUpperCase() + label.slice(1),
		group: 'errors',
		aliases: ALIASES[code] ?? [],
		summary: a.explanation,
		sections,
		sources: a.sources,
		lessons: LESSON_FOR[code] ? [LESSON_FOR[code] as string] : [],
	};
}

export const errorTopics = (): Topic[] => ERROR_CODES.map(errorTopic);
