// The reference in the app: topics grouped (headers, the preflight flow, errors, CORS vs CSP,
// FAQ) → one topic, scrollable. The same topics and text as `cors-tutor ref`.
import { Region } from '../../components/a11y.js';
import { Box, Text, useInput } from 'ink';
import { useMemo, useReducer } from 'react';
import { errorTopics } from '../../../reference/errors.js';
import { topicMarkdown } from '../../../reference/render.js';
import { GROUP_TITLES } from '../../../reference/topic.js';
import { markdownToLines } from '../../../render/markdown.js';
import { Frame, Scroll, fit } from '../../components/frame.js';
import { useServices } from '../../context.js';
import type { Navigate, Screen } from '../../navigation.js';
import { useSize } from '../../use-size.js';
import { onKey } from './input.js';
import { initial, ordered, reducer, rowsOf } from './state.js';

export function Reference({ navigate, topic, back }: { navigate: Navigate; topic?: string; back?: Screen }) {
	const { curriculum, style: c } = useServices();
	const { columns, rows } = useSize();
	const topics = useMemo(() => ordered(curriculum.reference?.topics ?? errorTopics()), [curriculum]);
	const [s, dispatch] = useReducer(reducer, initial(topics, topic));
	const open = s.open === null ? null : topics.find((t) => t.id === s.open) ?? null;
	// Title, gap, body, gap, keys: the body (with its "more" line) leaves the frame one row short of the terminal.
	const bodyHeight = Math.max(3, rows - 6);
	const width = Math.max(30, Math.min(columns - 2, 100));
	const lines = useMemo(() => (open ? markdownToLines(topicMarkdown(open, curriculum.lessons), width, c) : []), [open, width, c, curriculum]);

	useInput((input, key) => {
		const e = onKey(input, key, s, bodyHeight);
		switch (e.type) {
			case 'home':
				return navigate({ name: 'home' });
			case 'move':
				return dispatch({ type: 'move', by: e.by, count: topics.length });
			case 'open': {
				const t = topics[s.cursor];
				return t ? dispatch({ type: 'open', id: t.id }) : undefined;
			}
			case 'close':
				// Opened from a lesson page: Esc goes back to it.
				return back && s.open === topic ? navigate(back) : dispatch({ type: 'close' });
			case 'scroll':
				return dispatch({ type: 'scroll', by: e.by, max: lines.length - bodyHeight });
		}
	});

	if (open)
		return (
			<Frame title={open.title} right={GROUP_TITLES[open.group]} help={[{ keys: '↑↓ PgUp/PgDn', does: 'scroll' }, { keys: 'Esc', does: back && open.id === topic ? 'back to the lesson' : 'topics' }]}>
				<Region label={`reference topic: ${open.title}`} flexDirection="column">
					<Scroll lines={lines} scroll={s.scroll} height={bodyHeight} />
				</Region>
			</Frame>
		);

	const all = rowsOf(topics);
	const at = all.findIndex((r) => r.type === 'topic' && r.index === s.cursor);
	// Keep the highlighted row in view, with its group's title when it fits.
	const top = Math.max(0, Math.min(at - Math.floor(bodyHeight / 2), all.length - bodyHeight));
	const shown = all.map((r) =>
		r.type === 'group' ? c.bold(fit(r.title, width)) : `${r.index === s.cursor ? '❯ ' : '  '}${fit(r.topic.title, width - 2)}`,
	);
	const current = topics[s.cursor];
	return (
		<Frame title="Reference" right={`${topics.length} topics · cors-tutor ref`} help={[{ keys: '↑↓', does: 'choose' }, { keys: 'Enter', does: 'read' }, { keys: 'Esc', does: 'back' }]}>
			<Region label={`reference topics; highlighted: ${current ? current.title : 'none'}`} flexDirection="column" aria-role="list">
				<Scroll lines={shown} scroll={top} height={bodyHeight} />
			</Region>
		</Frame>
	);
}
