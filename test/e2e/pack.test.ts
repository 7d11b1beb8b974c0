// What `npx cors-tutor` downloads: the packed tarball, installed into an empty project with an
// empty npm cache (it has no dependencies, so nothing else is fetched), then run.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT, ensureBuilt } from '../helpers/cli.js';
import { Terminal, requireTmux, sh } from './tmux.js';

function runAsync(bin: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
		child.once('close', (code) => resolve({ code, stderr }));
	});
}

test('the packed tarball stays within its size budget, installs with no dependencies and runs', async () => {
	ensureBuilt();
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object; bin: Record<string, string>; files: string[] };
	expect(pkg.dependencies ?? {}).toEqual({});
	const out = mkdtempSync(join(tmpdir(), 'cors-tutor-pack-'));
	execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: ROOT, stdio: 'ignore' });
	const tgz = readdirSync(out).find((f) => f.endsWith('.tgz'));
	expect(tgz).toBeDefined();
	// What `npx` downloads: at most 300 kB (issue 8). The app travels as dist/app.br, unpacked on
	// the first run (source/launch/unpack.ts).
	expect(statSync(join(out, tgz as string)).size).toBeLessThanOrEqual(300_000);
	const shipped = execFileSync('tar', ['tzf', join(out, tgz as string)], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
	expect(shipped.filter((f) => f.startsWith('package/dist/'))).toEqual(
		expect.arrayContaining(['package/dist/THIRD-PARTY-LICENSES.md', 'package/dist/app.br', 'package/dist/cli.js']),
	);
	expect(shipped.filter((f) => f.startsWith('package/dist/app/') || f.startsWith('package/lessons/'))).toEqual([]);
	const app = mkdtempSync(join(tmpdir(), 'cors-tutor-install-'));
	writeFileSync(join(app, 'package.json'), '{"name": "try-cors-tutor", "version": "1.0.0", "private": true}\n');
	execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', join(app, '.empty-cache'), join(out, tgz as string)], { cwd: app, stdio: 'ignore' });
	const bin = join(app, 'node_modules/.bin/cors-tutor');
	const installed = join(app, 'node_modules/cors-tutor/dist');
	expect(existsSync(join(installed, 'app'))).toBe(false);
	const help = spawnSync(bin, ['--help'], { encoding: 'utf8' });
	expect(help.status).toBe(0);
	expect(help.stderr).toBe('');
	// The first run unpacked the app and its lessons beside the archive, and left nothing else.
	expect(readdirSync(installed).filter((f) => !f.startsWith('launch-')).sort()).toEqual(['THIRD-PARTY-LICENSES.md', 'app', 'app.br', 'cli.js']);
	expect(readdirSync(join(installed, 'app/lessons'))).toEqual(expect.arrayContaining(['01-origins.md', 'README.md', 'reference']));
	expect(help.stdout).toMatch(/Examples/);
	const lessons = spawnSync(bin, ['lessons', '--json'], { encoding: 'utf8' });
	expect(lessons.status).toBe(0);
	expect((JSON.parse(lessons.stdout) as unknown[]).length).toBeGreaterThanOrEqual(14);
	const sim = spawnSync(bin, ['explain', "No 'Access-Control-Allow-Origin' header is present on the requested resource.", '--json'], { encoding: 'utf8' });
	expect(JSON.parse(sim.stdout)).toMatchObject({ code: 'missing-allow-origin' });
	// The bundled packages' licences travel with them.
	const licences = readFileSync(join(app, 'node_modules/cors-tutor/dist/THIRD-PARTY-LICENSES.md'), 'utf8');
	for (const name of ['ink', 'react', 'react-reconciler', 'yoga-layout', 'meow', 'yargs-parser', 'zod']) expect(licences).toMatch(new RegExp(`^- ${name} \\d`, 'm'));
	// A package folder that cannot take the app (a global install owned by root, here a file in
	// its way): the app and its lessons are unpacked in the user's cache.
	rmSync(join(installed, 'app'), { recursive: true });
	writeFileSync(join(installed, 'app'), '');
	const cache = join(app, 'user-cache');
	const fromCache = spawnSync(bin, ['lessons', '--json'], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cache } });
	expect(fromCache.stderr).toBe('');
	expect(fromCache.status).toBe(0);
	expect((JSON.parse(fromCache.stdout) as unknown[]).length).toBeGreaterThanOrEqual(14);
	expect(readdirSync(join(cache, 'cors-tutor'))).toHaveLength(1);
	// Nowhere to unpack: a clear error naming both places, exit 1, no stack trace.
	const nowhere = spawnSync(bin, ['--help'], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: join(app, 'package.json') } });
	expect(nowhere.status).toBe(1);
	expect(nowhere.stdout).toBe('');
	expect(nowhere.stderr).toMatch(/^cors-tutor: cannot unpack the app on its first run; it tried\n {2}\S+dist\/app\/: ENOTDIR: not a directory\n {2}\S+package\.json\/cors-tutor\/[0-9a-f]{16}\/app\/: ENOTDIR: not a directory\nMake one of these folders writable, or set XDG_CACHE_HOME to a writable folder\.\n$/);
	rmSync(join(installed, 'app'));
	// Two first runs at once: both work, and one whole copy is left.
	const [one, two] = await Promise.all([runAsync(bin, ['lessons', '--json']), runAsync(bin, ['lessons', '--json'])]);
	expect([one.code, two.code, one.stderr, two.stderr]).toEqual([0, 0, '', '']);
	expect(readdirSync(installed).filter((f) => !f.startsWith('launch-')).sort()).toEqual(['THIRD-PARTY-LICENSES.md', 'app', 'app.br', 'cli.js']);
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
