// A deterministic shuffle seeded by a string (the exercise id): the same order every time.

function seedOf(s: string): number {
	let h = 2166136261;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
	return h >>> 0;
}

/** mulberry32 */
function prng(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A permutation of 0..n-1, never the identity when n > 1. */
export function permutation(n: number, seed: string): number[] {
	const rand = prng(seedOf(seed));
	const p = Array.from({ length: n }, (_, i) => i);
	for (let attempt = 0; attempt < 8; attempt++) {
		for (let i = n - 1; i > 0; i--) {
			const j = Math.floor(rand() * (i + 1));
			[p[i], p[j]] = [p[j] as number, p[i] as number];
		}
		if (n < 2 || p.some((v, i) => v !== i)) return p;
	}
	return [...p.slice(1), p[0] as number];
}
