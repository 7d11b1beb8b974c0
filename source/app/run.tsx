// Start the interactive app. Loaded only for interactive commands, after the terminal check.
import { render } from 'ink';
import type { Curriculum } from '../content/load.js';
import { loadProgress, progressFile, saveProgress } from '../progress/store.js';
import { ANSI, PLAIN } from '../render/color.js';
import { App } from './app.js';
import { keysApart } from './keys-apart.js';
import type { Screen } from './navigation.js';

export async function runApp(initial: Screen | { name: 'learn'; lesson?: string }, opts: { color: boolean; curriculum: Curriculum }): Promise<number> {
	const { curriculum } = opts;
	const file = progressFile();
	const { progress, warning } = loadProgress(file);
	let screen: Screen;
	if (initial.name === 'learn') {
		const index = initial.lesson === undefined ? -1 : curriculum.lessons.findIndex((l) => l.id === initial.lesson || String(l.number) === initial.lesson || String(l.number).padStart(2, '0') === initial.lesson);
		if (initial.lesson !== undefined && index < 0) throw new LessonNotFound(initial.lesson, curriculum.lessons.map((l) => l.id));
		const resume = progress.last ? curriculum.lessons.findIndex((l) => l.id === progress.last?.lesson) : -1;
		screen = index >= 0 ? { name: 'player', lesson: index, page: index === resume ? (progress.last?.step ?? 0) : 0 } : { name: 'player', lesson: Math.max(0, resume), page: resume >= 0 ? (progress.last?.step ?? 0) : 0 };
	} else screen = initial;
	let code = 0;
	let saveError: string | null = null;
	const instance = render(
		<App
			initial={screen}
			services={{
				curriculum,
				progress,
				save: (p) => {
					try {
						saveProgress(file, p);
					} catch (e) {
						saveError = `could not save progress to ${file}: ${(e as Error).message}`;
					}
				},
				now: () => new Date().toISOString(),
				style: opts.color ? ANSI : PLAIN,
				...(warning ? { notice: warning } : {}),
				exit: (c) => {
					code = c;
					instance.unmount();
				},
			}}
		/>,
		{ exitOnCtrlC: false, stdin: keysApart(process.stdin) as unknown as NodeJS.ReadStream },
	);
	await instance.waitUntilExit();
	if (saveError) process.stderr.write(`warning: ${saveError}\n`);
	return code;
}

export class LessonNotFound extends Error {
	constructor(readonly wanted: string, readonly ids: readonly string[]) {
		super(`no lesson "${wanted}"`);
	}
}
