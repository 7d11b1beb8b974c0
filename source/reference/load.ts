// The reference: every lessons/reference/<id>.md topic plus the generated error topics,
// cross-checked (unique ids and aliases), and looked up by id, alias or title.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../input/json.js';
import { errorTopics } from './errors.js';
import { DIRECTIONS, GROUPS, type Section, type Topic, parseTopic, slug } from './topic.js';

export interface Reference {
	readonly dir: string;
	/** Grouped in GROUPS order; within a group, in file order. */
	readonly topics: readonly Topic[];
}

export class ReferenceError extends Error {
	constructor(readonly errors: readonly InputError[]) {
		super(errors.map((e) => e.message).join('\n'));
	}
}

/** Load and validate every topic in `dir` (none if it does not exist); all problems together. */
export function loadReference(dir: string): Reference {
	const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort() : [];
	const topics: Topic[] = [];
	const errors: InputError[] = [];
	for (const f of files) {
		try {
			topics.push(parseTopic(f, join(dir, f), readFileSync(join(dir, f), 'utf8')));
		} catch (e) {
			if (e instanceof InputError) errors.push(e);
			else throw e;
		}
	}
	topics.push(...errorTopics());
	const seen = new Map<string, string>();
	for (const t of topics)
		for (const name of new Set([t.id, ...t.aliases])) {
			const other = seen.get(name);
			if (other && other !== t.id) errors.push(new InputError(t.file, [`"${name}" (id or alias of ${t.id}) is also an id or alias of ${other}; they must be unique`]));
			else seen.set(name, t.id);
		}
	if (errors.length) throw new ReferenceError(errors);
	// By group; headers in the order they travel (request, preflight, answer, response).
	const rank = (t: Topic) => GROUPS.indexOf(t.group) * 10 + (t.direction ? DIRECTIONS.indexOf(t.direction) : 0);
	topics.sort((a, b) => rank(a) - rank(b));
	return { dir, topics };
}

/** What a reader may type, reduced to one form: "Access-Control-Allow-Origin", "allow origin" → kebab. */
export const normalise = (s: string): string => slug(s);

export function findTopic(ref: Reference, wanted: string): Topic | undefined {
	const w = normalise(wanted);
	return ref.topics.find((t) => t.id === w || t.aliases.includes(w) || slug(t.title) === w);
}

export function findSection(ref: Reference, topicId: string, sectionId: string): Section | undefined {
	return ref.topics.find((t) => t.id === topicId)?.sections.find((s) => s.id === sectionId);
}

function distance(a: string, b: string): number {
	const d = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let prev = d[0] as number;
		d[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const cur = d[j] as number;
			d[j] = Math.min((d[j] as number) + 1, (d[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
			prev = cur;
		}
	}
	return d[b.length] as number;
}

/** Topic ids close to `wanted`: names containing it (or contained in it), then small edit distances. */
export function closeMatches(ref: Reference, wanted: string, max = 5): string[] {
	const w = normalise(wanted);
	if (w === '') return [];
	const scored = ref.topics.map((t) => {
		const names = [t.id, ...t.aliases, slug(t.title)];
		const contains = names.some((n) => n.includes(w) || (w.length >= 4 && w.includes(n)));
		const d = Math.min(...names.map((n) => distance(w, n)));
		return { id: t.id, contains, d };
	});
	return scored.filter((s) => s.contains || s.d <= Math.max(2, Math.floor(w.length / 3))).sort((a, b) => a.d - b.d).slice(0, max).map((s) => s.id);
}
