// The home screen: what the app offers (only what exists), progress, and the way out.
import { Box, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import { useServices } from '../../context.js';
import { Frame } from '../../components/frame.js';
import { resumePoint, summarise } from '../../summary.js';
import type { Navigate, Screen } from '../../navigation.js';

type Choice = 'continue' | 'lessons' | 'sandbox' | 'builder' | 'debugger' | 'reference' | 'quit';

/** The entry that leads to each screen (the player is reached by "continue"). */
const ENTRY: Partial<Record<Screen['name'], Choice>> = { player: 'continue', lessons: 'lessons', sandbox: 'sandbox', builder: 'builder', debugger: 'debugger', reference: 'reference' };

export function Home({ navigate, from }: { navigate: Navigate; from?: Screen['name'] }) {
	const { curriculum, progress, notice, exit } = useServices();
	const sum = summarise(curriculum, progress);
	const resume = resumePoint(curriculum, progress);
	const started = Object.keys(progress.exercises).length > 0 || progress.last !== undefined;
	const allDone = sum.complete === sum.lessons.length && sum.lessons.length > 0;
	const items: { label: string; value: Choice; key: string }[] = [
		{ key: 'continue', value: 'continue', label: allDone ? 'Review the course' : started ? `Continue: ${curriculum.lessons[resume.lesson]?.title ?? ''}` : `Start the course: ${curriculum.lessons[0]?.title ?? ''}` },
		{ key: 'lessons', value: 'lessons', label: `All lessons (${sum.complete}/${sum.lessons.length} complete)` },
		{ key: 'sandbox', value: 'sandbox', label: 'Sandbox: watch the browser, its preflight cache and the server, step by step' },
		{ key: 'builder', value: 'builder', label: 'Policy builder: design a CORS policy and get the server configuration' },
		{ key: 'debugger', value: 'debugger', label: 'Debugger: paste a console error, get the cause and the fix' },
		{ key: 'reference', value: 'reference', label: 'Reference: headers, the preflight, errors, FAQ' },
		{ key: 'quit', value: 'quit', label: 'Quit' },
	];
	useInput((input, key) => {
		if (input === 'q' || key.escape) exit(0);
	});
	return (
		<Frame
			title={['cors-tutor — Cross-Origin Resource Sharing, by doing', 'cors-tutor']}
			right={[`Lessons ${sum.complete}/${sum.lessons.length} complete · ${sum.solved}/${sum.exercises} exercises`, `${sum.complete}/${sum.lessons.length} lessons · ${sum.solved}/${sum.exercises} exercises`, `${sum.complete}/${sum.lessons.length} lessons`]}
			help={[{ keys: '↑↓', does: 'choose' }, { keys: 'Enter', does: 'open' }, { keys: 'q/Esc', does: 'quit' }]}
		>
			{notice ? <Text color="yellow">{notice}</Text> : null}
			<Text>{sum.lessons.length} lessons; every answer is checked by a browser model that matches real Chromium and Firefox.</Text>
			<Box marginTop={1} aria-role="menu">
				<SelectInput<Choice>
					items={items}
					initialIndex={Math.max(0, items.findIndex((i) => i.value === (from ? ENTRY[from] : undefined)))}
					onSelect={(item) => {
						if (item.value === 'quit') exit(0);
						else if (item.value === 'lessons') navigate({ name: 'lessons' });
						else if (item.value === 'sandbox') navigate({ name: 'sandbox' });
						else if (item.value === 'builder') navigate({ name: 'builder' });
						else if (item.value === 'debugger') navigate({ name: 'debugger' });
						else if (item.value === 'reference') navigate({ name: 'reference' });
						else navigate({ name: 'player', lesson: allDone ? 0 : resume.lesson, page: allDone ? 0 : resume.page });
					}}
				/>
			</Box>
			<Box marginTop={1}>
				<Text dimColor>From the shell: cors-tutor explain · check · har — see cors-tutor --help</Text>
			</Box>
		</Frame>
	);
}
