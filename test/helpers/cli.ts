// Run the built binary the way a user does; build it first if needed.
import { type SpawnSyncReturns, execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'dist/cli.js');

export function ensureBuilt(): void {
	if (!existsSync(BIN)) execFileSync(process.execPath, ['source/tools/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
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
