// Start-up of the built binary (issue 8): time to the first frame of the home screen, `--help`,
// and a non-interactive command, each beside `node -e 0` measured in the same run and through
// the same pseudo-terminal; peak RSS of the app. Medians of N runs; nothing is asserted.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packApp } from '../../source/tools/pack-app.mjs';

const BIN = join(process.cwd(), 'dist/cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Run `node <args>` in a real pseudo-terminal (util-linux `script`, 100×30) and time it until
 * `done` holds for its output, or until it exits when no `done` is given. Every measurement,
 * the baseline included, goes through the same pty, so its cost is in each row alike.
 */
function inPty(args: string[], data: string, done?: (out: string) => boolean): Promise<{ ms: number; rssKiB: number }> {
	return new Promise((resolve, reject) => {
		const t = performance.now();
		const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
		const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${process.execPath} ${quoted}`, '/dev/null'], {
			env: { ...process.env, TERM: 'xterm-256color', CORS_TUTOR_DATA_DIR: data, NO_COLOR: '1' },
			stdio: ['pipe', 'pipe', 'ignore'],
		});
		let out = '';
		let finished = false;
		const timer = setTimeout(() => reject(new Error(`node ${args.join(' ')}: nothing after 20 s; saw: ${out.slice(-300)}`)), 20_000);
		child.once('exit', (code) => {
			if (done || finished) return;
			clearTimeout(timer);
			if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${out.slice(-300)}`));
			else resolve({ ms: performance.now() - t, rssKiB: 0 });
		});
		child.stdout.on('data', (d: Buffer) => {
			out += d.toString();
			if (!done || finished || !done(out)) return;
			finished = true;
			const ms = performance.now() - t;
			clearTimeout(timer);
			// The node process is the child of `script`: read its peak RSS before stopping it.
			let rssKiB = 0;
			try {
				const kids = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
				for (const pid of kids) {
					const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
					if (m) rssKiB = Math.max(rssKiB, Number(m[1]));
				}
			} catch {}
			child.kill('SIGTERM');
			child.once('exit', () => resolve({ ms, rssKiB }));
		});
	});
}

const data = mkdtempSync(join(tmpdir(), 'cors-tutor-bench-data-'));
// A copy as `npx` installs it: the binary, dist/app.br (the app and the lessons) and no dist/app/
// yet, so its first run unpacks them (source/launch/unpack.ts). A fresh copy for every run.
const archive = packApp([[join(process.cwd(), 'dist/app'), ''], [join(process.cwd(), 'lessons'), 'lessons/']]);
function freshInstall(): string {
	const dir = mkdtempSync(join(tmpdir(), 'cors-tutor-bench-install-'));
	mkdirSync(join(dir, 'dist'));
	for (const f of readdirSync('dist')) if (f.endsWith('.js')) cpSync(join('dist', f), join(dir, 'dist', f));
	writeFileSync(join(dir, 'dist/app.br'), archive);
	cpSync('package.json', join(dir, 'package.json'));
	return join(dir, 'dist/cli.js');
}
const homeDrawn = (out: string) => out.includes('Lessons ') && out.includes('complete');
const cases = {
	base: ['-e', '0'],
	help: [BIN, '--help'],
	lessons: [BIN, 'lessons', '--json'],
};
// Warm the file cache once.
for (const args of Object.values(cases)) await inPty(args, data);
await inPty([BIN], data, homeDrawn);
const base: number[] = [];
const help: number[] = [];
const lessons: number[] = [];
const frames: number[] = [];
const firstRuns: number[] = [];
let rss = 0;
for (let i = 0; i < RUNS; i++) {
	base.push((await inPty(cases.base, data)).ms);
	help.push((await inPty(cases.help, data)).ms);
	lessons.push((await inPty(cases.lessons, data)).ms);
	const f = await inPty([BIN], data, homeDrawn);
	frames.push(f.ms);
	rss = Math.max(rss, f.rssKiB);
	firstRuns.push((await inPty([freshInstall()], data, homeDrawn)).ms);
}
const b = median(base);
const row = (name: string, xs: number[], goal?: number) =>
	console.log(`${name.padEnd(34)} ${median(xs).toFixed(0).padStart(5)} ms  ${(median(xs) / b).toFixed(2)}× node -e 0${goal ? `  (goal ≤ ${goal}×: ${median(xs) / b <= goal ? 'met' : 'NOT met'})` : ''}`);
console.log(`median of ${RUNS} runs each, in one run, each through the same pseudo-terminal`);
row('node -e 0 (baseline)', base);
row('cors-tutor --help', help, 1.6);
row('cors-tutor lessons --json', lessons);
row('first frame of the home screen', frames, 3);
row('  the same, first run after install', firstRuns);
console.log(`peak RSS of the app (first frame): ${(rss / 1024).toFixed(0)} MiB (goal ≤ 100 MiB: ${rss / 1024 <= 100 ? 'met' : 'NOT met'})`);
