// Run the built binary the way a user does; build it first if needed.
import { type SpawnSyncReturns, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'dist/cli.js');

export function ensureBuilt(): void {
	if (!existsSync(BIN) || !existsSync(join(ROOT, 'dist/app/cli.js'))) execFileSync(process.execPath, ['source/tools/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

export interface CliResult {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

export function runCli(args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
	ensureBuilt();
	const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
		cwd: opts.cwd ?? ROOT,
		env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...opts.env },
		input: opts.input ?? '',
		encoding: 'utf8',
		timeout: 30_000,
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runCli without blocking the event loop, for tests whose servers run in the test process. */
export function runCliAsync(args: readonly string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
	ensureBuilt();
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
		child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
		const timer = setTimeout(() => child.kill(), 30_000);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

/** A usage error as every command gives it: exit 2, the message on stderr, no stack trace, nothing on stdout. */
export function expectUsageError(r: CliResult, message: string | RegExp): void {
	expect(r.code).toBe(2);
	expect(r.stderr).toMatch(message);
	expect(r.stderr).not.toMatch(/\n\s+at /);
	expect(r.stdout).toBe('');
}
