// Every screen's frame: a title line, the body, and a key-help line that is always visible.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useSize } from '../use-size.js';
import { spokenKeys } from './a11y.js';

export interface KeyHelp {
	readonly keys: string;
	readonly does: string;
}

/** Shorten `s` to `n` columns with an ellipsis. */
export const fit = (s: string, n: number): string => (s.length <= n ? s : n <= 1 ? s.slice(0, Math.max(0, n)) : `${s.slice(0, n - 1)}…`);

/**
 * The title line: `title` and `right` may each offer shorter forms after the full one
 * ("Lessons 3/14 complete · 9/83 exercises", "3/14 lessons"). The first pair that fits is
 * shown, the title's forms tried in order, each with the right-hand part's; else both shorten.
 */
export function titleLine(title: string | readonly string[], right: string | readonly string[] | undefined, columns: number): { t: string; r: string } {
	const titles = typeof title === 'string' ? [title] : title;
	const rights = typeof right === 'string' ? [right] : (right ?? []);
	for (const t of titles) {
		if (t.length > columns - 1) continue;
		if (rights.length === 0) return { t, r: '' };
		const r = rights.find((x) => t.length + 3 + x.length <= columns);
		if (r !== undefined) return { t, r };
	}
	const t = fit(titles.at(-1) ?? '', columns - 1);
	return { t, r: fit(rights.at(-1) ?? '', columns - t.length - 3) };
}

export function Frame({ title, right, children, help }: { title: string | readonly string[]; right?: string | readonly string[]; children: ReactNode; help: readonly KeyHelp[] }) {
	// The title line never wraps.
	const { columns } = useSize();
	const { t, r } = titleLine(title, right, columns);
	return (
		<Box flexDirection="column">
			<Box justifyContent="space-between">
				<Text bold aria-label={`screen: ${typeof title === 'string' ? title : (title[0] ?? '')}`}>{t}</Text>
				{r.length > 1 ? <Text dimColor>{r}</Text> : null}
			</Box>
			<Box flexDirection="column" marginTop={1}>
				{children}
			</Box>
			<Box marginTop={1}>
				<Text dimColor aria-label={`keys: ${help.map((h) => `${spokenKeys(h.keys)} ${h.does}`).join(', ')}`}>
					{help.map((h) => `${h.keys} ${h.does}`).join('  ·  ')}
				</Text>
			</Box>
		</Box>
	);
}

/** Show `lines` from `scroll`, at most `height` of them, with a marker when more exists. */
export function Scroll({ lines, scroll, height }: { lines: readonly string[]; scroll: number; height: number }) {
	const h = Math.max(1, height);
	const top = Math.min(scroll, Math.max(0, lines.length - h));
	const shown = lines.slice(top, top + h);
	const more = top + h < lines.length;
	return (
		<Box flexDirection="column">
			{shown.map((l, i) => (
				<Text key={`${top + i}`}>{l === '' ? ' ' : l}</Text>
			))}
			{more || top > 0 ? <Text dimColor>{`${more ? '↓ more below' : ''}${more && top > 0 ? ' · ' : ''}${top > 0 ? '↑ more above' : ''} (PgUp/PgDn)`}</Text> : null}
		</Box>
	);
}
