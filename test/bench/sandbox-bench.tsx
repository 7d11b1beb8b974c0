// Benchmark body (bundled and run by test/bench/bench.mjs): keypress-to-frame time of the
// sandbox with 1,000 messages (trace events) in its history, beside a baseline measured in
// the same run — an empty Frame whose one Text changes on every key — on a 100×30 terminal.
// Ink renders as it does for users (not debug mode); the time is from writing the key to
// stdin to the frame reaching stdout.
import { EventEmitter } from 'node:events';
import type { ReactNode } from 'react';
import type { Step } from '../../source/core/index.js';
import type { Services } from '../../source/app/context.js';
import { PRESETS, presetSetup } from '../../source/app/screens/sandbox/presets.js';
import { runSandbox } from '../../source/app/screens/sandbox/run.js';
import { initialState, reducer } from '../../source/app/screens/sandbox/state.js';
import { EMPTY_PROGRESS } from '../../source/progress/progress.js';
import { ANSI } from '../../source/render/color.js';

// Ink decides when it loads whether it runs under CI (then it prints only the last frame), so
// everything that loads Ink is imported after the CI variables are gone.
for (const k of Object.keys(process.env)) if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete process.env[k];
const { Text, render, useInput } = await import('ink');
const { useState } = await import('react');
const { Frame } = await import('../../source/app/components/frame.js');
const { ServicesContext } = await import('../../source/app/context.js');
const { Sandbox } = await import('../../source/app/screens/sandbox/sandbox.js');

const ROUNDS = Number(process.env.BENCH_KEYS ?? 200);
const COLUMNS = 100;
const ROWS = 30;

class Stdout extends EventEmitter {
	readonly isTTY = true;
	readonly columns = COLUMNS;
	readonly rows = ROWS;
	onWrite: ((s: string) => void) | null = null;
	write = (s: string): boolean => {
		this.onWrite?.(s);
		return true;
	};
}

class Stdin extends EventEmitter {
	readonly isTTY = true;
	#data: string | null = null;
	write(data: string): void {
		this.#data = data;
		this.emit('readable');
	}
	read = (): string | null => {
		const d = this.#data;
		this.#data = null;
		return d;
	};
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

const services: Services = {
	curriculum: { dir: '', lessons: [] }, progress: EMPTY_PROGRESS, setProgress: () => {}, now: () => '', style: ANSI, exit: () => {},
};

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)] ?? 0;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Median ms from a key on stdin to the next frame on stdout, alternating two keys; and the
 * median of Ink's own output stage (turning the laid-out tree into text), for comparison.
 */
async function keyToFrame(tree: ReactNode, keys: readonly [string, string]): Promise<{ ms: number; ink: number }> {
	const stdout = new Stdout();
	const stdin = new Stdin();
	const output: number[] = [];
	const ink = render(tree, { stdout: stdout as never, stdin: stdin as never, stderr: stdout as never, exitOnCtrlC: false, patchConsole: false, onRender: ({ renderTime }) => output.push(renderTime) });
	await pause(100);
	const times: number[] = [];
	for (let i = 0; i < ROUNDS + 10; i++) {
		let done: (() => void) | null = null;
		const drawn = new Promise<void>((r) => {
			done = r;
		});
		let t1 = 0;
		stdout.onWrite = (s) => {
			if (t1 === 0 && s.length > 40) {
				t1 = performance.now();
				done?.();
			}
		};
		const t0 = performance.now();
		stdin.write(keys[i % 2] as string);
		await drawn;
		if (i >= 10) times.push(t1 - t0); // the first keys warm up
		await pause(40); // past Ink's 30 fps render throttle, so every key gets its own frame
	}
	ink.unmount();
	return { ms: median(times), ink: median(output.slice(10)) };
}

function Baseline() {
	const [n, setN] = useState(0);
	useInput(() => setN((x) => x + 1));
	return (
		<Frame title="Baseline" help={[{ keys: '→/←', does: 'step' }]}>
			<Text>{`key ${n}`}</Text>
		</Frame>
	);
}

/** Ink's floor for a frame of the sandbox's size: the same rows of plain text, one digit changing. */
function FullBaseline() {
	const [n, setN] = useState(0);
	useInput(() => setN((x) => x + 1));
	return (
		<Frame title="Baseline" help={[{ keys: '→/←', does: 'step' }, { keys: 'a', does: 'b' }]}>
			{Array.from({ length: ROWS - 6 }, (_, i) => (
				<Text key={`l${i}`}>{`${i === 0 ? n : i} ${'lorem ipsum dolor sit amet '.repeat(4)}`.slice(0, COLUMNS - 2)}</Text>
			))}
		</Frame>
	);
}

/** The preset with a cached preflight, its PUT repeated until the run holds `messages` trace events. */
function history(messages: number) {
	const base = presetSetup(PRESETS.find((p) => p.scenario.id === 'preflight-cached') as (typeof PRESETS)[number]);
	const put = base.steps[0] as Step;
	const steps: Step[] = [];
	let setup = base;
	while (runSandbox(setup, 'chromium').items.length < messages) {
		steps.push(put, { wait_ms: 6000 });
		setup = { ...base, id: 'bench', title: `${messages} messages`, steps: [...steps] };
	}
	const s = reducer(initialState(setup), { type: 'to-end' });
	return { state: s, messages: runSandbox(setup, 'chromium').items.length };
}

const LEFT = '\u001B[D';
const RIGHT = '\u001B[C';
const sandbox = (messages: number) => {
	const h = history(messages);
	return {
		messages: h.messages,
		tree: (
			<ServicesContext.Provider value={services}>
				<Sandbox navigate={() => {}} initial={h.state} />
			</ServicesContext.Provider>
		),
	};
};

const baseline = await keyToFrame(<Baseline />, [RIGHT, LEFT]);
const full = await keyToFrame(<FullBaseline />, [RIGHT, LEFT]);
const small = sandbox(20);
const large = sandbox(1000);
const smallMs = await keyToFrame(small.tree, [LEFT, RIGHT]);
const largeMs = await keyToFrame(large.tree, [LEFT, RIGHT]);

const row = (r: { ms: number; ink: number }) => `${r.ms.toFixed(2)} ms (Ink's output stage ${r.ink.toFixed(2)} ms)`;
console.log(`keypress → frame on a ${COLUMNS}×${ROWS} terminal, median of ${ROUNDS} keys (← and → alternately)`);
console.log(`baseline (an empty Frame whose text changes): ${row(baseline)}`);
console.log(`Ink's floor for this size (a Frame of ${ROWS - 1} rows of plain text): ${row(full)}`);
console.log(`sandbox, ${small.messages.toLocaleString('en')} messages in the history: ${row(smallMs)} · ${(smallMs.ms / baseline.ms).toFixed(1)}× baseline`);
console.log(`sandbox, ${large.messages.toLocaleString('en')} messages in the history: ${row(largeMs)} · ${(largeMs.ms / baseline.ms).toFixed(1)}× baseline · goal ≤ 16 ms: ${largeMs.ms <= 16 ? 'met' : 'NOT met'}`);
