// The player's keymap: the one place that turns keys into actions. While a text field has the
// keyboard, only Esc, Tab and Backspace-on-empty are ours; everything else belongs to the field.

import type { Key } from 'ink';
import type { Answer, Prompt } from '../../../grading/types.js';
import { type Draft, type Page, type PlayerState, answerOf, pageReference } from './state.js';

export type Effect =
	| { readonly type: 'next' }
	| { readonly type: 'prev' }
	| { readonly type: 'back' }
	| { readonly type: 'quit' }
	| { readonly type: 'scroll'; readonly by: number }
	| { readonly type: 'draft'; readonly draft: Partial<Draft> }
	| { readonly type: 'hint' }
	| { readonly type: 'submit'; readonly answer: Answer }
	| { readonly type: 'solution' }
	| { readonly type: 'trace' }
	/** Open the reference topic the page embeds. */
	| { readonly type: 'reference' }
	| { readonly type: 'none' };

const NONE: Effect = { type: 'none' };

export function onKey(input: string, key: Key, s: PlayerState, page: Page | undefined, prompt: Prompt | null, page_height: number): Effect {
	const d = s.draft;
	if (key.pageDown) return { type: 'scroll', by: page_height - 1 };
	if (key.pageUp) return { type: 'scroll', by: -(page_height - 1) };
	if (d.typing) {
		if (key.escape) return { type: 'draft', draft: { typing: false } };
		if (key.tab && prompt?.type === 'headers' && prompt.preflight && prompt.response)
			return { type: 'draft', draft: { section: d.section === 'preflight' ? 'response' : 'preflight' } };
		if ((key.backspace || key.delete) && d.text === '' && prompt?.type === 'headers') {
			// Backspace on an empty line takes back the last header line.
			const section = prompt.preflight && (d.section === 'preflight' || !prompt.response) ? 'preflight' : 'response';
			const list = section === 'preflight' ? d.preflight : d.response;
			return { type: 'draft', draft: { [section]: list.slice(0, -1) } };
		}
		return NONE;
	}
	if (key.escape) return { type: 'back' };
	if (input === 'q') return { type: 'quit' };
	if (input === 'r' && pageReference(page)) return { type: 'reference' };
	if (key.leftArrow) return { type: 'prev' };
	if (key.rightArrow) return { type: 'next' };
	if (page?.type !== 'exercise' || !prompt) return key.return || input === ' ' ? { type: 'next' } : key.downArrow ? { type: 'scroll', by: 1 } : key.upArrow ? { type: 'scroll', by: -1 } : NONE;

	if (s.grade?.correct) return key.return ? { type: 'next' } : input === 't' ? { type: 'trace' } : NONE;
	if (input === 'h' || input === '?') return { type: 'hint' };
	if (input === 's' && s.misses >= 2) return { type: 'solution' };
	if (input === 't' && s.grade?.run) return { type: 'trace' };

	const count = prompt.type === 'choice' || prompt.type === 'multi' ? prompt.options.length
		: prompt.type === 'order' ? prompt.items.length
		: prompt.type === 'yes-no' ? 2
		: prompt.type === 'outcome' ? (d.blocked ? prompt.reasons.length : 2) : 0;
	if (count > 0 && key.upArrow) return { type: 'draft', draft: { cursor: (d.cursor + count - 1) % count } };
	if (count > 0 && key.downArrow) return { type: 'draft', draft: { cursor: (d.cursor + 1) % count } };

	switch (prompt.type) {
		case 'yes-no':
			if (input === 'y') return submit(prompt, d, 0);
			if (input === 'n') return submit(prompt, d, 1);
			return key.return ? submit(prompt, d, d.cursor) : NONE;
		case 'choice':
			return key.return ? submit(prompt, d, d.cursor) : /^[1-9]$/.test(input) && Number(input) <= count ? submit(prompt, d, Number(input) - 1) : NONE;
		case 'multi':
			if (input === ' ') return { type: 'draft', draft: { selected: d.selected.includes(d.cursor) ? d.selected.filter((x) => x !== d.cursor) : [...d.selected, d.cursor] } };
			return key.return ? submit(prompt, d) : NONE;
		case 'order': {
			if (key.backspace || key.delete) return { type: 'draft', draft: { selected: d.selected.slice(0, -1) } };
			if (!key.return || d.selected.includes(d.cursor)) return NONE;
			const selected = [...d.selected, d.cursor];
			if (selected.length === prompt.items.length) return { type: 'submit', answer: { type: 'order', order: selected } };
			const next = prompt.items.findIndex((_, i) => !selected.includes(i));
			return { type: 'draft', draft: { selected, cursor: next < 0 ? 0 : next } };
		}
		case 'outcome':
			if (!key.return) return NONE;
			if (!d.blocked) {
				if (d.cursor === 0) return { type: 'submit', answer: { type: 'outcome', allowed: true } };
				return prompt.reasons.length ? { type: 'draft', draft: { blocked: true, cursor: 0 } } : { type: 'submit', answer: { type: 'outcome', allowed: false } };
			}
			return submit(prompt, d, d.cursor);
		case 'number':
		case 'headers':
			return key.return ? { type: 'draft', draft: { typing: true } } : NONE;
	}
}

function submit(prompt: Prompt, d: Draft, choose?: number): Effect {
	const answer = answerOf(prompt, d, choose);
	return answer ? { type: 'submit', answer } : NONE;
}
