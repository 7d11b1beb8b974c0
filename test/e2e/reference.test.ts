// The built binary in a real terminal (tmux): home → Reference → a header topic → Esc back,
// at 80×24 and 60×20; the live frame always shorter than the terminal.
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { Terminal, installedCopy, requireTmux, sh } from './tmux.js';

let cli = '';
const terminals: Terminal[] = [];
beforeAll(() => {
	requireTmux();
	// Every lesson: the topics name the lessons that teach them, and the loader checks they exist.
	cli = installedCopy(readdirSync(join(ROOT, 'lessons')).filter((f) => /^\d\d-.*\.md$/.test(f)));
	cpSync(join(ROOT, 'lessons', 'reference'), join(dirname(dirname(cli)), 'lessons', 'reference'), { recursive: true });
}, 120_000);
afterEach(() => {
	for (const t of terminals.splice(0)) t.kill();
});

function open(width: number, height: number): Terminal {
	const t = new Terminal(`${sh(process.execPath)} ${sh(cli)}`, { width, height, env: { CORS_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'cors-tutor-data-')) } });
	terminals.push(t);
	return t;
}

/** Rows in use: the last non-empty line of the pane. */
const used = (screen: string): number => screen.replace(/\s+$/, '').split('\n').length;

describe('the reference in the app', () => {
	for (const [w, h] of [[80, 24], [60, 20]] as const)
		test(`${w}×${h}: open Reference from home, read Access-Control-Max-Age, Esc back`, async () => {
			const t = open(w, h);
			await t.waitFor('Start the course');
			await t.pressFirst('Up', '❯ Quit');
			await t.press('Up', '❯ Reference');
			const list = await t.press('Enter', 'Enter read');
			expect(list).toContain('❯ Origin');
			expect(used(list)).toBeLessThan(h);
			let screen = list;
			for (let i = 0; i < 12 && !screen.includes('❯ Access-Control-Max-Age'); i++) {
				const before = screen;
				t.keys('Down');
				screen = await t.waitFor((s) => s !== before);
			}
			const topic = await t.press('Enter', 'Esc topics');
			expect(topic.split('\n')[0]).toMatch(/^Access-Control-Max-Age\s/);
			expect(topic).toContain('5 seconds');
			expect(used(topic)).toBeLessThan(h);
			const far = await t.press('PageDown', '↑ more above');
			expect(used(far)).toBeLessThan(h);
			await t.press('Escape', '❯ Access-Control-Max-Age');
			await t.press('Escape', 'Start the course');
			t.keys('q');
			expect(await t.exitCode()).toBe(0);
		}, 60_000);
});
