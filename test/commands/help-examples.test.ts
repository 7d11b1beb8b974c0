// Every example in every command's --help does what it says: run from a folder holding the
// files the examples name (scenario.json, scenarios/, policy.json, session.har). Interactive commands,
// without a terminal, say what to run instead (exit 2); live network examples are left to the
// check, audit and verify tests, which run against loopback servers.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const INTERACTIVE = new Set(['sandbox', 'build', 'learn', 'debug']);

/** Shell words of one example line: quotes removed, a trailing pipe, redirection, comment or "(note)" dropped. */
function words(line: string): string[] {
	const cmd = line.replace(/^\s*\$ cors-tutor\s*/, '').replace(/\s{2,}(#|\().*$/, '').replace(/\s\|\s.*$/, '').replace(/\s>\s*\S+$/, '');
	const out: string[] = [];
	for (const m of cmd.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
	return out;
}

function examples(command: string): string[][] {
	const help = runCli([command, '--help']).stdout;
	const block = help.slice(help.indexOf('Examples'), help.indexOf('Usage'));
	return block.split('\n').filter((l) => l.includes('$ cors-tutor')).map(words).filter((w) => w[0] === command);
}

function workdir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'cors-tutor-examples-'));
	const scenarios = join(ROOT, 'test/fixtures/oracle/scenarios');
	const some = readdirSync(scenarios).filter((f) => f.endsWith('.json')).slice(0, 3);
	cpSync(join(scenarios, some[0] as string), join(dir, 'scenario.json'));
	mkdirSync(join(dir, 'scenarios'));
	for (const f of some) cpSync(join(scenarios, f), join(dir, 'scenarios', f));
	cpSync(join(ROOT, 'test/fixtures/har/chrome-export.har'), join(dir, 'session.har'));
	writeFileSync(join(dir, 'policy.json'), JSON.stringify({ origins: ['https://app.example.com'], methods: ['GET', 'PUT'], allowHeaders: ['Content-Type'], credentials: true, maxAge: 600 }));
	return dir;
}

const COMMANDS = ['simulate', 'generate', 'sandbox', 'build', 'learn', 'lessons', 'explain', 'debug', 'check', 'har', 'audit', 'verify', 'ref'];

describe.each(COMMANDS)('cors-tutor %s --help', (command) => {
	const list = examples(command);
	test('leads with examples', () => {
		expect(list.length).toBeGreaterThan(0);
	});
	// check, audit and verify probe the URL they are given: those examples need the network.
	const offline = list.filter((w) => command !== 'verify' && !((command === 'check' || command === 'audit') && (/^https?:\/\//.test(w[1] ?? '') || w[1] === 'curl')));
	test.skipIf(offline.length === 0).each(offline.map((w) => [w.join(' '), w] as const))('%s', (_, args) => {
		const cwd = workdir();
		const r = runCli(args, { cwd });
		expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
		if (INTERACTIVE.has(command)) {
			expect(r.code).toBe(2);
			expect(r.stderr + r.stdout).toMatch(/terminal/i);
		} else {
			// 1 is a verdict (a blocked scenario, a finding), never a usage error (2).
			expect([0, 1]).toContain(r.code);
			// Output goes to stdout, or to the file or folder named by --out.
			const out = args.indexOf('--out');
			if (out < 0) expect(r.stdout.length).toBeGreaterThan(0);
			else expect(readdirSync(cwd)).toContain((args[out + 1] ?? '').replace(/\/$/, ''));
		}
	});
});

test('cors-tutor --help lists every command under its group, and every line fits 100 columns', () => {
	const help = runCli(['--help']).stdout;
	for (const group of ['Fix a CORS error', 'Learn', 'Build and simulate']) expect(help).toContain(`\n${group}\n`);
	for (const c of COMMANDS) expect(help).toMatch(new RegExp(`\\n  ${c} +\\S`));
	expect(help.split('\n').filter((l) => l.length > 100)).toEqual([]);
});
