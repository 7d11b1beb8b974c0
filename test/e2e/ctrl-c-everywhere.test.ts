// Ctrl+C leaves from every screen the home screen opens: exit 130, the cursor shown again. And keys
// that arrive together in one read are each acted on.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { builtAppTerminals } from './tmux.js';

const start = builtAppTerminals();
const fresh = () => start('', 80, 24, { CORS_TUTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'cors-tutor-data-')) });

const MENU = ['All lessons', 'Sandbox', 'Policy builder', 'Debugger', 'Reference'];
// What each screen shows once it is ready for keys.
const SHOWS: Record<string, string> = { 'All lessons': 'reset lesson', Sandbox: 'Presets', 'Policy builder': 'Tab panels', Debugger: 'Console message:', Reference: 'Access-Control-Allow-Origin' };

test.each(MENU)('%s: Ctrl+C exits 130 and restores the cursor', async (item) => {
	const t = fresh();
	await t.waitFor('Start the course');
	await t.pressFirst('Down', /❯ All lessons/);
	for (const name of MENU.slice(1, MENU.indexOf(item) + 1)) await t.press('Down', new RegExp(`❯ ${name}`));
	await t.press('Enter', SHOWS[item] as string);
	expect(t.cursorVisible()).toBe(false);
	await t.press('C-c', 'EXIT=130');
	expect(t.cursorVisible()).toBe(true);
});

test('several keys in one read (as tmux sends them) each count: ↓↓↓⏎ opens the fourth entry', async () => {
	const t = fresh();
	await t.waitFor('Start the course');
	// Wait until the home screen takes keys (its first frame is drawn just before it listens).
	await t.pressFirst('Down', /❯ All lessons/);
	await t.press('Up', /❯ Start the course/);
	t.keys('Down', 'Down', 'Down', 'Enter');
	await t.waitFor('Policy builder · new policy');
});
