// The sandbox's pure parts: the run on the core (identical to runScenario), presets, the
// reducer (stepping, clock, browser switch, editors), saving as a scenario file, the layout.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BROWSER_IDS, PROFILES, runScenario } from '../../source/core/index.js';
import { observe } from '../../source/core/run-scenario.js';
import { parseScenarioText } from '../../source/scenario/load.js';
import { loadScenarioFile } from '../../source/scenario/load.js';
import { setupToFile } from '../../source/app/screens/sandbox/files.js';
import { bodyRows, helpRows, runLayout } from '../../source/app/screens/sandbox/layout.js';
import { formatMs, fromScenario, isFetch, parseDuration } from '../../source/app/screens/sandbox/model.js';
import { PRESETS, presetSetup } from '../../source/app/screens/sandbox/presets.js';
import { compareRuns, runSandbox, traceOf } from '../../source/app/screens/sandbox/run.js';
import { type Action, type SandboxState, idFromFile, initialState, reducer, rowsOf, runOf } from '../../source/app/screens/sandbox/state.js';

const DIR = join(import.meta.dirname, '../fixtures/oracle/scenarios');
const preset = (id: string) => presetSetup(PRESETS.find((p) => p.scenario.id === id) ?? (PRESETS[0] as never));
const start = (id: string) => initialState(preset(id));
const apply = (s: SandboxState, ...actions: Action[]) => actions.reduce(reducer, s);
const rowIndex = (s: SandboxState, t: string) => rowsOf(s).findIndex((r) => r.id.t === t);
/** Put the editor's cursor on the first row of type t. */
const onRow = (s: SandboxState, t: string): SandboxState => (s.mode.kind === 'requests' || s.mode.kind === 'server' ? { ...s, mode: { ...s.mode, cursor: rowIndex(s, t) } } : s);

describe('the run is the core\'s run', () => {
	const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
	test.each(BROWSER_IDS)('every recorded scenario gives runScenario\'s trace, observations and cache (%s)', (id) => {
		for (const f of files) {
			const scenario = loadScenarioFile(join(DIR, f));
			const expected = runScenario(scenario, PROFILES[id]);
			const run = runSandbox(fromScenario(scenario), id);
			expect(traceOf(run), f).toEqual(expected.trace);
			const candidates = new Set(expected.observations.flatMap((o) => o.visible_headers));
			for (const [k, fr] of run.fetches.entries()) {
				const obs = expected.observations[k];
				expect(observe(fr.step, fr.result, candidates).console, f).toEqual(obs?.console);
				expect(fr.result.outcome, f).toBe(obs?.outcome);
				const last = [...run.items].reverse().find((it) => it.kind === 'event' && it.step === fr.step);
				expect(last?.cache, f).toEqual(expected.steps[k]?.cacheAfter);
			}
		}
	});

	test('a wait is an item with the time after it; every event carries the cache as it was then', () => {
		const run = runSandbox(preset('preflight-cached'), 'chromium');
		const wait = run.items.find((it) => it.kind === 'wait');
		expect(wait).toMatchObject({ kind: 'wait', ms: 1000, now: 1200 });
		const store = run.items.findIndex((it) => it.kind === 'event' && it.event.type === 'cache-store');
		expect(run.items[store - 1]?.cache).toEqual([]);
		expect(run.items[store]?.cache[0]).toMatchObject({ methods: ['PUT'], expiresAt: 5000 });
	});

	test('an invalid page origin is an error, not an exception', () => {
		const run = runSandbox({ ...preset('simple-get-allowed'), page: 'http://app.test/' }, 'chromium');
		expect(run.error).toMatch(/not a serialized origin/);
		expect(run.items).toEqual([]);
	});
});

describe('presets', () => {
	const failing: Record<string, string> = {
		'missing-allow-origin': 'missing-allow-origin',
		'wildcard-with-credentials': 'wildcard-with-credentials',
		'delete-not-allowed': 'method-not-allowed',
		'options-404': 'preflight-bad-status',
		'duplicate-allow-origin': 'multiple-allow-origin',
	};
	test.each(PRESETS.map((p) => [String(p.scenario.id), p] as const))('%s runs in every browser with the outcome it promises', (id, p) => {
		for (const b of BROWSER_IDS) {
			const run = runSandbox(presetSetup(p), b);
			expect(run.error).toBeNull();
			if (p.kind === 'fails') expect(run.fetches.map((f) => f.result.failure?.code)).toContain(failing[id]);
			else expect(run.fetches.every((f) => f.result.outcome === 'ok'), `${id} in ${b}`).toBe(true);
		}
	});

	test('the preflight-cached preset: miss, hit, then a miss after expiry', () => {
		const run = runSandbox(preset('preflight-cached'), 'chromium');
		expect(run.fetches.map((f) => f.cacheHit)).toEqual([false, true, false]);
	});

	test('the policy preset runs on policyServer', () => {
		const s = preset('policy-json-api');
		expect(s.server).toBe('policy');
		const run = runSandbox(s, 'chromium');
		expect(run.fetches.map((f) => [f.result.outcome, f.preflight])).toEqual([['ok', true], ['ok', false]]);
	});
});

describe('stepping', () => {
	test('forward and back one item at a time, bounded; Enter to the end; back to the start', () => {
		let s = start('missing-allow-origin');
		const total = runOf(s).items.length;
		s = apply(s, { type: 'step', by: -1 });
		expect(s.position).toBe(0);
		s = apply(s, { type: 'step', by: 1 }, { type: 'step', by: 1 });
		expect(s.position).toBe(2);
		s = apply(s, { type: 'step', by: -1 });
		expect(s.position).toBe(1);
		s = apply(s, { type: 'to-end' }, { type: 'step', by: 1 });
		expect(s.position).toBe(total);
		s = apply(s, { type: 'to-start' });
		expect(s.position).toBe(0);
	});

	test('a run seen to its end goes to the journal once', () => {
		const s = apply(start('missing-allow-origin'), { type: 'to-end' }, { type: 'step', by: -1 }, { type: 'to-end' });
		expect(s.journal).toHaveLength(1);
		expect(s.journal[0]?.lines.join('\n')).toMatch(/Chromium · Missing Access-Control-Allow-Origin\n  #0 GET http:\/\/api.test\/data → blocked \(missing-allow-origin\)/);
	});

	test('scrolling stays within what there is', () => {
		const s = apply(start('missing-allow-origin'), { type: 'scroll', by: 5, max: 3 });
		expect(s.scroll).toBe(3);
		expect(apply(s, { type: 'scroll', by: -10 }).scroll).toBe(0);
	});
});

describe('the virtual clock', () => {
	test('advancing at the end adds a wait there; the next advance grows it; the entry expires', () => {
		let s = apply(initialState({ ...preset('preflight-cached'), steps: preset('preflight-cached').steps.slice(0, 1) }), { type: 'to-end' });
		const entry = runOf(s).items[s.position - 1]?.cache[0];
		expect(entry?.expiresAt).toBe(5000);
		s = apply(s, { type: 'clock', ms: 1000 });
		expect(s.setup.steps.at(-1)).toEqual({ wait_ms: 1000 });
		expect(s.position).toBe(runOf(s).items.length);
		expect(runOf(s).items[s.position - 1]).toMatchObject({ kind: 'wait', now: 1200 });
		s = apply(s, { type: 'clock', ms: 3000 });
		expect(s.setup.steps).toHaveLength(2);
		expect(runOf(s).items[s.position - 1]?.cache).toHaveLength(1);
		s = apply(s, { type: 'clock', ms: 1000 });
		expect(runOf(s).items[s.position - 1]).toMatchObject({ kind: 'wait', ms: 5000, now: 5200, cache: [] });
	});

	test('advancing in the middle puts the wait after the current request, before the next', () => {
		let s = start('preflight-cached');
		s = apply(s, { type: 'step', by: 3 });
		s = apply(s, { type: 'clock', ms: 60_000 });
		expect(s.setup.steps.map((st) => (isFetch(st) ? 'fetch' : st.wait_ms))).toEqual(['fetch', 61_000, 'fetch', 5000, 'fetch']);
		// The second request now comes after expiry: its preflight is not served from the cache.
		expect(runOf(s).fetches.map((f) => f.cacheHit)).toEqual([false, false, false]);
	});

	test('at the start the wait goes first', () => {
		const s = apply(start('missing-allow-origin'), { type: 'clock', ms: 3_600_000 });
		expect(s.setup.steps[0]).toEqual({ wait_ms: 3_600_000 });
		expect(s.position).toBe(1);
		expect(s.message?.text).toBe('clock +1 h 0 min');
	});
});

describe('switching browser', () => {
	test('re-runs the same setup, keeps the end in view and says what differs', () => {
		let s = apply(start('missing-allow-origin'), { type: 'to-end' });
		s = apply(s, { type: 'browser' });
		expect(s.browser).toBe('firefox');
		expect(s.compareWith).toBe('chromium');
		expect(s.position).toBe(runOf(s).items.length);
		const diffs = compareRuns(runOf(s), runSandbox(s.setup, 'chromium'));
		expect(diffs.map((d) => d.what)).toContain('console');
		expect(diffs.find((d) => d.what === 'console')?.here).toMatch(/^Cross-Origin Request Blocked/);
		expect(s.journal.at(-1)?.lines[0]).toBe('Switched Chromium → Firefox: ');
		expect(apply(s, { type: 'browser' }, { type: 'browser' }).browser).toBe('chromium');
	});
});

describe('the request editor', () => {
	test('the cursor skips headings; Enter on a text row starts typing with its value; the commit re-runs', () => {
		let s = apply(start('missing-allow-origin'), { type: 'to-end' }, { type: 'open', mode: 'requests' });
		expect(rowsOf(s)[s.mode.kind === 'requests' ? s.mode.cursor : -1]?.id.t).toBe('page');
		s = apply(s, { type: 'cursor', by: 1 });
		expect(rowsOf(s)[s.mode.kind === 'requests' ? s.mode.cursor : -1]?.id.t).toBe('step');
		s = apply(onRow(s, 'method'), { type: 'activate' });
		expect(s.mode).toMatchObject({ kind: 'requests', typing: 'GET' });
		s = apply(s, { type: 'draft', text: 'DELETE' }, { type: 'commit', text: 'DELETE' });
		expect(s.mode).toMatchObject({ typing: null });
		expect(s.setup.steps[0]).toMatchObject({ fetch: { method: 'DELETE' } });
		expect(s.position).toBe(0);
		expect(runOf(s).fetches[0]?.preflight).toBe(true);
	});

	test('headers: add, replace, remove; credentials and mode cycle; bad input is an error and typing goes on', () => {
		let s = apply(start('missing-allow-origin'), { type: 'open', mode: 'requests' });
		s = apply(onRow(s, 'add-header'), { type: 'activate' }, { type: 'commit', text: 'X-Trace: 1' });
		expect(s.setup.steps[0]).toMatchObject({ fetch: { headers: [['X-Trace', '1']] } });
		s = apply(onRow(s, 'add-header'), { type: 'activate' }, { type: 'commit', text: 'no colon here' });
		expect(s.message).toMatchObject({ tone: 'error', text: 'write a header as Name: value' });
		expect(s.mode).toMatchObject({ typing: '' });
		s = apply(s, { type: 'cancel-typing' });
		s = apply(onRow(s, 'header'), { type: 'remove' });
		expect(s.setup.steps[0]).toMatchObject({ fetch: { headers: [] } });
		s = apply(onRow(s, 'credentials'), { type: 'activate' });
		expect(s.setup.steps[0]).toMatchObject({ fetch: { credentials: 'include' } });
		s = apply(onRow(s, 'mode'), { type: 'activate' });
		expect(s.setup.steps[0]).toMatchObject({ fetch: { mode: 'no-cors' } });
		s = apply(onRow(s, 'page'), { type: 'activate' }, { type: 'commit', text: 'http://app.test/' });
		expect(s.message?.text).toMatch(/not a serialized origin/);
		s = apply(s, { type: 'commit', text: 'null' });
		expect(s.setup.page).toBe('null');
	});

	test('several requests: add a copy, pick it, remove one; the sequence keeps a request', () => {
		let s = apply(start('missing-allow-origin'), { type: 'open', mode: 'requests' });
		s = apply(onRow(s, 'add-request'), { type: 'activate' });
		expect(s.setup.steps).toHaveLength(2);
		expect(s.selected).toBe(1);
		s = apply(onRow(s, 'url'), { type: 'activate' }, { type: 'commit', text: 'http://other.test/x' });
		expect(s.setup.steps[1]).toMatchObject({ fetch: { url: 'http://other.test/x' } });
		expect(s.setup.steps[0]).toMatchObject({ fetch: { url: 'http://api.test/data' } });
		s = apply(onRow(s, 'add-wait'), { type: 'activate' });
		expect(s.setup.steps[2]).toEqual({ wait_ms: 1000 });
		s = apply({ ...s, mode: { kind: 'requests', cursor: rowsOf(s).findIndex((r) => r.id.t === 'step' && r.id.i === 2), typing: null } }, { type: 'activate' }, { type: 'commit', text: '2 min' });
		expect(s.setup.steps[2]).toEqual({ wait_ms: 120_000 });
		s = apply({ ...s, mode: { kind: 'requests', cursor: rowIndex(s, 'step'), typing: null } }, { type: 'remove' });
		expect(s.setup.steps).toHaveLength(2);
		expect(s.selected).toBe(0);
		s = apply({ ...s, mode: { kind: 'requests', cursor: rowIndex(s, 'step'), typing: null } }, { type: 'remove' });
		expect(s.message?.text).toBe('the sequence needs at least one request');
	});
});

describe('the server editor', () => {
	test('raw responses: status and header lines; a second line with the same name becomes an array', () => {
		let s = apply(start('missing-allow-origin'), { type: 'open', mode: 'server' });
		s = apply(onRow(s, 'res-add-header'), { type: 'activate' }, { type: 'commit', text: 'Access-Control-Allow-Origin: $ORIGIN' });
		expect(runOf(s).fetches[0]?.result.outcome).toBe('ok');
		s = apply(onRow(s, 'res-add-header'), { type: 'activate' }, { type: 'commit', text: 'Access-Control-Allow-Origin: *' });
		expect(runOf(s).fetches[0]?.result.failure?.code).toBe('multiple-allow-origin');
		expect(setupToFile(s.setup, 'chromium').json).toMatchObject({ server: { response: { headers: { 'Access-Control-Allow-Origin': ['$ORIGIN', '*'] } } } });
		s = apply(onRow(s, 'res-status'), { type: 'activate' }, { type: 'commit', text: '99' });
		expect(s.message?.text).toBe('a status is a whole number from 100 to 599');
		s = apply(onRow(s, 'pf-present'), { type: 'activate' });
		expect(s.setup.raw.preflight).toMatchObject({ status: 204 });
	});

	test('a CORS policy: fields are validated by the policy schema and answered by policyServer', () => {
		let s = apply(start('delete-not-allowed'), { type: 'open', mode: 'server' }, { type: 'activate' });
		expect(s.setup.server).toBe('policy');
		expect(runOf(s).fetches[0]?.result.outcome).toBe('ok');
		s = apply(onRow(s, 'pol-methods'), { type: 'activate' }, { type: 'commit', text: 'GET, PUT' });
		expect(runOf(s).fetches[0]?.result.failure?.code).toBe('method-not-allowed');
		s = apply(onRow(s, 'pol-origins'), { type: 'activate' }, { type: 'commit', text: 'https://*.com' });
		expect(s.setup.policy.origins).not.toBe('*');
		s = apply(s, { type: 'commit', text: 'http://app.test/path' });
		expect(s.message?.tone).toBe('error');
		s = apply(s, { type: 'cancel-typing' }, { type: 'activate' }, { type: 'commit', text: '*' });
		expect(s.setup.policy.origins).toBe('*');
		s = apply(onRow(s, 'pol-max-age'), { type: 'activate' }, { type: 'commit', text: '' });
		expect(s.setup.policy.maxAge).toBeNull();
		expect(rowsOf(s).some((r) => r.id.t === 'note' && /no Access-Control-Max-Age/.test(r.label))).toBe(true);
	});
});

describe('saving', () => {
	test('a raw setup saves as a scenario file that loads back and runs the same', () => {
		const s = apply(start('preflight-cached'), { type: 'clock', ms: 2000 });
		const { json, note } = setupToFile(s.setup, 'chromium', 'my-copy');
		expect(note).toBeUndefined();
		const back = parseScenarioText(JSON.stringify(json), 'x.json');
		expect(back.id).toBe('my-copy');
		expect(traceOf(runSandbox(fromScenario(back), 'firefox'))).toEqual(traceOf(runSandbox(s.setup, 'firefox')));
	});

	test('a policy setup saves as the answers the policy gives the page, checked by replaying it', () => {
		const s = preset('policy-json-api');
		const { json, note } = setupToFile(s, 'chromium');
		expect(note).toBe('the policy was written as the answers it gives this page');
		const back = fromScenario(parseScenarioText(JSON.stringify(json), 'x.json'));
		expect(compareRuns(runSandbox(back, 'chromium'), runSandbox(s, 'chromium'), { ignoreHeaders: ['content-length'] })).toEqual([]);
		expect(json).toMatchObject({ server: { preflight: { headers: { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Headers': 'Content-Type, Authorization' } } } });
	});

	test('a file name in kebab-case becomes the scenario id', () => {
		expect(idFromFile('/tmp/x/my-scenario.json', 'fallback')).toBe('my-scenario');
		expect(idFromFile('My Scenario.json', 'fallback')).toBe('fallback');
	});
});

describe('small helpers', () => {
	test('durations', () => {
		expect(formatMs(1200)).toBe('1.2 s');
		expect(formatMs(1250)).toBe('1.250 s');
		expect(formatMs(61_000)).toBe('1 min 1 s');
		expect(formatMs(3_600_000)).toBe('1 h 0 min');
		expect(parseDuration('1.5s')).toBe(1500);
		expect(parseDuration('2 min')).toBe(120_000);
		expect(parseDuration('soon')).toBeNull();
	});

	test('the layout leaves the diagram what the panels do not use and never exceeds the body', () => {
		expect(helpRows([{ keys: 'a', does: 'b' }], 80)).toBe(1);
		expect(helpRows(Array.from({ length: 10 }, () => ({ keys: 'key', does: 'does something' })), 80)).toBe(3);
		for (const rows of [12, 16, 20, 24, 30, 50]) {
			const body = bodyRows(rows, 2);
			for (const entries of [0, 1, 5]) {
				const L = runLayout(body, entries);
				const used = (L.setupLine ? 1 : 0) + 1 + L.diagram + L.explain + 1 + L.cache + 1;
				expect(used, `${rows} rows, ${entries} entries`).toBeLessThanOrEqual(Math.max(body, 10));
				expect(L.diagram).toBeGreaterThan(0);
			}
		}
	});
});
