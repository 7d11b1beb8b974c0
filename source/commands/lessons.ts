// `cors-tutor lessons [check] [--json]`: the curriculum with completion marks, as JSON, or
// proven exercise by exercise.

import { parseCommand } from '../cli/parse.js';
import { type FlagSpec, flagHelp } from '../cli/usage.js';
import { UsageError } from '../cli/usage.js';
import { checkCurriculum } from '../content/check.js';
import { CurriculumError, loadCurriculum } from '../content/load.js';
import { exercisesOf } from '../content/markdown.js';
import { isSolved } from '../progress/progress.js';
import { loadProgress, progressFile } from '../progress/store.js';
import { ANSI, PLAIN, colorEnabled } from '../render/color.js';

const FLAGS = {
	json: { type: 'boolean', description: 'Print the curriculum as JSON: [{id, title, exercises: [{id, kind}]}]' },
	lessonsDir: { type: 'string', description: 'Read lessons from this folder instead of the built-in curriculum' },
	color: { type: 'boolean', description: 'Use --no-color for plain output' },
} satisfies Record<string, FlagSpec>;

export const HELP = `
  The lessons, with what you have completed; or a proof that every exercise works.

  Examples
    $ cors-tutor lessons
    $ cors-tutor lessons --json
    $ cors-tutor lessons check
    $ cors-tutor learn            (opens the lesson player)

  Usage
    $ cors-tutor lessons [check] [options]

  Options
${flagHelp(FLAGS)}

  "check" validates every lesson file and proves every exercise: its scenario runs, its
  answer key (computed by the simulation core) is unambiguous, the reference answer passes
  and a plausible wrong answer fails. Exit codes: 0 ok, 1 problems found, 2 usage error.
`;

export async function lessons(argv: readonly string[], version: string): Promise<number> {
	const cli = parseCommand('lessons', HELP, FLAGS, argv, version);
	const flags = cli.flags as { json?: boolean; lessonsDir?: string; color?: boolean };
	const [sub, ...extra] = cli.input;
	if (sub !== undefined && sub !== 'check') throw new UsageError(`unknown lessons command "${sub}"`, 'use "cors-tutor lessons" or "cors-tutor lessons check"');
	if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
	let curriculum;
	try {
		curriculum = loadCurriculum(flags.lessonsDir);
	} catch (e) {
		if (!(e instanceof CurriculumError)) throw e;
		for (const err of e.errors) for (const p of err.problems) process.stderr.write(`error: ${err.file}: ${p}\n`);
		return 1;
	}
	const c = colorEnabled({ flag: flags.color, isTTY: process.stdout.isTTY === true, env: process.env }) ? ANSI : PLAIN;

	if (sub === 'check') {
		const { exercises, problems } = checkCurriculum(curriculum);
		if (flags.json) process.stdout.write(`${JSON.stringify({ lessons: curriculum.lessons.length, exercises, problems }, null, 2)}\n`);
		else {
			for (const p of problems) process.stderr.write(`error: ${p.file}: exercise "${p.exercise}": ${p.problem}\n`);
			const kinds = new Set(curriculum.lessons.flatMap((l) => exercisesOf(l).map((x) => x.kind)));
			const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
			process.stdout.write(`${problems.length ? c.red('✗') : c.green('✓')} ${n(curriculum.lessons.length, 'lesson')}, ${n(exercises, 'exercise')} of ${n(kinds.size, 'kind')}: ${problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'}` : 'every reference answer passes and a wrong answer fails'}\n`);
		}
		return problems.length ? 1 : 0;
	}

	if (flags.json) {
		const out = curriculum.lessons.map((l) => ({ id: l.id, number: l.number, title: l.title, exercises: exercisesOf(l).map((x) => ({ id: x.id, kind: x.kind })) }));
		process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
		return 0;
	}
	const { progress, warning } = loadProgress(progressFile());
	if (warning) process.stderr.write(`warning: ${warning}\n`);
	let done = 0;
	for (const l of curriculum.lessons) {
		const xs = exercisesOf(l);
		const solved = xs.filter((x) => isSolved(progress, x.id)).length;
		const complete = xs.length > 0 && solved === xs.length;
		if (complete) done++;
		const mark = complete ? c.green('✓') : solved > 0 ? c.yellow('◐') : ' ';
		process.stdout.write(`${mark} ${String(l.number).padStart(2, '0')} ${l.title.padEnd(52)} ${c.dim(`${solved}/${xs.length}  ${l.id}`)}\n`);
	}
	process.stdout.write(`\n${done} of ${curriculum.lessons.length} lessons complete. Open one with: cors-tutor learn <id>\n`);
	return 0;
}
