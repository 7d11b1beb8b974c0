// The built binary in a real terminal (tmux), as a newcomer meets it: open the app, start
// lesson 1, answer, quit with Ctrl+C (exit 130), start again and find the progress kept; the
// home screen at 80×24 and 60×20; NO_COLOR. Uses the real lessons/01-origins.md.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Terminal, installedCopy, requireTmux, sh } from './tmux.js';

let cli = '';
const terminals: Terminal[] = [];
beforeAll(() => {
	requireTmux();
	cli = installedCopy();
});
afterEach(() => {
	for (const t of terminals.splice(0)) t.kill();
});

const dataDir = () => mkdtempSync(join(tmpdir(), 'cors-tutor-data-'));
function open(args: string, o: { width?: number; height?: number; env?: Record<string, string> } = {}): Terminal {
	const t = new Terminal(`${sh(process.execPath)} ${sh(cli)} ${args}`, { width: o.width ?? 100, height: o.height ?? 30, env: o.env ?? {} });
	terminals.push(t);
	return t;
}
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for escape sequences
const ESC = /\u001b\[/;

describe('a first lesson, a restart, and the progress kept', () => {
	test('answer an exercise of lesson 1, Ctrl+C (130), start again: "Continue" goes back there', async () => {
		const data = dataDir();
		const env = { CORS_TUTOR_DATA_DIR: data };
		const first = open('', { env });
		const home = await first.waitFor('Start the course: Origins and the same-origin policy');
		expect(home).toContain('Lessons 0/1 complete · 0/4 exercises');
		expect(first.cursorVisible()).toBe(false);

		first.keys('Enter');
		await first.waitFor('Enter or → to begin.');
		first.keys('Enter');
		await first.waitFor('What counts as the same origin');
		first.keys('Enter');
		await first.waitFor('Allowed: the page can read the response');
		expect(first.screen()).toContain('The page at https://app.example.com fetches https://app.example.com/api/orders.');
		first.keys('Enter');
		const right = await first.waitFor('✓ Right.');
		expect(right).toContain('Same origin');

		first.keys('C-c');
		expect(await first.exitCode()).toBe(130);
		expect(first.cursorVisible()).toBe(true);
		const saved = JSON.parse(readFileSync(join(data, 'progress.json'), 'utf8'));
		expect(saved).toMatchObject({ version: 1, exercises: { 'origins-own-origin': { solved: true, attempts: 1 } }, last: { lesson: 'origins', step: 2 } });

		const second = open('', { env });
		const again = await second.waitFor('Continue: Origins and the same-origin policy');
		expect(again).toContain('Lessons 0/1 complete · 1/4 exercises');
		second.keys('Enter');
		const player = await second.waitFor('Allowed: the page can read the response');
		expect(player).toMatch(/What counts as the same origin · 3\/8/);
		second.keys('q');
		expect(await second.exitCode()).toBe(0);
	});

	test('"learn origins" opens lesson 1, Esc leads back to the list and home, "learn" resumes there', async () => {
		const data = dataDir();
		const env = { CORS_TUTOR_DATA_DIR: data };
		const t = open('learn origins', { env });
		await t.waitFor('Enter or → to begin.');
		t.keys('Right');
		await t.waitFor('What counts as the same origin');
		t.keys('Escape');
		const list = await t.waitFor('reset lesson');
		expect(list).toContain('01  Origins and the same-origin policy  (0/4)');
		t.keys('Escape');
		await t.waitFor('Continue: Origins and the same-origin policy');
		t.keys('Escape');
		expect(await t.exitCode()).toBe(0);

		const resumed = open('learn', { env });
		expect(await resumed.waitFor('What counts as the same origin')).toMatch(/2\/8/);
		resumed.keys('C-c');
		expect(await resumed.exitCode()).toBe(130);
	});
});

describe('a corrupt progress file', () => {
	test('is set aside with a notice on the home screen, never a crash', async () => {
		const data = dataDir();
		writeFileSync(join(data, 'progress.json'), '{"version": 1, "exercises": ');
		const t = open('', { env: { CORS_TUTOR_DATA_DIR: data } });
		const home = await t.waitFor('q/Esc quit');
		expect(home.replace(/\s+/g, ' ')).toMatch(/your progress file was unreadable \(not valid JSON\); it was kept as .*progress\.json\.corrupt-/);
		expect(home).toContain('Start the course');
		expect(readdirSync(data)).toEqual([expect.stringMatching(/^progress\.json\.corrupt-/)]);
		t.keys('q');
		expect(await t.exitCode()).toBe(0);
	});
});

describe('the terminal size', () => {
	for (const [width, height] of [[80, 24], [60, 20]] as const) {
		test(`${width}×${height}: the home screen fits, title to key help`, async () => {
			const t = open('', { width, height, env: { CORS_TUTOR_DATA_DIR: dataDir() } });
			const screen = await t.waitFor('q/Esc quit');
			const lines = t.screen({ joined: true }).split('\n');
			for (const l of lines) expect(Array.from(l.trimEnd()).length, `"${l}" is wider than ${width}`).toBeLessThanOrEqual(width);
			// The full title where it fits, else the short one with the progress beside it.
			expect(screen.split('\n')[0]).toMatch(width >= 80 ? /^cors-tutor — / : /^cors-tutor +Lessons 0\/1 complete/);
			expect(screen).toContain('Start the course');
			expect(screen).toContain('Quit');
			t.keys('q');
			expect(await t.exitCode()).toBe(0);
		});
	}

	test('60×20: a lesson page keeps its title and key help on screen', async () => {
		const t = open('learn origins', { width: 60, height: 20, env: { CORS_TUTOR_DATA_DIR: dataDir() } });
		const screen = await t.waitFor('q quit');
		expect(screen.split('\n')[0]).toMatch(/^01 · Origins/);
		for (const l of t.screen({ joined: true }).split('\n')) expect(Array.from(l.trimEnd()).length).toBeLessThanOrEqual(60);
		t.keys('C-c');
		expect(await t.exitCode()).toBe(130);
	});
});

describe('colour', () => {
	test('NO_COLOR=1: no escape sequences in the pane, on the home screen or in a lesson', async () => {
		const t = open('', { env: { CORS_TUTOR_DATA_DIR: dataDir(), NO_COLOR: '1' } });
		await t.waitFor('q/Esc quit');
		expect(t.screen({ escapes: true })).not.toMatch(ESC);
		t.keys('Enter');
		await t.waitFor('Enter or → to begin.');
		expect(t.screen({ escapes: true })).not.toMatch(ESC);
		t.keys('C-c');
		expect(await t.exitCode()).toBe(130);
	});

	test('--no-color: the same', async () => {
		const t = open('--no-color', { env: { CORS_TUTOR_DATA_DIR: dataDir() } });
		await t.waitFor('q/Esc quit');
		expect(t.screen({ escapes: true })).not.toMatch(ESC);
		t.keys('q');
		expect(await t.exitCode()).toBe(0);
	});

	test('without NO_COLOR the same screen has colour (so the check above means something)', async () => {
		const t = open('', { env: { CORS_TUTOR_DATA_DIR: dataDir() } });
		await t.waitFor('q/Esc quit');
		expect(t.screen({ escapes: true })).toMatch(ESC);
		t.keys('q');
		expect(await t.exitCode()).toBe(0);
	});
});

describe('a broken lesson file', () => {
	test('the app does not start: every problem on stderr with its file and line, exit 1', async () => {
		// A copy of the package whose lesson 1 has an exercise with an unknown field.
		const bin = installedCopy();
		const lesson = join(bin, '../../lessons/01-origins.md');
		writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('```exercise\n{', '```exercise\n{"colour": "red",'));
		const t = new Terminal(`${sh(process.execPath)} ${sh(bin)}`, { width: 100, height: 30, env: { CORS_TUTOR_DATA_DIR: dataDir() } });
		terminals.push(t);
		await t.waitFor('EXIT=1', 20_000);
		const screen = t.screen({ joined: true });
		expect(screen).toMatch(/error: \S*01-origins\.md: line \d+: exercise "[a-z0-9-]+": \(top level\): unknown field "colour"/);
	});
});
