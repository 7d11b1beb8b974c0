// The Debugger's reducer: paste, submit, the origin asked only when needed, the target picker
// and going back one level at a time.
import { describe, expect, test } from 'vitest';
import { type Action, type DebuggerState, initialState, lacksOrigin, normalise, reducer } from '../../source/app/screens/debugger/state.js';
import { needsOrigin } from '../../source/explain/report.js';
import { recognise } from '../../source/explain/recognize.js';

const CHROME = "Access to fetch at 'https://api.example.com/items' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
const FIREFOX = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/items. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.';
const REDIRECT = "Redirect location 'https://u:p@x.example/' contains a username and password, which is disallowed for cross-origin requests.";

const run = (actions: Action[], s: DebuggerState = initialState()): DebuggerState => actions.reduce(reducer, s);

describe('the Debugger reducer', () => {
	test('a pasted line break (CR, CR LF) is kept as \\n', () => {
		expect(normalise('a\r\nb\rc\td')).toBe('a\nb\nc d');
		expect(run([{ type: 'draft', text: `${CHROME}\r\nGET https://api.example.com/items net::ERR_FAILED 200` }]).text.split('\n')).toHaveLength(2);
	});

	test('nothing pasted: asks for the message; not a CORS message: says so, keeps the text, stays', () => {
		expect(run([{ type: 'submit' }])).toMatchObject({ view: 'message', error: expect.stringMatching(/Paste the console message first/) });
		const s = run([{ type: 'draft', text: 'Uncaught ReferenceError: foo is not defined' }, { type: 'submit' }]);
		expect(s).toMatchObject({ view: 'message', recognized: null, text: 'Uncaught ReferenceError: foo is not defined' });
		expect(s.error).toMatch(/not a CORS error message that cors-tutor knows/);
		expect(run([{ type: 'draft', text: 'x' }], s).error).toBeNull();
	});

	test('a request copied as cURL: checked with the origin it names, or the origin view asks for one (no skipping)', () => {
		const withOrigin = run([{ type: 'draft', text: "curl 'https://api.example.com/x' \\\r  -X PUT -H 'origin: https://app.example.com' --data-raw '{}'" }, { type: 'submit' }]);
		expect(withOrigin).toMatchObject({ view: 'check', error: null, recognized: null, pasted: { id: 1, origin: 'https://app.example.com', outcome: null, request: { method: 'PUT', url: 'https://api.example.com/x', body: '{}' } } });
		const without = run([{ type: 'draft', text: 'curl https://api.example.com/x' }, { type: 'submit' }]);
		expect(without).toMatchObject({ view: 'origin', pasted: { origin: null } });
		expect(run([{ type: 'origin-submit' }], without).error).toMatch(/^The check needs the origin of the page/);
		expect(run([{ type: 'origin-draft', text: 'https://app.example.com/' }, { type: 'origin-submit' }], without).error).toMatch(/serialized origin|no path/);
		const given = run([{ type: 'origin-draft', text: 'https://app.example.com' }, { type: 'origin-submit' }], without);
		expect(given).toMatchObject({ view: 'check', pasted: { origin: 'https://app.example.com', outcome: null } });
	});

	test('the outcome of the current check is kept; one for a check left with Esc is ignored', () => {
		const s = run([{ type: 'draft', text: "curl https://api.example.com/x -H 'Origin: https://app.example.com'" }, { type: 'submit' }]);
		const outcome = { failed: 'boom' };
		expect(run([{ type: 'checked', id: 1, outcome }], s).pasted?.outcome).toEqual(outcome);
		expect(run([{ type: 'checked', id: 2, outcome }], s).pasted?.outcome).toBeNull();
		const left = run([{ type: 'back' }], s);
		expect(left).toMatchObject({ view: 'message', pasted: null });
		expect(run([{ type: 'checked', id: 1, outcome }], left)).toEqual(left);
		// Pasting again starts a new check.
		expect(run([{ type: 'submit' }], { ...s, view: 'message' }).pasted?.id).toBe(2);
	});

	test('a curl command that cannot be read says why and stays on the message', () => {
		expect(run([{ type: 'draft', text: "curl 'https://a.example/" }, { type: 'submit' }])).toMatchObject({ view: 'message', error: 'This curl command cannot be read: the command has an unterminated \'…\' quote.' });
		expect(run([{ type: 'draft', text: 'curl https://a.example/ -F a=1' }, { type: 'submit' }]).error).toMatch(/^This curl command cannot be read: the curl command uses --form: a multipart form/);
	});

	test('a Chromium message names the origin: straight to the result', () => {
		const s = run([{ type: 'draft', text: CHROME }, { type: 'submit' }]);
		expect(s.view).toBe('result');
		expect(s.recognized).toMatchObject({ browser: 'chromium', code: 'missing-allow-origin', origin: 'https://app.example.com' });
		expect(lacksOrigin(s)).toBe(false);
		expect(run([{ type: 'ask-origin' }], s).view).toBe('result');
	});

	test('a Firefox message: the origin is asked, checked, and applied; empty skips it', () => {
		let s = run([{ type: 'draft', text: FIREFOX }, { type: 'submit' }]);
		expect(s.view).toBe('origin');
		s = run([{ type: 'origin-draft', text: 'https://app.example.com/' }, { type: 'origin-submit' }], s);
		expect(s).toMatchObject({ view: 'origin', error: expect.stringMatching(/serialized origin/) });
		s = run([{ type: 'origin-draft', text: ' https://app.example.com ' }, { type: 'origin-submit' }], s);
		expect(s).toMatchObject({ view: 'result', error: null, recognized: { origin: 'https://app.example.com' } });
		const skipped = run([{ type: 'draft', text: FIREFOX }, { type: 'submit' }, { type: 'origin-submit' }]);
		expect(skipped).toMatchObject({ view: 'result', recognized: { origin: null } });
		expect(run([{ type: 'targets' }], skipped)).toMatchObject({ view: 'result', note: { tone: 'warn', text: expect.stringMatching(/does not name the page origin.*press o/) } });
		expect(run([{ type: 'ask-origin' }], skipped).view).toBe('origin');
	});

	test('the origin is not asked when no server configuration could fix it', () => {
		const primary = recognise(REDIRECT).primary;
		expect(primary && needsOrigin(primary)).toBe(false);
		const s = run([{ type: 'draft', text: REDIRECT }, { type: 'submit' }]);
		expect(s.view).toBe('result');
		expect(run([{ type: 'targets' }], s).note?.text).toMatch(/not fixed in the server's CORS configuration/);
	});

	test('target picker, choice, and Esc back one level: picker → result → message', () => {
		let s = run([{ type: 'draft', text: CHROME }, { type: 'submit' }, { type: 'targets' }]);
		expect(s.view).toBe('targets');
		expect(run([{ type: 'back' }], s).view).toBe('result');
		s = run([{ type: 'choose-target', id: 'nginx', at: 30 }], s);
		expect(s).toMatchObject({ view: 'result', target: 'nginx', scroll: 30 });
		expect(run([{ type: 'choose-target', id: 'frobnicate', at: 0 }], s)).toBe(s);
		s = run([{ type: 'back' }], s);
		expect(s).toMatchObject({ view: 'message', text: CHROME });
	});

	test('c prints the chosen configuration in full (kept across edits); without a target it says to choose one', () => {
		let s = run([{ type: 'draft', text: CHROME }, { type: 'submit' }, { type: 'print' }]);
		expect(s).toMatchObject({ printed: [], note: { tone: 'warn', text: 'Choose a server first (t).' } });
		s = run([{ type: 'targets' }, { type: 'choose-target', id: 'caddy', at: 0 }, { type: 'print' }], s);
		expect(s.printed).toHaveLength(1);
		expect(s.printed[0]?.lines[0]).toMatch(/^── Caddy/);
		expect(s.printed[0]?.lines.join('\n')).toContain('https://app.example.com');
		expect(s.note).toMatchObject({ tone: 'ok' });
		expect(run([{ type: 'edit', empty: true }], s).printed).toHaveLength(1);
	});

	test('edit keeps the message, new empties it; scrolling stays within bounds', () => {
		const s = run([{ type: 'draft', text: CHROME }, { type: 'submit' }]);
		expect(run([{ type: 'edit' }], s)).toMatchObject({ view: 'message', text: CHROME, recognized: null });
		expect(run([{ type: 'edit', empty: true }], s)).toMatchObject({ view: 'message', text: '' });
		expect(run([{ type: 'scroll', by: 8, max: 5 }], s).scroll).toBe(5);
		expect(run([{ type: 'scroll', by: -8 }], s).scroll).toBe(0);
	});
});
