// `cors-tutor ref [topic]`: the reference as plain text. Every header, the preflight flow,
// the common errors (from the explain advice), CORS vs CSP and the FAQ.

import { parseCommand } from '../cli/parse.js';
import { type FlagSpec, UsageError, flagHelp } from '../cli/usage.js';
import { CurriculumError, loadCurriculum } from '../content/load.js';
import { ANSI, PLAIN, colorEnabled } from '../render/color.js';
import { closeMatches, findTopic } from '../reference/load.js';
import { listLines, topicLines } from '../reference/render.js';
import { DIRECTION_TEXT, type Topic } from '../reference/topic.js';

const FLAGS = {
	json: { type: 'boolean', description: 'Print the topic (or, without one, every topic) as JSON: {id, title, group, aliases, direction, summary, sections, sources, lessons}' },
	color: { type: 'boolean', description: 'Use --no-color for plain output' },
} satisfies Record<string, FlagSpec>;

export const HELP = `
  The CORS reference: every header, the preflight flow, the common errors and their fixes,
  CORS vs CSP, and the FAQ.

  Examples
    $ cors-tutor ref                          (every topic, by group)
    $ cors-tutor ref acao
    $ cors-tutor ref Access-Control-Max-Age
    $ cors-tutor ref preflight
    $ cors-tutor ref missing-allow-origin --json

  Usage
    $ cors-tutor ref [topic] [options]

  Options
${flagHelp(FLAGS)}

  A topic is named by its id, an alias (acao, allow-origin) or the header's name, in any
  letter case. Exit codes: 0 ok, 1 the reference files have errors, 2 usage error or
  unknown topic.
`;

const json = (t: Topic) => ({
	id: t.id, title: t.title, group: t.group, aliases: t.aliases,
	...(t.direction ? { direction: t.direction, directionText: DIRECTION_TEXT[t.direction] } : {}),
	summary: t.summary,
	sections: t.sections.map((s) => ({ id: s.id, title: s.title, markdown: s.markdown })),
	sources: t.sources, lessons: t.lessons,
});

export async function ref(argv: readonly string[], version: string): Promise<number> {
	const cli = parseCommand('ref', HELP, FLAGS, argv, version);
	const flags = cli.flags as { json?: boolean; color?: boolean };
	let curriculum;
	try {
		curriculum = loadCurriculum();
	} catch (e) {
		if (!(e instanceof CurriculumError)) throw e;
		for (const err of e.errors) for (const p of err.problems) process.stderr.write(`error: ${err.file}: ${p}\n`);
		return 1;
	}
	const reference = curriculum.reference ?? { dir: '', topics: [] };
	const c = colorEnabled({ flag: flags.color, isTTY: process.stdout.isTTY === true, env: process.env }) ? ANSI : PLAIN;
	const width = process.stdout.isTTY && process.stdout.columns ? Math.max(40, Math.min(process.stdout.columns, 100)) : 80;
	const wanted = cli.input.join(' ').trim();

	if (wanted === '') {
		if (flags.json) process.stdout.write(`${JSON.stringify(reference.topics.map(json), null, 2)}\n`);
		else process.stdout.write(`${[...listLines(reference.topics, width, c), `Open one with: cors-tutor ref <topic>   (e.g. cors-tutor ref acao)`].join('\n')}\n`);
		return 0;
	}
	const topic = findTopic(reference, wanted);
	if (!topic) {
		const close = closeMatches(reference, wanted);
		throw new UsageError(`no reference topic "${wanted}"`, `${close.length ? `did you mean: ${close.join(', ')}? ` : ''}cors-tutor ref lists every topic`);
	}
	if (flags.json) {
		process.stdout.write(`${JSON.stringify(json(topic), null, 2)}\n`);
		return 0;
	}
	process.stdout.write(`${topicLines(topic, width, c, curriculum.lessons).join('\n')}\n`);
	return 0;
}
