// Screen-reader mode (INK_SCREEN_READER=true) of the built app in a real terminal: every
// screen is read as its name, its regions' names followed by their content (never the name
// alone), and its keys in words.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { builtAppTerminals } from './tmux.js';

const start = builtAppTerminals();
const open = () => start('', 80, 24, { INK_SCREEN_READER: 'true', CORS_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'cors-tutor-data-')) });
const flat = (s: string) => s.replace(/\s+/g, ' ');

test('home and a lesson exercise: the menu, the answer choices and the keys in words', async () => {
	const t = open();
	const home = flat(await t.waitFor('keys:'));
	expect(home).toContain('screen: cors-tutor — Cross-Origin Resource Sharing, by doing');
	expect(home).toMatch(/menu: ❯ Start the course: Origins and the same-origin policy/);
	expect(home).toContain('keys: Up and Down choose, Enter open, q or Escape quit');
	await t.pressFirst('Enter', 'Enter or → to begin.');
	await t.press('Enter', '2/8');
	await t.press('Enter', 'allowed or blocked:');
	const exercise = flat(t.screen());
	expect(exercise).toMatch(/allowed or blocked: ❯ Allowed: the page can read the response Blocked: the page gets a network error/);
	expect(exercise).toMatch(/keys: .*h hint/);
});

test('the sandbox reads each region by name, then what it holds', async () => {
	const t = open();
	await t.waitFor('keys:');
	await t.pressFirst('Down', /❯ All lessons/);
	await t.press('Down', /❯ Sandbox/);
	await t.press('Enter', 'Presets');
	const run = flat(await t.press('Enter', 'preflight cache:'));
	expect(run).toMatch(/messages between the lanes: \S/);
	expect(run).toMatch(/preflight cache: \S/);
	expect(run).toMatch(/keys: /);
	expect(run).not.toMatch(/keys:\s*$/);
});

test('the Debugger: the text field is named, and what was typed is read with it', async () => {
	const t = open();
	await t.waitFor('keys:');
	await t.pressFirst('Down', /❯ All lessons/);
	for (const item of ['Sandbox', 'Policy builder', 'Debugger']) await t.press('Down', new RegExp(`❯ ${item}`));
	await t.press('Enter', 'console message, text field:');
	t.type("No 'Access-Control-Allow-Origin' header is present on the requested resource.");
	const typed = flat(await t.waitFor('status:'));
	expect(typed).toMatch(/textbox: console message, text field: No 'Access-Control-Allow-Origin' header/);
	expect(typed).toMatch(/status: Recognised: Chrome/);
	// The fragment names no page origin: the Debugger asks for it (Enter with nothing skips).
	expect(flat(await t.press('Enter', "Your page's origin:"))).toMatch(/textbox: Your page's origin:/);
	const report = flat(await t.press('Enter', 'the cause and the fix:'));
	expect(report).toMatch(/the cause and the fix: Chrome \/ Chromium \/ Edge · missing-allow-origin .*What happened/);
});
