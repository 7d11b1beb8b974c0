// The policy builder through Ink: open it from the home screen, edit the origins (a refused
// value first), watch the preview change, switch the target, save the policy to a temp folder
// and open it again. Keys go one at a time; after each, lastFrame is polled every 10 ms until
// the frame shows the effect (test/app/helpers.tsx).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { TARGETS } from '../../source/generators/registry.js';
import { parsePolicyText } from '../../source/policy/schema.js';
import { KEY, type Session, flat, start } from './helpers.js';

let sessions: Session[] = [];
afterEach(() => {
	for (const s of sessions) s.unmount();
	sessions = [];
});

async function open(initial?: Parameters<typeof start>[0]): Promise<Session> {
	const s = await start(initial);
	sessions.push(s);
	return s;
}

/** Empty the text field that has the keyboard, one backspace at a time. */
async function clear(s: Session, value: string, field: string): Promise<void> {
	for (let n = value.length - 1; n >= 0; n--) {
		const want = `${field}${value.slice(0, n)}`.trimEnd();
		await s.press(KEY.backspace, (f) => f.split('\n').some((l) => l.trimEnd() === want));
	}
}

const lines = (f: string) => f.replace(/\n+$/, '').split('\n').length;

describe('the policy builder screen', () => {
	test('edit the origins, see the preview change, switch target, save and reload', async () => {
		const s = await open();
		await s.see('Policy builder');
		await s.press(KEY.down, '❯ All lessons');
		await s.press(KEY.down, '❯ Sandbox');
		await s.press(KEY.down, '❯ Policy builder');
		let f = await s.press(KEY.enter, 'Policy builder · new policy');
		expect(f).toContain('[Preview]');
		expect(f).toContain('Access-Control-Allow-Origin: https://app.example.com');
		expect(lines(f)).toBeLessThan(24);

		// A refused origin: the schema's message, and the field stays open to correct it.
		await s.press(KEY.enter, 'Origins: https://app.example.com');
		await clear(s, 'https://app.example.com', 'Origins: ');
		await s.press('https://api.example.org/v1', 'Origins: https://api.example.org/v1');
		f = await s.press(KEY.enter, 'is not a serialized origin');
		expect(flat(f)).toContain('Origins: origins[0]:');
		await clear(s, '/v1', 'Origins: https://api.example.org');
		f = await s.press(KEY.enter, (fr) => fr.includes('› Origins         https://api.example.org'));
		expect(f).toContain('origin https://app.example.com is not allowed');
		expect(f).not.toContain('Access-Control-Allow-Origin: https://app.example.com');

		// The page origin follows: the preview allows it again.
		await s.press(KEY.down, '› Methods');
		for (const field of ['Allow headers', 'Expose headers', 'Credentials', 'Max-Age (s)', 'Preflight code', 'Vary: Origin', 'Page origin']) await s.press(KEY.down, `› ${field}`);
		await s.press(KEY.enter, 'Page origin: https://app.example.com');
		await clear(s, 'https://app.example.com', 'Page origin: ');
		await s.press('https://api.example.org', 'Page origin: https://api.example.org');
		f = await s.press(KEY.enter, 'Access-Control-Allow-Origin: https://api.example.org');
		expect(f).toContain('Page https://api.example.org sends PUT');

		// Switch the target: the configuration panel shows the next target's output.
		const second = TARGETS[1];
		f = await s.press('t', `[Config: ${second?.name}`);
		expect(f).toContain(`${second?.name} → ${second?.fileName}`);
		expect(f).toContain('https://api.example.org');
		// c prints the configuration in full above the live frame, where it can be copied.
		f = await s.press('c', 'printed above, in full');
		expect(f).toContain(`── ${second?.name} (${second?.fileName}) ──`);
		f = await s.press(KEY.tab, '[Preview]');

		// Save the policy to a temp folder.
		const dir = mkdtempSync(join(tmpdir(), 'cors-tutor-builder-'));
		const file = join(dir, 'policy.json');
		await s.press('w', 'Save the policy to: cors-policy.json');
		await clear(s, 'cors-policy.json', 'Save the policy to: ');
		await s.press(file, `Save the policy to: ${file}`);
		f = await s.press(KEY.enter, `Saved the policy to ${file}`);
		const saved = parsePolicyText(readFileSync(file, 'utf8'), file);
		expect(saved.origins).toEqual([{ kind: 'exact', origin: 'https://api.example.org' }]);

		// g saves the generated configuration for the chosen target.
		const conf = join(dir, second?.fileName ?? 'cors.conf');
		await s.press('g', `Save the ${second?.name} configuration to: ${second?.fileName}`);
		await clear(s, second?.fileName ?? '', `Save the ${second?.name} configuration to: `);
		await s.press(conf, conf);
		await s.press(KEY.enter, `Saved the configuration to ${conf}`);
		expect(readFileSync(conf, 'utf8')).toBe(second?.generate(saved).text);

		// Saving again to the same name asks first.
		await s.press('w', `Save the policy to: ${file}`);
		await s.press(KEY.enter, 'exists: Enter again to replace it');
		await s.press(KEY.enter, `Saved the policy to ${file}`);

		await s.press(KEY.escape, 'cors-tutor — Cross-Origin Resource Sharing');
		s.unmount();

		// Reload: the saved file opens in the builder.
		const again = await open({ initial: { name: 'builder', file } });
		f = await again.see(`Policy builder · ${file}`);
		expect(f).toContain('Origins         https://api.example.org');
		expect(f).toContain('Loaded');
	});

	test('a write that fails is shown on the screen', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'cors-tutor-builder-'));
		const file = join(dir, 'p.json');
		writeFileSync(file, JSON.stringify({ origins: '*', methods: ['GET'] }));
		const s = await open({ initial: { name: 'builder', file } });
		await s.see('Origins         *');
		await s.press('w', `Save the policy to: ${file}`);
		await clear(s, file, 'Save the policy to: ');
		await s.press(join(dir, 'missing', 'p.json'), 'missing');
		const f = await s.press(KEY.enter, 'could not write');
		expect(f).toContain('ENOENT');
		expect(s.exits).toEqual([]);
	});
});
