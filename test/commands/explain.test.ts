// `cors-tutor explain` end to end, through the built binary.
import { expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

const chrome = "Access to fetch at 'https://api.example.com/items' from origin 'https://app.example.com' has been blocked by CORS policy: Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.";

test('a Chrome message: what happened, the headers to send, the traps', () => {
	const r = runCli(['explain', chrome]);
	expect(r.code).toBe(0);
	expect(r.stdout).toMatch(/header-not-allowed · preflight/);
	expect(r.stdout).toContain('Access-Control-Allow-Headers: authorization');
	expect(r.stdout).toContain('Access-Control-Allow-Origin: https://app.example.com');
	expect(r.stdout).toMatch(/If it still fails after the fix/);
});

test('--json gives browser, code, stage, header, value, explanation, fix', () => {
	const r = runCli(['explain', chrome, '--json']);
	expect(r.code).toBe(0);
	const j = JSON.parse(r.stdout);
	expect(j).toMatchObject({ browser: 'chromium', code: 'header-not-allowed', stage: 'preflight', header: 'Access-Control-Allow-Headers', value: 'authorization' });
	expect(j.explanation).toMatch(/Authorization must be listed by name/);
	expect(j.fix.preflightHeaders).toContain('Access-Control-Allow-Headers: authorization');
});

test('a multi-line Firefox paste from standard input', () => {
	const msg = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/items. (Reason: CORS preflight response did not succeed). Status code: 405.\nCross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/items. (Reason: CORS request did not succeed). Status code: (null).';
	const r = runCli(['explain', '--json'], { input: msg });
	expect(r.code).toBe(0);
	expect(JSON.parse(r.stdout)).toMatchObject({ browser: 'firefox', code: 'preflight-bad-status', stage: 'preflight', status: 405 });
});

test('not a CORS error: said so, exit 1', () => {
	const r = runCli(['explain', 'Uncaught ReferenceError: foo is not defined']);
	expect(r.code).toBe(1);
	expect(r.stderr).toMatch(/not a CORS error message/);
});

test('a curl command or a HAR pasted instead of the console line: names the command that reads it, exit 1', () => {
	const curl = runCli(['explain', "curl 'https://api.example.com/x' -H 'origin: https://app.example.com' --compressed"]);
	expect(curl.code).toBe(1);
	expect(curl.stderr).toMatch(/^This is a curl command, not a console message\. .*paste it after "cors-tutor check " in your shell/);
	const har = runCli(['explain'], { input: '{\n  "log": {\n    "version": "1.2",\n    "entries": []\n  }\n}\n' });
	expect(har.code).toBe(1);
	expect(har.stderr).toMatch(/^This looks like a HAR file, not a console message\. Save it and run "cors-tutor har <file\.har>"/);
});

test('only the net::ERR_FAILED line: asks for the CORS line, exit 1', () => {
	const r = runCli(['explain', 'GET https://api.example.com/x net::ERR_FAILED 200']);
	expect(r.code).toBe(1);
	expect(r.stderr).toMatch(/Paste that line/);
});

test.each([
	[['explain', chrome, '--target', 'frobnicate'], /unknown target "frobnicate"/],
	[['explain', chrome, '--origin', 'https://app.example.com/'], /--origin: .*serialized origin/],
	[['explain', chrome, '--bogus'], /unknown flag --bogus/],
	[['explain', 'Fetch API cannot load https://api.example.com/x due to access control checks.', '--target', 'nginx'], /not fixed in the server's CORS configuration/],
])('usage errors exit 2: %j', (args, message) => {
	const r = runCli(args);
	expect(r.code).toBe(2);
	expect(r.stderr).toMatch(message);
});
