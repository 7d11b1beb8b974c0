// A real pseudo-terminal for the end-to-end tests: the built binary runs in a tmux pane of a
// given size; keys go in with send-keys, the screen comes out with capture-pane. Each test file
// has its own tmux server (a private socket), each terminal its own session, and a test only
// ever kills the sessions it started. Screens are polled until the expected text appears.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import { ROOT, ensureBuilt } from '../helpers/cli.js';

const SOCKET = `cors-tutor-e2e-${process.pid}`;
let counter = 0;

export function requireTmux(): void {
	const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
	if (r.error || r.status !== 0)
		throw new Error('the end-to-end tests drive the app in a real terminal through tmux, which is not installed: install it (apt-get install tmux, brew install tmux) and run them again');
}

const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });

/** Quote for the pane's POSIX shell. */
export const sh = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A copy of the built package (dist/, package.json, lessons/01-origins.md) in a temp folder:
 * the binary finds its lessons next to package.json as when installed, and lessons still being
 * written in the working tree cannot change what the test sees.
 */
export function installedCopy(lessons: readonly string[] = ['01-origins.md']): string {
	ensureBuilt();
	const dir = mkdtempSync(join(tmpdir(), 'cors-tutor-pkg-'));
	cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
	cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
	mkdirSync(join(dir, 'lessons'));
	for (const l of lessons) cpSync(join(ROOT, 'lessons', l), join(dir, 'lessons', l));
	return join(dir, 'dist', 'cli.js');
}

export interface TerminalOptions {
	readonly width: number;
	readonly height: number;
	/** The environment of the command; nothing else leaks in (TERM defaults to xterm-256color). */
	readonly env?: Record<string, string>;
}

export class Terminal {
	readonly name = `t${process.pid}-${++counter}`;
	private alive = false;

	/** Run `command` (a shell command line) in a fresh terminal; then print EXIT=<status> and stay open. */
	constructor(command: string, readonly opts: TerminalOptions) {
		const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: mkdtempSync(join(tmpdir(), 'cors-tutor-home-')), LANG: 'C.UTF-8', TERM: 'xterm-256color', ...opts.env };
		const script = join(mkdtempSync(join(tmpdir(), 'cors-tutor-cmd-')), 'run.sh');
		writeFileSync(script, `${command}\necho "EXIT=$?"\nexec sleep 86400\n`);
		const line = `env -i ${Object.entries(env).map(([k, v]) => `${k}=${sh(v)}`).join(' ')} /bin/sh ${sh(script)}`;
		tmux('new-session', '-d', '-s', this.name, '-x', String(opts.width), '-y', String(opts.height), line);
		this.alive = true;
		this.socket = tmux('display-message', '-p', '-t', this.name, '#{socket_path}').trim();
	}

	private readonly socket: string;

	/** The pane as text; `escapes` keeps the colour and attribute sequences; `joined` undoes soft wraps. */
	screen(o: { escapes?: boolean; joined?: boolean } = {}): string {
		return tmux('capture-pane', '-p', ...(o.escapes ? ['-e'] : []), ...(o.joined ? ['-J'] : []), '-t', this.name);
	}

	/** Keys by tmux name (Enter, Escape, C-c, BSpace, Down…). */
	keys(...keys: string[]): void {
		tmux('send-keys', '-t', this.name, ...keys);
	}

	/** Text typed literally. */
	type(text: string): void {
		tmux('send-keys', '-t', this.name, '-l', text);
	}

	cursorVisible(): boolean {
		return tmux('display-message', '-p', '-t', this.name, '#{cursor_flag}').trim() === '1';
	}

	/**
	 * Poll the screen every 50 ms until `until` holds on two polls in a row (so the app has
	 * settled, and its key handlers for the new screen are in place, before the next key);
	 * fail with the screen after `timeout`.
	 */
	async waitFor(until: string | RegExp | ((screen: string) => boolean), timeout = 20_000): Promise<string> {
		const test = typeof until === 'function' ? until : typeof until === 'string' ? (s: string) => s.includes(until) : (s: string) => until.test(s);
		const start = Date.now();
		let held = false;
		for (;;) {
			const s = this.screen();
			if (test(s)) {
				if (held) return s;
				held = true;
			} else held = false;
			if (Date.now() - start > timeout) throw new Error(`timed out after ${timeout} ms waiting for ${String(until)}; the screen was:\n${s}`);
			await new Promise((r) => setTimeout(r, 50));
		}
	}

	/** Send keys and wait for the screen to show `until`. */
	async press(key: string, until: string | RegExp, timeout?: number): Promise<string> {
		this.keys(key);
		return this.waitFor(until, timeout);
	}

	/**
	 * The first key after start-up can arrive before Ink listens to the terminal (its input hook
	 * subscribes just after the first frame): send an idempotent key again until it takes effect.
	 */
	async pressFirst(key: string, until: string | RegExp): Promise<string> {
		for (let attempt = 0; ; attempt++) {
			try {
				return await this.press(key, until, 3_000);
			} catch (e) {
				if (attempt >= 5) throw e;
			}
		}
	}

	/** Wait for the command to end; its exit status. */
	async exitCode(timeout = 20_000): Promise<number> {
		const s = await this.waitFor(/EXIT=\d+/, timeout);
		return Number(/EXIT=(\d+)/.exec(s)?.[1]);
	}

	kill(): void {
		if (!this.alive) return;
		this.alive = false;
		try {
			tmux('kill-session', '-t', this.name);
		} catch {}
		// The last session gone, this file's tmux server exits: remove its socket file too.
		if (spawnSync('tmux', ['-L', SOCKET, 'has-session'], { stdio: 'ignore' }).status !== 0) rmSync(this.socket, { force: true });
	}
}

/**
 * For a test file: a copy of the built app (installedCopy) made once, and `start(args)` to run
 * it in a fresh terminal from the repository root; every terminal is killed after each test.
 */
export function builtAppTerminals(): (args: string, width?: number, height?: number, env?: Record<string, string>) => Terminal {
	let bin = '';
	const open: Terminal[] = [];
	beforeAll(() => {
		requireTmux();
		bin = installedCopy();
	}, 120_000);
	afterEach(() => {
		for (const t of open.splice(0)) t.kill();
	});
	return (args, width = 100, height = 30, env = {}) => {
		const t = new Terminal(`cd ${sh(ROOT)} && ${sh(process.execPath)} ${sh(bin)} ${args}`, { width, height, env });
		open.push(t);
		return t;
	};
}
