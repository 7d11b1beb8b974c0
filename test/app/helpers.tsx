// Render the app on the fixture course with an in-memory save, and drive it key by key.
// Ink hands a key to the input handlers that the last render's effects installed. A frame is
// written at commit, but React runs those effects a moment later (a scheduler task), so a key
// written as soon as the frame changes is handled with stale state, or lost. Every key
// therefore waits until the frame shows its effect on two polls in a row (10 ms apart), which
// lets the pending effects run first. No fixed sleeps.
import { render } from 'ink-testing-library';
import { App } from '../../source/app/app.js';
import type { Screen } from '../../source/app/navigation.js';
import { loadCurriculum } from '../../source/content/load.js';
import { EMPTY_PROGRESS, type Progress } from '../../source/progress/progress.js';
import { PLAIN } from '../../source/render/color.js';
import { COURSE } from '../content/helpers.js';

export const KEY = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	tab: '\t',
	ctrlC: '\u0003',
	pageDown: '\u001B[6~',
} as const;

export const NOW = '2026-05-06T07:08:09.000Z';

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing ANSI escapes
const strip = (s: string): string => s.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

/** Poll the last frame every 10 ms until `predicate` holds on two polls in a row; fail with the frame after `timeout`. */
export async function waitFor(lastFrame: () => string | undefined, predicate: (frame: string) => boolean, timeout = 5000): Promise<string> {
	const start = Date.now();
	let held = false;
	for (;;) {
		await new Promise((r) => setTimeout(r, 10));
		const frame = strip(lastFrame() ?? '');
		if (predicate(frame)) {
			if (held) return frame;
			held = true;
		} else held = false;
		if (Date.now() - start > timeout) throw new Error(`timed out after ${timeout} ms; the last frame was:\n${frame}`);
	}
}

/** The frame with every run of whitespace made one space: for text that Ink may wrap. */
export const flat = (frame: string): string => frame.replace(/\s+/g, ' ');

const matcher = (until: string | RegExp | ((frame: string) => boolean)) =>
	typeof until === 'function' ? until : typeof until === 'string' ? (f: string) => f.includes(until) : (f: string) => until.test(f);

export interface Session {
	readonly saved: Progress[];
	readonly exits: number[];
	/** The last progress saved (or the one the session started with). */
	progress(): Progress;
	frame(): string;
	/** Write one key (or a typed string) and wait until the frame shows its effect. */
	press(key: string, until: string | RegExp | ((frame: string) => boolean)): Promise<string>;
	/** Write a key whose effect is not on the screen (Ctrl+C, q on the home screen): follow with exited(). */
	send(key: string): void;
	/** Wait for the frame without pressing anything. */
	see(until: string | RegExp | ((frame: string) => boolean)): Promise<string>;
	/** Wait for the exit function to be called. */
	exited(): Promise<number>;
	unmount(): void;
}

/** Start the app on the fixture course (or `curriculumDir`). */
export async function start(opts: { progress?: Progress; initial?: Screen; notice?: string; curriculumDir?: string } = {}): Promise<Session> {
	const curriculum = loadCurriculum(opts.curriculumDir ?? COURSE);
	const saved: Progress[] = [];
	const exits: number[] = [];
	const app = render(
		<App
			initial={opts.initial ?? { name: 'home' }}
			services={{
				curriculum,
				progress: opts.progress ?? EMPTY_PROGRESS,
				save: (p) => saved.push(p),
				now: () => NOW,
				style: PLAIN,
				exit: (code) => exits.push(code),
				...(opts.notice ? { notice: opts.notice } : {}),
			}}
		/>,
	);
	const session: Session = {
		saved,
		exits,
		progress: () => saved[saved.length - 1] ?? opts.progress ?? EMPTY_PROGRESS,
		frame: () => strip(app.lastFrame() ?? ''),
		send: (key) => {
			app.stdin.write(key);
		},
		see: (until) => waitFor(app.lastFrame, matcher(until)),
		press: async (key, until) => {
			app.stdin.write(key);
			return waitFor(app.lastFrame, matcher(until));
		},
		exited: async () => {
			await waitFor(() => String(exits.length), (n) => n !== '0');
			return exits[0] as number;
		},
		unmount: () => app.unmount(),
	};
	await session.see((f) => f.trim() !== '');
	return session;
}
