// Every configuration target, in the order `--list-targets` shows them.

import type { Target } from './types.js';

// ── runnable here: web servers and proxies ──
// ── runnable here: application frameworks ──
// ── not runnable here: golden files and structural checks ──

export const TARGETS: readonly Target[] = [];

export function findTarget(id: string): Target | undefined {
	return TARGETS.find((t) => t.id === id);
}
