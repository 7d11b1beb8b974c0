// Interactive commands outside a terminal (piped stdin or stdout, TERM=dumb): exit 2 and say
// what to run instead; never Ink's "Raw mode is not supported".
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { Terminal, installedCopy, requireTmux, sh } from './tmux.js';

const INSTEAD = /needs an interactive terminal[\s\S]*cors-tutor lessons {2,}list the lessons/;

describe('piped stdin (spawned with pipes)', () => {
	test.each([[['learn']], [['learn', 'origins']], [[]], [['--no-color']]])('cors-tutor %j: exit 2, what to run instead', (args) => {
		const r = runCli(args, { input: 'q\n' });
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(INSTEAD);
		expect(r.stderr + r.stdout).not.toMatch(/Raw mode/i);
	});

	test('bare cors-tutor also prints the help on stdout', () => {
		const r = runCli([]);
		expect(r.stdout).toContain('Usage');
		expect(r.stdout).toContain('cors-tutor <command> [options]');
	});
});

describe('in a terminal, but not an interactive one', () => {
	test('TERM=dumb, stdout piped, stdin piped: exit 2 with the advice', async () => {
		requireTmux();
		const bin = `${sh(process.execPath)} ${sh(installedCopy())}`;
		// [what, the command line, its environment]; "CLI=" reports the binary's own status, even in a pipeline.
		const cases: [string, string, Record<string, string>][] = [
			['learn, TERM=dumb', `( ${bin} learn; echo "CLI=$?" ) 2>&1`, { TERM: 'dumb' }],
			['home, TERM=dumb', `( ${bin}; echo "CLI=$?" ) 2>&1`, { TERM: 'dumb' }],
			['learn, stdout piped', `( ${bin} learn; echo "CLI=$?" ) 2>&1 | cat`, {}],
			['home, stdin piped', `( echo q | ${bin}; echo "CLI=$?" ) 2>&1`, {}],
		];
		for (const [what, command, env] of cases) {
			const t = new Terminal(command, { width: 100, height: 30, env });
			try {
				const screen = await t.waitFor(/CLI=\d+/);
				expect(screen, what).toMatch(/CLI=2/);
				expect(screen.replace(/\n/g, ' '), what).toMatch(/needs an interactive terminal.*cors-tutor lessons/);
				expect(screen, what).not.toMatch(/Raw mode/i);
			} finally {
				t.kill();
			}
		}
	});
});
