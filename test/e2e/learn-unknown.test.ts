// `cors-tutor learn nosuch` in a real terminal: a usage error (exit 2) naming the lessons.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Terminal, installedCopy, requireTmux, sh } from './tmux.js';

let t: Terminal | undefined;
beforeAll(() => requireTmux());
afterAll(() => t?.kill());

test('learn nosuch: exit 2, the lesson ids listed', async () => {
	const cli = installedCopy();
	t = new Terminal(`${sh(process.execPath)} ${sh(cli)} learn nosuch`, { width: 100, height: 20 });
	expect(await t.exitCode()).toBe(2);
	const screen = t.screen();
	expect(screen).toContain('error: no lesson "nosuch"');
	expect(screen).toContain('lessons: origins');
	expect(screen).not.toMatch(/internal error|Raw mode/i);
	expect(t.cursorVisible()).toBe(true);
});
