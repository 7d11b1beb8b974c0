// What every screen may use: the curriculum, the learner's progress and how to save it.
import { createContext, useContext } from 'react';
import type { Curriculum } from '../content/load.js';
import type { Progress } from '../progress/progress.js';
import type { Style } from '../render/color.js';

export interface Services {
	readonly curriculum: Curriculum;
	readonly progress: Progress;
	/** Replace the progress and persist it. Pass a function to change the latest progress (not
	 * the one a possibly stale render saw): saves made in quick succession then never undo each other. */
	setProgress(p: Progress | ((latest: Progress) => Progress)): void;
	/** ISO time, for "solved at" (the only clock the app reads). */
	now(): string;
	readonly style: Style;
	/** A problem to show once (e.g. a corrupt progress file was set aside). */
	readonly notice?: string;
	/** Leave the app with this exit code. */
	exit(code: number): void;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
	const s = useContext(ServicesContext);
	if (!s) throw new Error('useServices outside <ServicesContext.Provider>');
	return s;
}
