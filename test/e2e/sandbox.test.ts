// The built binary in a real pseudo-terminal (tmux, see tmux.ts): load a preset in the sandbox
// and step through it; open a scenario file, switch browser, leave with Ctrl+C (exit 130); a
// bad file is refused before the terminal UI starts.
import { describe, expect, test } from 'vitest';
import { builtAppTerminals } from './tmux.js';

const start = builtAppTerminals();

describe('cors-tutor sandbox in a terminal', () => {
	test('loads a preset and steps through it, message by message', async () => {
		const t = start('sandbox');
		await t.waitFor('Presets: common failures');
		await t.press('Down', '❯ ✗ Wildcard origin with credentials');
		await t.press('Down', '❯ ✗ DELETE not in Access-Control-Allow-Methods');
		await t.press('Enter', 'Loaded preset "DELETE not in Access-Control-Allow-Methods"');
		let s = await t.press('Right', 'fetch DELETE http://api.test/items/7');
		expect(s).toContain('Chromium · t = 0 s · 1/');
		s = await t.press('Right', 'a preflight is needed: DELETE is not a CORS-safelisted method');
		s = await t.press('Right', 'lookup: miss');
		s = await t.press('Right', 'preflight OPTIONS http://api.test/items/7');
		expect(s).toContain('access-control-request-method: DELETE');
		s = await t.press('Right', '204 No Content');
		expect(s).toContain('Access-Control-Allow-Methods: GET, POST, PUT');
		s = await t.press('Enter', 'End of the exchange');
		expect(s).toMatch(/method allowed: .*DELETE/);
		expect(s).toContain('console: Access to fetch at');
		expect(s).toContain('fetch() fails: the page gets a network error');
		s = await t.press('Left', 'more message to come');
		expect(s).toContain('fetch() rejects: TypeError: Failed to fetch');
		// The frame stays below the terminal's height: the title line is still on screen.
		expect(s.split('\n').some((l) => l.startsWith('Sandbox · DELETE not in Access-Control-Allow-Methods'))).toBe(true);
		await t.press('Escape', 'cors-tutor — Cross-Origin Resource Sharing');
		await t.press('q', 'EXIT=0');
	});

	test('a scenario file on the command line; Ctrl+C exits 130', async () => {
		const t = start('sandbox test/fixtures/oracle/scenarios/cache-max-age-3-fresh.json');
		await t.waitFor('Sandbox · Max-Age 3 and a 1 s wait: cached');
		await t.pressFirst('Enter', 'End of the exchange');
		await t.press('b', 'Firefox · t =');
		await t.press('C-c', 'EXIT=130');
	});

	test('a bad scenario file is refused before the terminal UI starts (exit 1)', async () => {
		const t = start('sandbox package.json');
		const s = await t.waitFor('EXIT=1');
		expect(s).toContain('error: ');
		expect(s).toContain('package.json');
	});
});
