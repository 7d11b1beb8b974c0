// Start-up of the built binary (issue 8): time to the first frame of the home screen in a
// pseudo-terminal, `--help`, and a non-interactive command, each beside `node -e 0` measured
// in the same run; peak RSS of the app. Medians of N runs; nothing is asserted.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(process.cwd(), 'dist/cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function timeSync(args: string[]): number {
	const t = performance.now();
	const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
	if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
	return performance.now() - t;
}

/** Start the app under `script` (a real pty) and time until the home screen's title is drawn. */
function firstFrame(data: string): Promise<{ ms: number; rssKiB: number }> {
	return new Promise((resolve, reject) => {
		const t = performance.now();
		const child = spawn('script', ['-qfc', `stty cols 100 rows 30; exec ${process.execPath} ${BIN}`, '/dev/null'], {
			env: { ...process.env, TERM: 'xterm-256color', CORS_TUTOR_DATA_DIR: data, NO_COLOR: '1' },
			stdio: ['pipe', 'pipe', 'ignore'],
		});
		let out = '';
		const timer = setTimeout(() => reject(new Error(`no first frame; saw: ${out.slice(-300)}`)), 20_000);
		child.stdout.on('data', (d: Buffer) => {
			out += d.toString();
			if (!out.includes('Lessons ') || !out.includes('complete')) return;
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
timeSync(['-e', '0']);
timeSync([BIN, '--help']);
const base: number[] = [];
const help: number[] = [];
const lessons: number[] = [];
const frames: number[] = [];
let rss = 0;
for (let i = 0; i < RUNS; i++) {
	base.push(timeSync(['-e', '0']));
	help.push(timeSync([BIN, '--help']));
	lessons.push(timeSync([BIN, 'lessons', '--json']));
	const f = await firstFrame(data);
	frames.push(f.ms);
	rss = Math.max(rss, f.rssKiB);
}
const b = median(base);
const row = (name: string, xs: number[], goal?: number) =>
	console.log(`${name.padEnd(34)} ${median(xs).toFixed(0).padStart(5)} ms  ${(median(xs) / b).toFixed(2)}× node -e 0${goal ? `  (goal ≤ ${goal}×: ${median(xs) / b <= goal ? 'met' : 'NOT met'})` : ''}`);
console.log(`median of ${RUNS} runs each, in one run`);
row('node -e 0 (baseline)', base);
row('cors-tutor --help', help, 1.6);
row('cors-tutor lessons --json', lessons);
row('first frame of the home screen', frames, 3);
console.log(`peak RSS of the app (first frame): ${(rss / 1024).toFixed(0)} MiB (goal ≤ 100 MiB: ${rss / 1024 <= 100 ? 'met' : 'NOT met'})`);
