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
 * `right` may offer shorter forms after the full one ("Lessons 3/14 complete · 9/83 exercises",
 * "3/14 lessons"): the first that fits is shown, else the last is shortened.
 */
export function Frame({ title, right, children, help }: { title: string; right?: string | readonly string[]; children: ReactNode; help: readonly KeyHelp[] }) {
	// The title line never wraps: the right-hand part gives way first, then the title.
	const { columns } = useSize();
	const t = fit(title, columns - 1);
	const room = columns - t.length - 3;
	const forms = typeof right === 'string' ? [right] : (right ?? []);
	const r = forms.find((f) => f.length <= room) ?? fit(forms.at(-1) ?? '', room);
	return (
		<Box flexDirection="column">
			<Box justifyContent="space-between">
				<Text bold aria-label={`screen: ${title}`}>{t}</Text>
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
