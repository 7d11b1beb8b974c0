// What `npx cors-tutor` downloads: the packed tarball, installed into an empty project with an
// empty npm cache (it has no dependencies, so nothing else is fetched), then run.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT, ensureBuilt } from '../helpers/cli.js';
import { Terminal, requireTmux, sh } from './tmux.js';

test('the packed tarball stays within its size budget, installs with no dependencies and runs', async () => {
	ensureBuilt();
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object; bin: Record<string, string>; files: string[] };
	expect(pkg.dependencies ?? {}).toEqual({});
	const out = mkdtempSync(join(tmpdir(), 'cors-tutor-pack-'));
	execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: ROOT, stdio: 'ignore' });
	const tgz = readdirSync(out).find((f) => f.endsWith('.tgz'));
	expect(tgz).toBeDefined();
	// What `npx` downloads. Issue 8 asks for at most 300 kB; with the reference, check, audit
	// and the Debugger the package is ~343 kB (Ink + React + yoga ≈ 150 kB of it, the lessons and
	// reference ≈ 50 kB): this budget keeps it from growing unnoticed while that goal is open.
	expect(statSync(join(out, tgz as string)).size).toBeLessThanOrEqual(350_000);
	const app = mkdtempSync(join(tmpdir(), 'cors-tutor-install-'));
	writeFileSync(join(app, 'package.json'), '{"name": "try-cors-tutor", "version": "1.0.0", "private": true}\n');
	execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', join(app, '.empty-cache'), join(out, tgz as string)], { cwd: app, stdio: 'ignore' });
	const bin = join(app, 'node_modules/.bin/cors-tutor');
	const help = spawnSync(bin, ['--help'], { encoding: 'utf8' });
	expect(help.status).toBe(0);
	expect(help.stdout).toMatch(/Examples/);
	const lessons = spawnSync(bin, ['lessons', '--json'], { encoding: 'utf8' });
	expect(lessons.status).toBe(0);
	expect((JSON.parse(lessons.stdout) as unknown[]).length).toBeGreaterThanOrEqual(14);
	const sim = spawnSync(bin, ['explain', "No 'Access-Control-Allow-Origin' header is present on the requested resource.", '--json'], { encoding: 'utf8' });
	expect(JSON.parse(sim.stdout)).toMatchObject({ code: 'missing-allow-origin' });
	// The bundled packages' licences travel with them.
	const licences = readFileSync(join(app, 'node_modules/cors-tutor/dist/THIRD-PARTY-LICENSES.md'), 'utf8');
	for (const name of ['ink', 'react', 'react-reconciler', 'yoga-layout', 'meow', 'yargs-parser', 'zod']) expect(licences).toMatch(new RegExp(`^- ${name} \\d`, 'm'));
	// The interactive app draws from the installed copy (Ink's layout engine loads its WebAssembly file).
	requireTmux();
	const t = new Terminal(`cd ${sh(app)} && ${sh(bin)}`, { width: 80, height: 24 });
	try {
		await t.waitFor('Start the course');
		await t.press('C-c', 'EXIT=130');
	} finally {
		t.kill();
	}
}, 120_000);
