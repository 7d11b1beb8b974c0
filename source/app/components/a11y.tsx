// Screen-reader mode (INK_SCREEN_READER=true). Ink's aria-label *replaces* what a Box or Text
// contains, so a labelled region would be read as its label alone. These helpers add the name
// before the content instead, and say the keys in words.
import { Box, type BoxProps, Text, useIsScreenReaderEnabled } from 'ink';
import type { ReactNode } from 'react';

/** A named region: screen readers hear "<label>:" and then its content; nothing changes on screen. */
export function Region({ label, children, ...box }: BoxProps & { label: string; children?: ReactNode }) {
	const reader = useIsScreenReaderEnabled();
	return (
		<Box {...box}>
			{reader ? <Text>{`${label}:`}</Text> : null}
			{children}
		</Box>
	);
}

const WORDS: readonly (readonly [RegExp, string])[] = [
	[/↑↓/g, 'Up and Down'],
	[/←→/g, 'Left and Right'],
	[/↑/g, 'Up'],
	[/↓/g, 'Down'],
	[/←/g, 'Left'],
	[/→/g, 'Right'],
	[/\bPgUp\/PgDn\b/g, 'Page Up and Page Down'],
	[/\bPgUp\b/g, 'Page Up'],
	[/\bPgDn\b/g, 'Page Down'],
	[/\bEsc\b/g, 'Escape'],
	[/\//g, ' or '],
];

/** Key names as a screen reader should say them: "↑↓" → "Up and Down", "q/Esc" → "q or Escape". */
export const spokenKeys = (keys: string): string => WORDS.reduce((s, [re, w]) => s.replace(re, w), keys);
