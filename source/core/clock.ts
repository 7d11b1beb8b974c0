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
