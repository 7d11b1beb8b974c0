// `cors-tutor ref` end to end, through the built binary.
import { expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

test('no topic: every topic, grouped, and how to open one', () => {
	const r = runCli(['ref']);
	expect(r.code).toBe(0);
	const groups = ['Headers', 'The preflight flow', 'Common errors and their fixes', 'CORS vs CSP', 'FAQ'];
	const at = groups.map((g) => r.stdout.indexOf(`\n${g}\n`) >= 0 ? r.stdout.indexOf(`\n${g}\n`) : r.stdout.indexOf(`${g}\n`));
	expect(at.every((i) => i >= 0)).toBe(true);
	expect(at).toEqual([...at].sort((a, b) => a - b));
	expect(r.stdout).toMatch(/access-control-allow-origin\s+\(acao, allow-origin\)/);
	expect(r.stdout).toMatch(/missing-allow-origin\s+No Access-Control-Allow-Origin header/);
	expect(r.stdout).toContain('Open one with: cors-tutor ref <topic>');
});

test('a header topic by alias, by full name in another case: the same text, with its parts', () => {
	const a = runCli(['ref', 'acao']);
	const b = runCli(['ref', 'ACCESS-CONTROL-ALLOW-ORIGIN']);
	const c = runCli(['ref', 'allow-origin']);
	expect(a.code).toBe(0);
	expect(b.stdout).toBe(a.stdout);
	expect(c.stdout).toBe(a.stdout);
	expect(a.stdout.split('\n')[0]).toBe('Access-Control-Allow-Origin');
	for (const part of ['Direction: server → browser', 'Example values', 'Rules that bite', 'Browser differences', 'Learn it', 'cors-tutor learn allow-origin', 'Sources: cors-facts §']) expect(a.stdout).toContain(part);
	expect(a.stdout.split('\n').every((l) => l.length <= 80)).toBe(true);
	expect(a.stdout).not.toMatch(/\u001b\[/);
});

test('an error topic comes from the explain advice', () => {
	const r = runCli(['ref', 'header-not-allowed']);
	expect(r.code).toBe(0);
	const explained = runCli(['explain', '--json', "Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: Request header field x-id is not allowed by Access-Control-Allow-Headers in preflight response."]);
	const trap = JSON.parse(explained.stdout).traps[0] as string;
	expect(r.stdout.replace(/\s+/g, ' ')).toContain(trap);
	expect(r.stdout).toContain('The fix: the server must send');
});

test('colour only when asked (FORCE_COLOR), never with --no-color', () => {
	expect(runCli(['ref', 'vary'], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(/\u001b\[1m/);
	expect(runCli(['ref', 'vary', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
});

test('an unknown topic exits 2 with close matches', () => {
	const r = runCli(['ref', 'alow-origin']);
	expect(r.code).toBe(2);
	expect(r.stderr).toContain('error: no reference topic "alow-origin"');
	expect(r.stderr).toMatch(/did you mean: access-control-allow-origin/);
	expect(r.stdout).toBe('');
});

test('--json: one topic, or every topic', () => {
	const one = JSON.parse(runCli(['ref', 'max-age', '--json']).stdout);
	expect(one).toMatchObject({ id: 'access-control-max-age', group: 'headers', direction: 'preflight-response', aliases: expect.arrayContaining(['acma']) });
	expect(one.sections.map((s: { id: string }) => s.id)).toEqual(['example-values', 'rules-that-bite', 'browser-differences']);
	const all = JSON.parse(runCli(['ref', '--json']).stdout) as { id: string; group: string }[];
	expect(all.length).toBeGreaterThan(30);
	expect(new Set(all.map((t) => t.group))).toEqual(new Set(['headers', 'flow', 'errors', 'csp', 'faq']));
});

test('an unknown flag exits 2', () => {
	const r = runCli(['ref', '--wide']);
	expect(r.code).toBe(2);
	expect(r.stderr).toContain('unknown flag --wide for "ref"');
});
