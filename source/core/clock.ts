// Virtual time, injected: the core never reads a real clock. It only moves forward.

export interface Clock {
	/** Milliseconds since the start of the simulation. */
	now(): number;
}

export class VirtualClock implements Clock {
	#t: number;
	constructor(start = 0) {
		this.#t = start;
	}
	now(): number {
		return this.#t;
	}
	advance(ms: number): void {
		if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`clock can only move forward by a finite amount, not ${ms}`);
		this.#t += ms;
	}
}

/** A span of virtual time as people read it: "800 ms", "4.8 s", "9 min 30 s", "2 h". */
export function duration(ms: number): string {
	if (ms < 1000) return `${ms} ms`;
	if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))} s`;
	const s = Math.round(ms / 1000);
	if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
	const m = Math.round(s / 60);
	return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}
