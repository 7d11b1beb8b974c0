// All lessons with completion marks; open one, or reset one or all (after confirming).
import { Box, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { useState } from 'react';
import { exercisesOf } from '../../../content/lesson.js';
import { reset } from '../../../progress/progress.js';
import { Frame } from '../../components/frame.js';
import { useServices } from '../../context.js';
import type { Navigate } from '../../navigation.js';
import { summarise } from '../../summary.js';
import { useSize } from '../../use-size.js';

type Confirm = { readonly what: 'lesson'; readonly index: number } | { readonly what: 'all' } | null;

export function Lessons({ navigate, focus = 0 }: { navigate: Navigate; focus?: number }) {
	const { curriculum, progress, setProgress } = useServices();
	const { rows } = useSize();
	const [highlight, setHighlight] = useState(focus);
	const [confirm, setConfirm] = useState<Confirm>(null);
	const [said, setSaid] = useState<string | null>(null);
	const sum = summarise(curriculum, progress);
	useInput((input, key) => {
		if (confirm) {
			if (input === 'y') {
				if (confirm.what === 'all') setProgress(reset(progress));
				else {
					const l = curriculum.lessons[confirm.index];
					if (l) setProgress(reset(progress, exercisesOf(l).map((x) => x.id)));
				}
				setSaid(confirm.what === 'all' ? 'All progress was reset.' : 'That lesson was reset.');
				setConfirm(null);
			} else if (input === 'n' || key.escape) setConfirm(null);
			return;
		}
		if (key.escape || input === 'q') navigate({ name: 'home' });
		else if (input === 'r') setConfirm({ what: 'lesson', index: highlight });
		else if (input === 'R') setConfirm({ what: 'all' });
	});
	const items = sum.lessons.map((l) => ({
		key: l.id,
		value: l.index,
		label: `${l.complete ? '✓' : l.solved > 0 ? '◐' : ' '} ${String(l.number).padStart(2, '0')}  ${l.title}  (${l.solved}/${l.exercises})`,
	}));
	return (
		<Frame
			title="Lessons"
			right={`${sum.complete}/${sum.lessons.length} complete`}
			help={confirm ? [{ keys: 'y', does: 'yes, reset' }, { keys: 'n/Esc', does: 'keep it' }] : [{ keys: '↑↓', does: 'choose' }, { keys: 'Enter', does: 'open' }, { keys: 'r', does: 'reset lesson' }, { keys: 'R', does: 'reset all' }, { keys: 'Esc', does: 'back' }]}
		>
			<Box flexDirection="column" aria-role="menu">
				<SelectInput<number>
					items={items}
					initialIndex={Math.min(focus, Math.max(0, items.length - 1))}
					limit={Math.max(3, rows - 8)}
					isFocused={!confirm}
					onHighlight={(i) => setHighlight(i.value)}
					onSelect={(i) => navigate({ name: 'player', lesson: i.value })}
				/>
			</Box>
			<Box marginTop={1}>
				{confirm ? (
					<Text color="yellow">
						{confirm.what === 'all' ? 'Reset the progress of every lesson?' : `Reset your answers in "${curriculum.lessons[confirm.index]?.title}"?`} (y/n)
					</Text>
				) : said ? <Text color="green">{said}</Text> : <Text dimColor>✓ complete · ◐ started</Text>}
			</Box>
		</Frame>
	);
}
