// What `npx cors-tutor` downloads: the packed tarball, installed into an empty project with an
// empty npm cache (it has no dependencies, so nothing else is fetched), then run.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT, ensureBuilt } from '../helpers/cli.js';

test('the packed tarball installs with no dependencies and runs', () => {
	ensureBuilt();
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object; bin: Record<string, string>; files: string[] };
	expect(pkg.dependencies ?? {}).toEqual({});
	const out = mkdtempSync(join(tmpdir(), 'cors-tutor-pack-'));
	execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: ROOT, stdio: 'ignore' });
	const tgz = readdirSync(out).find((f) => f.endsWith('.tgz'));
	expect(tgz).toBeDefined();
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
}, 120_000);
