// Progress as data: which exercises are solved, keyed by exercise id (so reordering or adding
// lessons never loses anything), and where the learner was. Pure functions only.

export const PROGRESS_VERSION = 1;

export interface ExerciseProgress {
	readonly solved: boolean;
	readonly attempts: number;
	/** ISO time of the first correct answer. */
	readonly solvedAt?: string;
}

export interface Progress {
	readonly version: typeof PROGRESS_VERSION;
	readonly exercises: Readonly<Record<string, ExerciseProgress>>;
	/** The lesson and step last opened, to resume. */
	readonly last?: { readonly lesson: string; readonly step: number };
}

export const EMPTY_PROGRESS: Progress = { version: PROGRESS_VERSION, exercises: {} };

export function recordAttempt(p: Progress, id: string, correct: boolean, at: string): Progress {
	const prev = p.exercises[id] ?? { solved: false, attempts: 0 };
	const next: ExerciseProgress = prev.solved
		? { ...prev, attempts: prev.attempts + 1 }
		: { solved: correct, attempts: prev.attempts + 1, ...(correct ? { solvedAt: at } : {}) };
	return { ...p, exercises: { ...p.exercises, [id]: next } };
}

export const isSolved = (p: Progress, id: string): boolean => p.exercises[id]?.solved === true;

export const setLast = (p: Progress, lesson: string, step: number): Progress => ({ ...p, last: { lesson, step } });

/** Forget the given exercises (one lesson's), or everything when `ids` is absent. */
export function reset(p: Progress, ids?: readonly string[]): Progress {
	if (!ids) return EMPTY_PROGRESS;
	const exercises = Object.fromEntries(Object.entries(p.exercises).filter(([id]) => !ids.includes(id)));
	return { ...p, exercises };
}

/** Read a parsed JSON value as Progress, or explain why it is not one. */
export function fromJson(v: unknown): Progress | { error: string } {
	if (typeof v !== 'object' || v === null) return { error: 'not a JSON object' };
	const o = v as Record<string, unknown>;
	if (o.version !== PROGRESS_VERSION) return { error: `unknown version ${JSON.stringify(o.version)} (expected ${PROGRESS_VERSION})` };
	if (typeof o.exercises !== 'object' || o.exercises === null) return { error: '"exercises" is missing' };
	const exercises: Record<string, ExerciseProgress> = {};
	for (const [id, e] of Object.entries(o.exercises as Record<string, unknown>)) {
		const x = e as Record<string, unknown>;
		if (typeof x !== 'object' || x === null || typeof x.solved !== 'boolean' || typeof x.attempts !== 'number') return { error: `exercise "${id}" is malformed` };
		exercises[id] = { solved: x.solved, attempts: x.attempts, ...(typeof x.solvedAt === 'string' ? { solvedAt: x.solvedAt } : {}) };
	}
	const last = o.last as { lesson?: unknown; step?: unknown } | undefined;
	return {
		version: PROGRESS_VERSION,
		exercises,
		...(last && typeof last.lesson === 'string' && typeof last.step === 'number' ? { last: { lesson: last.lesson, step: last.step } } : {}),
	};
}
