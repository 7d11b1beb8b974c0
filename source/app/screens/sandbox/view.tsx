// The sandbox's panels. They only render what sandbox.tsx computed: no state, no input.
import { Region } from '../../components/a11y.js';
import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import type { Style } from '../../../render/color.js';
import { wrap } from '../../../render/text.js';
import { Scroll } from '../../components/frame.js';
import { type Line, type Tone, fit } from './lanes.js';
import type { Preset } from './presets.js';
import type { Row } from './rows.js';
import type { Message } from './state.js';

export function paint(c: Style, tone: Tone): (s: string) => string {
	switch (tone) {
		case 'ok':
			return c.green;
		case 'bad':
			return c.red;
		case 'wire':
			return c.cyan;
		case 'cache':
			return c.yellow;
		case 'clock':
			return c.magenta;
		case 'dim':
			return c.dim;
		case 'page':
			return c.bold;
		default:
			return (s) => s;
	}
}

/** Wrap to at most `max` lines of `width`, the last one cut with "…" when more is left. */
export function clamp(text: string, width: number, max: number): string[] {
	const lines = wrap(text, width, 0).split('\n');
	if (lines.length <= max) return lines;
	const kept = lines.slice(0, max);
	kept[max - 1] = fit(`${kept[max - 1]} ${lines[max] ?? ''}`, width);
	return kept;
}

const TONE_OF: Record<Message['tone'], 'green' | 'red' | undefined> = { ok: 'green', error: 'red', info: undefined };

export function StatusLine({ message, fallback, width }: { message: Message | null; fallback: string; width: number }) {
	return message ? <Text color={TONE_OF[message.tone]} wrap="truncate-end">{fit(message.text, width)}</Text> : <Text dimColor wrap="truncate-end">{fit(fallback, width)}</Text>;
}

export interface RunViewProps {
	readonly style: Style;
	readonly width: number;
	readonly setupLine: string | null;
	readonly laneHeader: string;
	readonly diagram: readonly string[];
	readonly top: number;
	readonly diagramHeight: number;
	readonly explain: readonly string[];
	readonly cacheTitle: string;
	readonly cache: readonly Line[];
	readonly status: Message | null;
	readonly fallback: string;
}

export function RunView(p: RunViewProps) {
	const c = p.style;
	const overflow = p.diagram.length > p.diagramHeight;
	return (
		<Box flexDirection="column">
			{p.setupLine !== null ? <Text dimColor wrap="truncate-end">{p.setupLine}</Text> : null}
			<Text bold wrap="truncate-end">{` ${p.laneHeader}`}</Text>
			<Region label="messages between the lanes" flexDirection="column" height={p.diagramHeight}>
				{p.diagram.length === 0 ? <Text dimColor>{fit(' (nothing sent yet)', p.width)}</Text> : <Scroll lines={p.diagram} scroll={p.top} height={overflow ? p.diagramHeight - 1 : p.diagramHeight} />}
			</Region>
			<Region label="why" flexDirection="column">
				{p.explain.map((l, i) => (
					<Text key={`x${i}`} wrap="truncate-end">{l}</Text>
				))}
			</Region>
			<Region label="preflight cache" flexDirection="column">
				<Text bold wrap="truncate-end">{p.cacheTitle}</Text>
				{p.cache.map((l, i) => (
					<Text key={`c${i}`} wrap="truncate-end">{paint(c, l.tone)(l.text)}</Text>
				))}
			</Region>
			<StatusLine message={p.status} fallback={p.fallback} width={p.width} />
		</Box>
	);
}

export function EditorView({ title, rows, cursor, typing, height, width, message, onType, onSubmit, style: c }: {
	title: string; rows: readonly Row[]; cursor: number; typing: string | null; height: number; width: number; message: Message | null;
	onType: (t: string) => void; onSubmit: (t: string) => void; style: Style;
}) {
	const labelWidth = 16;
	const line = (r: Row, i: number): string => {
		const mark = i === cursor ? '❯ ' : '  ';
		if (r.id.t === 'heading') return c.bold(fit(r.label, width));
		if (r.id.t === 'note') return c.dim(fit(`  ${r.label}`, width));
		const text = r.value === '' ? `${mark}${r.label}` : `${mark}${r.label.padEnd(labelWidth)}${r.value}`;
		return i === cursor ? c.cyan(fit(text, width)) : fit(text, width);
	};
	// Title and status line, plus a second line for a long value being typed.
	const room = Math.max(2, height - 2 - (typing !== null ? 1 : 0));
	const more = rows.length > room;
	const h = more ? room - 1 : room;
	const top = Math.max(0, Math.min(cursor - Math.floor(h / 2), rows.length - h));
	const shown = rows.slice(top, top + h);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">{title}</Text>
			{shown.map((r, k) =>
				top + k === cursor && typing !== null ? (
					<Box key="typing" height={r.label.length + typing.length + 20 > width ? 2 : 1} overflow="hidden">
						<Text color="cyan">{`❯ ${r.label.padEnd(labelWidth)}`}</Text>
						<TextInput value={typing} onChange={onType} onSubmit={onSubmit} />
					</Box>
				) : (
					<Text key={`r${top + k}`} wrap="truncate-end">{line(r, top + k)}</Text>
				),
			)}
			{more ? <Text dimColor>{`${top + h < rows.length ? '↓ more below' : ''}${top + h < rows.length && top > 0 ? ' · ' : ''}${top > 0 ? '↑ more above' : ''}`}</Text> : null}
			<StatusLine message={message} fallback={typing !== null ? 'Enter applies; an empty header line removes it' : 'Changes re-run the exchange from the start'} width={width} />
		</Box>
	);
}

export function PresetsView({ presets, cursor, height, width, style: c }: { presets: readonly Preset[]; cursor: number; height: number; width: number; style: Style }) {
	const blurb = clamp(presets[cursor]?.blurb ?? '', width, 3);
	const h = Math.max(2, height - 2 - blurb.length);
	const lines = presets.map((p, i) => {
		const text = `${i === cursor ? '❯' : ' '} ${p.kind === 'fails' ? '✗' : '✓'} ${String(p.scenario.title)}`;
		return i === cursor ? c.cyan(fit(text, width)) : fit(text, width);
	});
	const top = Math.max(0, Math.min(cursor - Math.floor(h / 2), lines.length - h));
	return (
		<Box flexDirection="column">
			<Text bold>Presets: common failures (✗) and working setups (✓)</Text>
			<Scroll lines={lines} scroll={top} height={lines.length > h ? h - 1 : h} />
			<Box flexDirection="column" marginTop={0}>
				{blurb.map((l, i) => (
					<Text key={`b${i}`} dimColor>{l}</Text>
				))}
			</Box>
		</Box>
	);
}

export function PromptView({ title, label, text, about, message, width, onType, onSubmit }: {
	title: string; label: string; text: string; about: readonly string[]; message: Message | null; width: number; onType: (t: string) => void; onSubmit: (t: string) => void;
}) {
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">{title}</Text>
			{about.map((l, i) => (
				<Text key={`p${i}`} dimColor wrap="truncate-end">{fit(l, width)}</Text>
			))}
			<Box height={2} overflow="hidden" marginTop={1}>
				<Text>{`${label} `}</Text>
				<TextInput value={text} onChange={onType} onSubmit={onSubmit} />
			</Box>
			<StatusLine message={message} fallback="Relative paths start in the current directory" width={width} />
		</Box>
	);
}
