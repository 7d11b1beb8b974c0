// The built binary in a real pseudo-terminal (tmux, see tmux.ts): open the Debugger at 80×24,
// paste a two-line Chromium console message as one chunk (send-keys -l), press Enter and read
// the fix; the frame stays shorter than the terminal.
import { describe, expect, test } from 'vitest';
import { builtAppTerminals } from './tmux.js';

const start = builtAppTerminals();

const PASTE = [
	"Access to fetch at 'https://api.example.com/items' from origin 'https://app.example.com' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
	'GET https://api.example.com/items net::ERR_FAILED 200',
].join('\n');

describe('cors-tutor debug in a terminal', () => {
	test('paste a console message, read the fix; Esc back to the message; Ctrl+C exits 130', async () => {
		const t = start('debug', 80, 24);
		await t.waitFor('Console message:');
		// A paste before Ink listens to the terminal is lost (see pressFirst): paste again into the still empty field.
		let s = '';
		for (let attempt = 0; !s; attempt++) {
			t.type(PASTE);
			s = await t.waitFor('Recognised: Chrome / Chromium / Edge · wildcard-with-credentials', 3_000).catch((e: unknown) => {
				if (attempt >= 3 || t.screen().includes('lines pasted')) throw e;
				return '';
			});
		}
		expect(s).toContain('2 lines pasted');
		s = await t.press('Enter', 'What happened');
		expect(s).toContain('Chrome / Chromium / Edge · wildcard-with-credentials · actual');
		expect(s).toContain('Access-Control-Allow-Origin: https://app.example.com');
		expect(s).toContain('Access-Control-Allow-Credentials: true');
		// The frame stays below the terminal's height: the title line is still the first line.
		expect(s.split('\n')[0]).toMatch(/^Debugger — /);
		expect(s).toMatch(/Esc back/);
		await t.press('Escape', 'Console message:');
		await t.press('C-c', 'EXIT=130');
	});
});
