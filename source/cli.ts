#!/usr/bin/env node
// Entry point: decide the command from argv and load only what it needs.

import pkg from '../package.json' with { type: 'json' };
import { UsageError } from './cli/usage.js';
import { InputError } from './input/json.js';

const VERSION: string = pkg.version;

type Command = { summary: string; load: () => Promise<(argv: readonly string[], version: string) => Promise<number>> };

/** Every command, by what people come for; `cors-tutor --help` lists them in this order. */
const GROUPS: readonly (readonly [string, Record<string, Command>])[] = [
	[
		'Fix a CORS error',
		{
			explain: {
				summary: 'Explain a CORS error from the browser console: the cause and the fix',
				load: async () => (await import('./commands/explain.js')).explain,
			},
			debug: {
				summary: 'Open the Debugger: paste a console CORS error, get the cause and the fix',
				load: async () => (await import('./commands/interactive.js')).debug,
			},
			check: {
				summary: 'Send what a browser would send to a real URL: the verdict, the console message, the fix',
				load: async () => (await import('./commands/check.js')).check,
			},
			har: {
				summary: 'Find every CORS failure in a HAR file saved from DevTools, with the cause and fix',
				load: async () => (await import('./commands/har.js')).har,
			},
			audit: {
				summary: 'Probe a URL, or check a policy file, for the CORS misconfigurations attackers use',
				load: async () => (await import('./commands/audit.js')).audit,
			},
		},
	],
	[
		'Learn',
		{
			learn: {
				summary: 'Open the lesson player (where you left off, or at a lesson: cors-tutor learn preflight)',
				load: async () => (await import('./commands/interactive.js')).learn,
			},
			lessons: {
				summary: 'List the lessons with your progress; "lessons check" proves every exercise',
				load: async () => (await import('./commands/lessons.js')).lessons,
			},
			ref: {
				summary: 'The reference: every CORS header, the preflight flow, common errors, CORS vs CSP, FAQ',
				load: async () => (await import('./commands/ref.js')).ref,
			},
		},
	],
	[
		'Build and simulate',
		{
			build: {
				summary: 'Build a CORS policy interactively: live lint, response preview and server configuration',
				load: async () => (await import('./commands/interactive.js')).build,
			},
			generate: {
				summary: 'Turn a CORS policy file into the configuration for a server or platform',
				load: async () => (await import('./commands/generate.js')).generate,
			},
			verify: {
				summary: 'Check that a deployed server answers CORS requests as a policy file says (for CI)',
				load: async () => (await import('./commands/verify.js')).verify,
			},
			sandbox: {
				summary: 'Step through what the browser, its preflight cache and a server you build exchange',
				load: async () => (await import('./commands/interactive.js')).sandbox,
			},
			simulate: {
				summary: 'Run scenario files through a modelled Chromium, Firefox or Safari and show every step',
				load: async () => (await import('./commands/simulate.js')).simulate,
			},
		},
	],
];

const COMMANDS: Record<string, Command> = Object.assign({}, ...GROUPS.map(([, c]) => c));

const HELP = `cors-tutor ${VERSION} — learn, simulate and fix Cross-Origin Resource Sharing

Examples
  $ cors-tutor                       open the course
  $ cors-tutor explain "Access to fetch at … has been blocked by CORS policy: …"
  $ cors-tutor debug                 paste a console error interactively
  $ cors-tutor check https://api.example.com/items --origin https://app.example.com
  $ cors-tutor har session.har       every CORS failure in a HAR saved from DevTools
  $ cors-tutor audit https://api.example.com/me --origin https://app.example.com
  $ cors-tutor audit policy.json --fail-on medium
  $ cors-tutor learn preflight
  $ cors-tutor ref acao
  $ cors-tutor build policy.json
  $ cors-tutor generate --policy policy.json --target nginx
  $ cors-tutor verify policy.json https://api.example.com/items
  $ cors-tutor sandbox scenario.json
  $ cors-tutor simulate scenario.json --browser firefox
  $ cors-tutor simulate scenarios/ --json --out results/

Usage
  $ cors-tutor                   the interactive course (home screen)
  $ cors-tutor <command> [options]
  $ cors-tutor <command> --help

${GROUPS.map(([title, cs]) => `${title}\n${Object.entries(cs).map(([n, c]) => `  ${n.padEnd(10)}${c.summary}`).join('\n')}`).join('\n\n')}

Options
  --help, -h     Show this help
  --version, -v  Show the version
`;

async function main(argv: readonly string[]): Promise<number> {
	const [first, ...rest] = argv;
	if (first === undefined || ((first === '--no-color' || first === '--color') && rest.length === 0)) {
		// No command: the interactive home screen (or, outside a terminal, what to run instead).
		const { home, isInteractiveTerminal } = await import('./commands/interactive.js');
		if (!isInteractiveTerminal()) process.stdout.write(HELP);
		return home(first === '--no-color' ? { color: false } : {});
	}
	if (first === '--help' || first === '-h' || first === 'help') {
		process.stdout.write(HELP);
		return 0;
	}
	if (first === '--version' || first === '-v') {
		process.stdout.write(`${VERSION}\n`);
		return 0;
	}
	const command = COMMANDS[first];
	if (!command) {
		const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
		throw new UsageError(what, `commands: ${Object.keys(COMMANDS).join(', ')}; see cors-tutor --help`);
	}
	return (await command.load())(rest, VERSION);
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(e: unknown) => {
		if (e instanceof UsageError) {
			process.stderr.write(`error: ${e.message}\n${e.hint ? `${e.hint}\n` : ''}`);
			process.exitCode = 2;
		} else if (e instanceof InputError) {
			for (const p of e.problems) process.stderr.write(`error: ${e.file}: ${p}\n`);
			process.exitCode = 1;
		} else {
			const err = e instanceof Error ? e : new Error(String(e));
			process.stderr.write(`internal error: ${err.message}\nThis is a bug in cors-tutor; please report it with the command you ran.\n`);
			if (process.env.CORS_TUTOR_DEBUG) process.stderr.write(`${err.stack ?? ''}\n`);
			process.exitCode = 1;
		}
	},
);
