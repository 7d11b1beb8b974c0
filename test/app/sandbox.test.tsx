// The sandbox screen through Ink: editing a request, stepping, the clock expiring a cached
// preflight, switching browser, loading and saving scenario files, and the frame fitting the
// terminal. Each keystroke is written inside React's act(), so the effects that subscribe the
// next key handlers (ours, ink-select-input's, ink-text-input's) have run when it returns;
// then lastFrame is polled every 10 ms until the frame shows the change (no fixed sleeps).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { render } from 'ink-testing-library';
import { act } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { App } from '../../source/app/app.js';
import type { Screen } from '../../source/app/navigation.js';
import { loadCurriculum } from '../../source/content/load.js';
import { EMPTY_PROGRESS } from '../../source/progress/progress.js';
import { PLAIN } from '../../source/render/color.js';
import { parseScenarioText } from '../../source/scenario/load.js';

const KEY = { right: '\u001B[C', left: '\u001B[D', up: '\u001B[A', down: '\u001B[B', enter: '\r', esc: '\u001B', backspace: '\u007F' };
const curriculum = loadCurriculum();
const tmp = () => mkdtempSync(join(tmpdir(), 'cors-tutor-sandbox-'));
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are stripped
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const tick = () => new Promise((r) => setImmediate(r));

type Ui = ReturnType<typeof render> & { exits: number[] };
let mounted: Ui[] = [];
afterEach(async () => {
	await act(async () => {
		for (const ui of mounted) ui.unmount();
	});
	mounted = [];
});

async function start(initial: Screen): Promise<Ui> {
	const exits: number[] = [];
	let ui: ReturnType<typeof render> | undefined;
	await act(async () => {
		ui = render(
			<App initial={initial} services={{ curriculum, progress: EMPTY_PROGRESS, save: () => {}, now: () => '2026-01-01T00:00:00.000Z', style: PLAIN, exit: (c) => exits.push(c) }} />,
		);
		await tick();
	});
	const out = Object.assign(ui as ReturnType<typeof render>, { exits });
	mounted.push(out);
	return out;
}

/** The live frame (the journal printed above it by <Static> left out). */
function live(ui: Ui): string {
	const f = plain(ui.lastFrame() ?? '');
	const at = f.lastIndexOf('Sandbox · ');
	return at < 0 ? f : f.slice(at);
}

async function until(ui: Ui, ok: (frame: string) => boolean, what: string): Promise<string> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const f = live(ui);
		if (ok(f)) return f;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the frame was:\n${f}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** Press a key and wait until the frame shows the effect (or at least changes). */
async function press(ui: Ui, key: string, ok?: (frame: string) => boolean, what = JSON.stringify(key)): Promise<string> {
	const before = ui.lastFrame();
	await act(async () => {
		ui.stdin.write(key);
		await tick(); // a lone Esc is emitted on the next turn
	});
	return until(ui, (f) => (ok ? ok(f) : ui.lastFrame() !== before), what);
}

const has = (text: string) => (f: string) => f.includes(text);
const lacks = (text: string) => (f: string) => !f.includes(text);

function scenarioFile(json: object, name = 'scenario.json'): string {
	const f = join(tmp(), name);
	writeFileSync(f, JSON.stringify(json));
	return f;
}

const PUT_CACHED = {
	id: 'put-cached', title: 'PUT, preflight cached 5 s', page: 'http://app.test',
	server: {
		preflight: { status: 204, headers: { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '5' } },
		response: { status: 200, headers: { 'Access-Control-Allow-Origin': '$ORIGIN' }, body: 'ok' },
	},
	steps: [{ fetch: { url: 'http://api.test/data', method: 'PUT', body: 'x' } }],
};

describe('the sandbox screen', () => {
	test('stepping forward and back one message at a time, each with its rule', async () => {
		const ui = await start({ name: 'sandbox', file: scenarioFile(PUT_CACHED) });
		await until(ui, has('Sandbox · PUT, preflight cached 5 s'), 'the loaded scenario');
		expect(live(ui)).toMatch(/Chromium · t = 0 s · 0\/\d+/);
		let f = await press(ui, KEY.right, has('fetch PUT http://api.test/data'));
		expect(f).toContain('The page calls fetch("http://api.test/data") with method PUT');
		f = await press(ui, KEY.right, has('a preflight is needed'));
		expect(f).toContain('[cors-facts §1.4]');
		f = await press(ui, KEY.right, has('lookup: miss'));
		f = await press(ui, KEY.right, has('preflight OPTIONS http://api.test/data'));
		expect(f).toContain('access-control-request-method: PUT');
		expect(f).toContain('origin: http://app.test');
		expect(f).toContain('The browser asks first: OPTIONS with Origin http://app.test, Access-Control-Request-Method PUT');
		f = await press(ui, KEY.left, lacks('preflight OPTIONS'));
		expect(f).toContain('lookup: miss');
		expect(f).toMatch(/· 3\/\d+/);
		f = await press(ui, KEY.enter, has('fetch() resolves: 200'));
		expect(f).toContain('End of the exchange');
	});

	test('editing a request: DELETE instead of GET brings a preflight', async () => {
		const ui = await start({ name: 'sandbox' });
		await until(ui, has('Presets:'), 'the preset list');
		await press(ui, KEY.enter, has('Loaded preset'));
		await press(ui, 'r', has('Requests: the page and its fetch() calls'));
		for (const row of ['❯ ▸ #0 GET', '❯ + add a request', '❯ + add a wait', '❯ URL', '❯ Method']) await press(ui, KEY.down, has(row));
		await press(ui, KEY.enter, has('Enter apply'));
		for (const left of ['GE', 'G', '']) await press(ui, KEY.backspace, (f) => /❯ Method *(\S*)/.exec(f)?.[1] === left, `method "${left}"`);
		await press(ui, 'DELETE', has('❯ Method          DELETE'));
		await press(ui, KEY.enter, has('▸ #0 DELETE http://api.test/data'));
		await press(ui, KEY.esc, has('Page/Browser'));
		const f = await press(ui, KEY.enter, has('console:'));
		expect(f).toContain('preflight OPTIONS http://api.test/data');
		expect(f).toContain('access-control-request-method: DELETE');
	});

	test('advancing the clock until the cached preflight expires: the entry leaves the cache panel', async () => {
		const ui = await start({ name: 'sandbox', file: scenarioFile(PUT_CACHED) });
		await until(ui, has('PUT, preflight cached 5 s'), 'the loaded scenario');
		let f = await press(ui, KEY.enter, has('Preflight cache at t = 0 s: 1 entry'));
		expect(f).toContain('http://app.test http://api.test/data · PUT · 5 s left');
		f = await press(ui, 's', has('clock +1 s → t = 1.2 s'));
		expect(f).toContain('http://app.test http://api.test/data · PUT · 3.8 s left');
		for (const left of ['2.8 s left', '1.8 s left', '0.8 s left']) await press(ui, 's', has(left));
		f = await press(ui, 's', has('Preflight cache at t = 5.2 s: empty'));
		expect(f).not.toContain('left');
		expect(f).toContain('✗ http://app.test http://api.test/data — expired at t = 5 s');
		expect(f).toContain('clock +5 s → t = 5.2 s');
	});

	test('switching browser re-runs the exchange: Firefox prints its own console text and the difference is named', async () => {
		const ui = await start({ name: 'sandbox' });
		await until(ui, has('Presets:'), 'the preset list');
		await press(ui, KEY.enter, has('Loaded preset'));
		let f = await press(ui, KEY.enter, has('console:'));
		expect(f).toContain("console: Access to fetch at 'http://api.test/data' from origin 'http://app.test' has been bloc");
		f = await press(ui, 'b', has('Firefox · t = 0 s'));
		expect(f).toContain('console: Cross-Origin Request Blocked: The Same Origin Policy disallows reading the');
		expect(f).toMatch(/Firefox: \d differences from Chromium/);
		f = await press(ui, KEY.left, has('vs Chromium: #0 console'));
		f = await press(ui, 'b', has('Safari · t = 0 s'));
		expect(plain(ui.lastFrame() ?? '')).toContain('Switched Chromium → Firefox');
	});

	test('loading a scenario file: from the command line, with o, and a bad one shown as an error', async () => {
		const file = scenarioFile(PUT_CACHED);
		const ui = await start({ name: 'sandbox' });
		await until(ui, has('Presets:'), 'the preset list');
		await press(ui, KEY.esc, has('Page/Browser'));
		await press(ui, 'o', has('Open a scenario file'));
		await press(ui, join(dirname(file), 'missing.json'), has('missing.json'));
		let f = await press(ui, KEY.enter, has('missing.json: cannot read it (ENOENT)'));
		expect(f).toContain('Open a scenario file');
		for (const c of 'missing.json') await press(ui, KEY.backspace, undefined, `erase ${c}`);
		await press(ui, 'scenario.json', has(`File: ${file}`));
		f = await press(ui, KEY.enter, has('Sandbox · PUT, preflight cached 5 s'));
		expect(f).toContain(`Loaded ${file}`);
		const bad = scenarioFile({ ...PUT_CACHED, page: 'http://app.test/' }, 'bad.json');
		const again = await start({ name: 'sandbox', file: bad });
		f = await until(again, has('is not a serialized origin'), 'the schema error');
		expect(f).toContain('Presets:');
	});

	test('saving writes a scenario file in the oracle format; an existing file needs a second Enter', async () => {
		const file = scenarioFile(PUT_CACHED, 'put-cached.json');
		const ui = await start({ name: 'sandbox', file });
		await until(ui, has('PUT, preflight cached 5 s'), 'the loaded scenario');
		await press(ui, KEY.enter, has('End of the exchange'));
		await press(ui, 's', has('clock +1 s'));
		await press(ui, 'w', has('Save this setup as a scenario file'));
		expect(live(ui)).toContain(`File: ${file}`);
		for (const c of '.json') await press(ui, KEY.backspace, undefined, `erase ${c}`);
		await press(ui, '-2.json', has('put-cached-2.json'));
		const copy = file.replace(/\.json$/, '-2.json');
		let f = await press(ui, KEY.enter, has(`Saved ${copy}`));
		const saved = parseScenarioText(readFileSync(copy, 'utf8'), copy);
		expect(saved).toMatchObject({ id: 'put-cached-2', title: 'PUT, preflight cached 5 s', steps: [{ fetch: { method: 'PUT' } }, { wait_ms: 1000 }] });
		expect(JSON.parse(readFileSync(copy, 'utf8')).server.preflight.headers['Access-Control-Max-Age']).toBe('5');
		await press(ui, 'w', has('Save this setup'));
		f = await press(ui, KEY.enter, has('exists: Enter again to replace it'));
		f = await press(ui, KEY.enter, has(`Saved ${copy}`));
		await press(ui, 'w', has('Save this setup'));
		await press(ui, `${'x'}`, has('-2.jsonx'));
		for (const c of 'put-cached-2.jsonx') await press(ui, KEY.backspace, undefined, `erase ${c}`);
		await press(ui, 'no-such-dir/x.json', has('no-such-dir/x.json'));
		f = await press(ui, KEY.enter, has('could not write'));
		expect(f).toContain('ENOENT');
		expect(f).toContain('Save this setup');
	});

	test('Esc goes back to the home screen, which offers the sandbox; q quits', async () => {
		const ui = await start({ name: 'home' });
		await until(ui, has('Sandbox: watch the browser'), 'the home menu');
		await press(ui, KEY.down, has('❯ All lessons'));
		await press(ui, KEY.down, has('❯ Sandbox'));
		await press(ui, KEY.enter, has('Presets:'));
		await press(ui, KEY.esc, has('Page/Browser'));
		await press(ui, KEY.esc, (f) => plain(ui.lastFrame() ?? '').includes('cors-tutor — Cross-Origin Resource Sharing') && !f.includes('Page/Browser'), 'home');
		await act(async () => {
			ui.stdin.write('q');
		});
		await until(ui, () => ui.exits.length > 0, 'exit');
		expect(ui.exits).toEqual([0]);
	});

	test('the live frame fits the terminal at 80×24 and keeps fitting as it is resized', async () => {
		const ui = await start({ name: 'sandbox' });
		await until(ui, has('Presets:'), 'the preset list');
		for (let i = 0; i < 6; i++) await press(ui, KEY.down);
		await press(ui, KEY.enter, has('Preflight cached for 5 s'));
		await press(ui, KEY.enter, has('End of the exchange'));
		const resize = (columns: number, rows: number) => {
			Object.defineProperty(ui.stdout, 'columns', { value: columns, configurable: true });
			Object.defineProperty(ui.stdout, 'rows', { value: rows, configurable: true });
			act(() => {
				ui.stdout.emit('resize');
			});
		};
		for (const [columns, rows] of [[80, 24], [60, 20], [44, 18], [120, 40], [80, 24]] as const) {
			resize(columns, rows);
			const f = await until(ui, (x) => x.split('\n').every((l) => l.length <= columns) && /Page\/Browser/.test(x), `${columns}×${rows}`);
			const lines = f.replace(/\n+$/, '').split('\n');
			expect(lines.length, `${columns}×${rows}:\n${f}`).toBeLessThan(rows);
			expect(f).toContain('→/← step');
			expect(f).toContain('Preflight cache at t =');
			for (const mode of ['r', 'v']) {
				const g = await press(ui, mode, has(mode === 'r' ? 'Requests:' : 'Server:'));
				expect(g.replace(/\n+$/, '').split('\n').length, `${mode} at ${columns}×${rows}:\n${g}`).toBeLessThan(rows);
				expect(g.split('\n').every((l) => l.length <= columns)).toBe(true);
				await press(ui, KEY.esc, has('Page/Browser'));
			}
		}
	});
});
