// The built binary in a real pseudo-terminal (tmux): open the sandbox, load a preset, step
// through the exchange, go home and quit; Ctrl+C exits 130. Each test has its own session and
// kills only that one.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
	const name = `cors-tutor-sandbox-e2e-${process.pid}-${Date.now()}-${counter++}`;
	// CI would make Ink print only the final frame; the shell stays to report the exit code.
	tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', `cd '${ROOT}' && env -u CI TERM=xterm-256color node '${bin}' ${args}; echo EXIT=$?; sleep 30`);
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

describe('cors-tutor sandbox in a terminal', () => {
	test('loads a preset and steps through it, message by message', async () => {
		const t = open('sandbox');
		await until(t, 'Presets: common failures');
		await send(t, 'Down', '❯ ✗ Wildcard origin with credentials');
		await send(t, 'Down', '❯ ✗ DELETE not in Access-Control-Allow-Methods');
		await send(t, 'Enter', 'Loaded preset "DELETE not in Access-Control-Allow-Methods"');
		let s = await send(t, 'Right', 'fetch DELETE http://api.test/items/7');
		expect(s).toContain('Chromium · t = 0 s · 1/');
		s = await send(t, 'Right', 'a preflight is needed: DELETE is not a CORS-safelisted method');
		s = await send(t, 'Right', 'lookup: miss');
		s = await send(t, 'Right', 'preflight OPTIONS http://api.test/items/7');
		expect(s).toContain('access-control-request-method: DELETE');
		s = await send(t, 'Right', '204 No Content');
		expect(s).toContain('Access-Control-Allow-Methods: GET, POST, PUT');
		s = await send(t, 'Enter', 'End of the exchange');
		expect(s).toMatch(/method allowed: .*DELETE/);
		expect(s).toContain('console: Access to fetch at');
		expect(s).toContain('fetch() fails: the page gets a network error');
		s = await send(t, 'Left', 'more message to come');
		expect(s).toContain('fetch() rejects: TypeError: Failed to fetch');
		// The frame stays below the terminal's height: the title line is still on screen.
		expect(s.split('\n').some((l) => l.startsWith('Sandbox · DELETE not in Access-Control-Allow-Methods'))).toBe(true);
		await send(t, 'Escape', 'cors-tutor — Cross-Origin Resource Sharing');
		await send(t, 'q', 'EXIT=0');
	});

	test('a scenario file on the command line; Ctrl+C exits 130', async () => {
		const t = open('sandbox test/fixtures/oracle/scenarios/cache-max-age-3-fresh.json');
		await until(t, 'Sandbox · Max-Age 3 and a 1 s wait: cached');
		await sendFirst(t, 'Enter', 'End of the exchange');
		await send(t, 'b', 'Firefox · t =');
		await send(t, 'C-c', 'EXIT=130');
	});

	test('a bad scenario file is refused before the terminal UI starts (exit 1)', async () => {
		const t = open('sandbox package.json');
		const s = await until(t, 'EXIT=1');
		expect(s).toContain('error: ');
		expect(s).toContain('package.json');
	});
});
