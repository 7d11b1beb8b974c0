// The built binary in a real pseudo-terminal (tmux, see tmux.ts): open the policy builder on a
// policy file at 80×24, switch panels, and leave with Ctrl+C (exit 130); a bad policy file is
// refused before the terminal UI starts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { builtAppTerminals, sh } from './tmux.js';

const start = builtAppTerminals();

describe('cors-tutor build in a terminal', () => {
	test('opens a policy file; Ctrl+C exits 130', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'cors-tutor-build-e2e-')), 'policy.json');
		writeFileSync(file, JSON.stringify({ origins: ['https://app.example.com'], methods: ['GET', 'PUT'], credentials: true, maxAge: 600 }));
		const t = start(`build ${sh(file)}`, 80, 24);
		let s = await t.waitFor('Origins: https://app.example.com  —  Enter edits it');
		expect(s).toContain(`Policy builder · ${file}`.slice(0, 40));
		expect(s).toContain('Access-Control-Allow-Credentials: true');
		// The frame stays below the terminal's height: the title line is still the first line.
		expect(s.split('\n')[0]).toMatch(/^Policy builder · /);
		s = await t.pressFirst('Tab', /\[(Lint|Config)/);
		await t.press('C-c', 'EXIT=130');
	});

	test('a bad policy file is refused before the terminal UI starts (exit 1)', async () => {
		const t = start('build package.json', 80, 24);
		const s = await t.waitFor('EXIT=1');
		expect(s).toContain('error: ');
		expect(s).toContain('package.json');
		expect(s).toContain('origins: origins is "*"');
	});
});
