// The built binary in a real pseudo-terminal (tmux): open the policy builder on a policy file
// at 80×24, switch panels, and leave with Ctrl+C (exit 130); a bad policy file is refused
// before the terminal UI starts. Each test has its own session and kills only that one.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// `npm run build` empties dist/ first; a copy of the build keeps other test runs that rebuild
// from pulling it away mid-test. It sits under the package root, where cli.js finds lessons/.
let bin = '';

const sessions: string[] = [];
let counter = 0;

function tmux(...args: string[]): string {
	return execFileSync('tmux', args, { encoding: 'utf8' });
}

function open(args: string): string {
	const name = `cors-tutor-builder-e2e-${process.pid}-${Date.now()}-${counter++}`;
	// CI would make Ink print only the final frame; the shell stays to report the exit code.
	tmux('new-session', '-d', '-s', name, '-x', '80', '-y', '24', `cd '${ROOT}' && env -u CI TERM=xterm-256color node '${bin}' ${args}; echo EXIT=$?; sleep 30`);
	sessions.push(name);
	return name;
}

const screen = (name: string): string => tmux('capture-pane', '-p', '-t', name);

async function until(name: string, text: string | RegExp, ms = 20_000): Promise<string> {
	const deadline = Date.now() + ms;
	for (;;) {
		const s = screen(name);
		if (typeof text === 'string' ? s.includes(text) : text.test(s)) return s;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; the screen was:\n${s}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

async function send(name: string, key: string, expect: string | RegExp): Promise<string> {
	tmux('send-keys', '-t', name, key);
	return until(name, expect);
}

/**
 * The first key after start-up can arrive before Ink listens to the terminal (its input hook
 * subscribes just after the first frame): send an idempotent key again until it takes effect.
 */
async function sendFirst(name: string, key: string, expect: string | RegExp): Promise<string> {
	for (let attempt = 0; ; attempt++) {
		tmux('send-keys', '-t', name, key);
		try {
			return await until(name, expect, 3_000);
		} catch (e) {
			if (attempt >= 5) throw e;
		}
	}
}

beforeAll(() => {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
	const copy = mkdtempSync(join(ROOT, 'node_modules/.cache/cors-tutor-e2e-'));
	cpSync(join(ROOT, 'dist'), copy, { recursive: true });
	bin = join(copy, 'cli.js');
}, 120_000);

afterAll(() => {
	if (bin) rmSync(join(bin, '..'), { recursive: true, force: true });
});

afterEach(() => {
	for (const s of sessions.splice(0)) {
		try {
			tmux('kill-session', '-t', s);
		} catch {
			// already gone
		}
	}
});

describe('cors-tutor build in a terminal', () => {
	test('opens a policy file; Ctrl+C exits 130', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'cors-tutor-build-e2e-')), 'policy.json');
		writeFileSync(file, JSON.stringify({ origins: ['https://app.example.com'], methods: ['GET', 'PUT'], credentials: true, maxAge: 600 }));
		const t = open(`build '${file}'`);
		let s = await until(t, 'Origins: https://app.example.com  —  Enter edits it');
		expect(s).toContain(`Policy builder · ${file}`.slice(0, 40));
		expect(s).toContain('Access-Control-Allow-Credentials: true');
		// The frame stays below the terminal's height: the title line is still the first line.
		expect(s.split('\n')[0]).toMatch(/^Policy builder · /);
		s = await sendFirst(t, 'Tab', /\[(Lint|Config)/);
		await send(t, 'C-c', 'EXIT=130');
	});

	test('a bad policy file is refused before the terminal UI starts (exit 1)', async () => {
		const t = open('build package.json');
		const s = await until(t, 'EXIT=1');
		expect(s).toContain('error: ');
		expect(s).toContain('package.json');
		expect(s).toContain('origins: origins is "*"');
	});
});
