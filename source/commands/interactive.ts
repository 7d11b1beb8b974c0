// The interactive commands: the home screen (no arguments) and `learn [lesson]`. Ink is
// loaded only here, and only when stdin and stdout are terminals and TERM is not dumb.

import { UsageError } from '../cli/usage.js';
import { colorEnabled } from '../render/color.js';

export function isInteractiveTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
	return process.stdin.isTTY === true && process.stdout.isTTY === true && env.TERM !== 'dumb';
}

const INSTEAD = `cors-tutor needs an interactive terminal for this (stdin and stdout must be a terminal, and TERM not "dumb").
Non-interactive commands work anywhere:
  cors-tutor lessons             list the lessons and your progress
  cors-tutor lessons --json      the curriculum as JSON
  cors-tutor simulate FILE       run a scenario and print the trace
  cors-tutor explain "MESSAGE"   explain a console error
  cors-tutor --help              everything else
`;

async function start(screen: Parameters<typeof import('../app/run.js')['runApp']>[0], flags: { color?: boolean }): Promise<number> {
	if (!isInteractiveTerminal()) {
		process.stderr.write(INSTEAD);
		return 2;
	}
	const color = colorEnabled({ flag: flags.color, isTTY: true, env: process.env });
	// chalk (inside Ink) reads FORCE_COLOR, not NO_COLOR: decide before it loads.
	if (!color) process.env.FORCE_COLOR = '0';
	// Keys typed while the app starts are kept for it, not echoed over the first frame: the
	// terminal goes raw now, and stdin (paused) holds them until the app reads (keys-apart.ts).
	process.stdin.setRawMode(true);
	// The curriculum loads on another thread while Ink loads here (see load-soon.ts).
	const { loadCurriculumSoon } = await import('../content/load-soon.js');
	const curriculum = loadCurriculumSoon();
	curriculum.catch(() => {});
	const { runApp, LessonNotFound } = await import('../app/run.js');
	const { CurriculumError } = await import('../content/curriculum.js');
	try {
		return await runApp(screen, { color, curriculum: await curriculum });
	} catch (e) {
		if (e instanceof LessonNotFound) throw new UsageError(`no lesson "${e.wanted}"`, `lessons: ${e.ids.join(', ')}`);
		if (e instanceof CurriculumError) {
			for (const err of e.errors) for (const p of err.problems) process.stderr.write(`error: ${err.file}: ${p}\n`);
			return 1;
		}
		throw e;
	} finally {
		process.stdin.setRawMode(false);
	}
}

export const home = (flags: { color?: boolean }) => start({ name: 'home' }, flags);

export async function learn(argv: readonly string[]): Promise<number> {
	const color = argv.includes('--no-color') ? false : undefined;
	const rest = argv.filter((a) => a !== '--no-color' && a !== '--color');
	const unknown = rest.find((a) => a.startsWith('-'));
	if (unknown === '--help' || unknown === '-h') {
		process.stdout.write(`
  Open the lesson player: where you left off, or at a lesson.

  Examples
    $ cors-tutor learn
    $ cors-tutor learn preflight
    $ cors-tutor learn 3

  Usage
    $ cors-tutor learn [lesson-id | number] [--no-color]

  See the lessons with: cors-tutor lessons
`);
		return 0;
	}
	if (unknown) throw new UsageError(`unknown flag ${unknown} for "learn"`, 'valid flags: --no-color, --help');
	if (rest.length > 1) throw new UsageError(`learn takes one lesson, not ${rest.length}`, 'example: cors-tutor learn preflight');
	return start({ name: 'learn', ...(rest[0] ? { lesson: rest[0] } : {}) }, color === false ? { color } : {});
}

export async function sandbox(argv: readonly string[]): Promise<number> {
	const color = argv.includes('--no-color') ? false : undefined;
	const rest = argv.filter((a) => a !== '--no-color' && a !== '--color');
	const unknown = rest.find((a) => a.startsWith('-'));
	if (unknown === '--help' || unknown === '-h') {
		process.stdout.write(`
  Build requests and a server, then watch the modelled browser, its preflight cache and the
  server exchange messages one step at a time, on a virtual clock you move.

  Examples
    $ cors-tutor sandbox
    $ cors-tutor sandbox scenario.json

  Usage
    $ cors-tutor sandbox [scenario.json] [--no-color]

  Without a file it opens the presets (common failures and working setups). Scenario files
  are the format of cors-tutor simulate; the sandbox saves them too (key w).
`);
		return 0;
	}
	if (unknown) throw new UsageError(`unknown flag ${unknown} for "sandbox"`, 'valid flags: --no-color, --help');
	if (rest.length > 1) throw new UsageError(`sandbox takes one scenario file, not ${rest.length}`, 'example: cors-tutor sandbox scenario.json');
	let file: string | undefined;
	if (rest[0] !== undefined) {
		// Check the file before the terminal UI starts: a bad file is exit 1 with its JSON path.
		const [{ resolve }, { loadScenarioFile }] = await Promise.all([import('node:path'), import('../scenario/load.js')]);
		file = resolve(rest[0]);
		loadScenarioFile(file);
	}
	return start({ name: 'sandbox', ...(file ? { file } : {}) }, color === false ? { color } : {});
}

export async function build(argv: readonly string[]): Promise<number> {
	const color = argv.includes('--no-color') ? false : undefined;
	const rest = argv.filter((a) => a !== '--no-color' && a !== '--color');
	const unknown = rest.find((a) => a.startsWith('-'));
	if (unknown === '--help' || unknown === '-h') {
		process.stdout.write(`
  Build a CORS policy field by field: see the lint's warnings, the response headers it gives a
  sample request (preflight and actual) and the configuration for a server, all live.

  Examples
    $ cors-tutor build
    $ cors-tutor build policy.json

  Usage
    $ cors-tutor build [policy.json] [--no-color]

  Without a file it starts from a starter policy. w saves the policy file (the format of
  cors-tutor generate --policy), g saves the generated configuration.
`);
		return 0;
	}
	if (unknown) throw new UsageError(`unknown flag ${unknown} for "build"`, 'valid flags: --no-color, --help');
	if (rest.length > 1) throw new UsageError(`build takes one policy file, not ${rest.length}`, 'example: cors-tutor build policy.json');
	let file: string | undefined;
	let policy: import('../policy/model.js').Policy | undefined;
	if (rest[0] !== undefined) {
		// Check the file before the terminal UI starts: a bad file is exit 1 with its JSON path.
		const [{ resolve }, { readFileSync }, { parsePolicyText }, { InputError }] = await Promise.all([import('node:path'), import('node:fs'), import('../policy/schema.js'), import('../input/json.js')]);
		file = resolve(rest[0]);
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch (e) {
			const code = (e as NodeJS.ErrnoException).code;
			throw new InputError(file, [code === 'ENOENT' ? 'no such file or directory' : `cannot read it (${code ?? 'error'})`]);
		}
		policy = parsePolicyText(text, file);
	}
	return start({ name: 'builder', ...(file ? { file } : {}), ...(policy ? { policy } : {}) }, color === false ? { color } : {});
}

export async function debug(argv: readonly string[]): Promise<number> {
	if (argv.includes('--help') || argv.includes('-h')) {
		process.stdout.write(`
  Open the Debugger: paste a CORS error from the browser console and get the cause, the fix,
  the configuration for your server and the lesson that teaches it.

  Examples
    $ cors-tutor debug

  Usage
    $ cors-tutor debug [--no-color]

  Outside a terminal, or to script it: cors-tutor explain "<message>" (see its --help).
`);
		return 0;
	}
	const unknown = argv.find((a) => a !== '--no-color' && a !== '--color');
	if (unknown) throw new UsageError(unknown.startsWith('-') ? `unknown flag ${unknown} for "debug"` : 'debug takes no message: paste it in the Debugger', `valid flags: --no-color, --help${unknown.startsWith('-') ? '' : `; or run cors-tutor explain "<message>"`}`);
	return start({ name: 'debugger' }, argv.includes('--no-color') ? { color: false } : {});
}
