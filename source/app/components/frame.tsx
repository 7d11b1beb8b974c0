// Every screen's frame: a title line, the body, and a key-help line that is always visible.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

export interface KeyHelp {
	readonly keys: string;
	readonly does: string;
}

export function Frame({ title, right, children, help }: { title: string; right?: string; children: ReactNode; help: readonly KeyHelp[] }) {
	return (
		<Box flexDirection="column">
			<Box justifyContent="space-between">
				<Text bold aria-label={`screen: ${title}`}>{title}</Text>
				{right ? <Text dimColor>{right}</Text> : null}
			</Box>
			<Box flexDirection="column" marginTop={1}>
				{children}
			</Box>
			<Box marginTop={1}>
				<Text dimColor aria-label="keys">
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
