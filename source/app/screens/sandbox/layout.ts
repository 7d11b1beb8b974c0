// How the live frame shares the terminal's rows: the help line's height, then the fixed
// panels, then whatever is left for the diagram. The frame always stays at least one row
// shorter than the terminal (Ink wipes the scrollback when it fills the screen).

import type { KeyHelp } from '../../components/frame.js';

/** Rows the help line takes once Ink wraps it at `columns` (greedy word wrap, as wrap-ansi does). */
export function helpRows(help: readonly KeyHelp[], columns: number): number {
	const text = help.map((h) => `${h.keys} ${h.does}`).join('  ·  ');
	let rows = 1;
	let col = 0;
	for (const word of text.split(' ')) {
		const w = word.length;
		if (col === 0) col = w;
		else if (col + 1 + w <= columns) col += 1 + w;
		else {
			rows++;
			col = w;
		}
		while (col > columns) {
			rows++;
			col -= columns;
		}
	}
	return rows;
}

/** Rows for the frame's body: the terminal minus title, two margins, the help line and one spare row. */
export const bodyRows = (rows: number, help: number): number => Math.max(4, rows - 4 - help);

export interface RunLayout {
	readonly setupLine: boolean;
	readonly laneHeader: boolean;
	readonly explain: number;
	/** Cache entry lines (besides the panel's title line). */
	readonly cache: number;
	readonly diagram: number;
}

/** Share the body between the diagram and the panels under it; the diagram gets the rest. */
export function runLayout(body: number, cacheEntries: number): RunLayout {
	const roomy = body >= 22;
	let explain = roomy ? 4 : 2;
	let cache = Math.min(cacheEntries, roomy ? 6 : body >= 16 ? 3 : 2);
	let setupLine = true;
	const fixed = () => (setupLine ? 1 : 0) + 1 + explain + 1 + cache + 1;
	if (body - fixed() < 4) setupLine = false;
	if (body - fixed() < 4) explain = 1;
	if (body - fixed() < 3) cache = Math.min(cache, 1);
	return { setupLine, laneHeader: true, explain, cache, diagram: Math.max(1, body - fixed()) };
}
