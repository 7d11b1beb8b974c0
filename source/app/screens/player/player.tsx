// The lesson player: text pages, exercises answered and graded by the core, hints, the
// solution after repeated misses, the trace of the learner's answer, and the end of a lesson.
import { Region } from '../../components/a11y.js';
import { Box, Text, useInput } from 'ink';
import TextInput from 'ink-text-input';
import { useEffect, useMemo, useReducer } from 'react';
import { exercisesOf } from '../../../content/lesson.js';
import { type Prepared, prepare } from '../../../grading/index.js';
import type { Answer, Prompt } from '../../../grading/types.js';
import { recordAttempt, setLast } from '../../../progress/progress.js';
import { markdownToLines } from '../../../render/markdown.js';
import { renderRunText, wrap } from '../../../render/text.js';
import { Frame, type KeyHelp, Scroll } from '../../components/frame.js';
import { useServices } from '../../context.js';
import type { Navigate, Screen } from '../../navigation.js';
import { summarise } from '../../summary.js';
import { useSize } from '../../use-size.js';
import { onKey } from './input.js';
import { type Draft, type PlayerState, pagesOf, reducer, startAt, pageReference } from './state.js';

export function Player({ navigate, lesson: startLesson, page: startPage = 0, back }: { navigate: Navigate; lesson: number; page?: number; back?: Screen }) {
	const svc = useServices();
	const { curriculum, style: c } = svc;
	const { columns, rows } = useSize();
	const [s, dispatch] = useReducer(reducer, startAt(startLesson, startPage));
	const lesson = curriculum.lessons[s.lesson];
	const pages = useMemo(() => (lesson ? pagesOf(lesson) : []), [lesson]);
	const page = pages[Math.min(s.page, pages.length - 1)];
	const exercise = page?.type === 'exercise' ? page.exercise : null;
	const prepared: Prepared | null = useMemo(() => (exercise ? prepare(exercise) : null), [exercise]);
	const prompt = prepared?.prompt ?? null;
	const width = Math.max(40, Math.min(columns - 2, 100));

	// Remember where the learner is, to resume there.
	useEffect(() => {
		if (lesson && (svc.progress.last?.lesson !== lesson.id || svc.progress.last.step !== s.page)) svc.setProgress((p) => setLast(p, lesson.id, s.page));
	}, [lesson, s.page]);

	const grade = (answer: Answer) => {
		if (!prepared || !exercise) return;
		const g = prepared.grade(answer);
		dispatch({ type: 'graded', grade: g });
		if (!g.malformed) svc.setProgress((p) => recordAttempt(p, exercise.id, g.correct, svc.now()));
	};

	const nextPage = () => {
		if (s.page + 1 < pages.length) dispatch({ type: 'go', page: s.page + 1, pages: pages.length });
		else if (s.lesson + 1 < curriculum.lessons.length) dispatch({ type: 'lesson', lesson: s.lesson + 1 });
		else navigate({ name: 'lessons', focus: s.lesson });
	};

	const widgetShown = prompt !== null && !s.grade?.correct && !s.showTrace;
	const widgetHeight = widgetShown ? widgetLines(prompt, s.draft) : 0;
	const bodyHeight = Math.max(3, rows - 7 - widgetHeight);

	useInput((input, key) => {
		const e = onKey(input, key, s, page, prompt, bodyHeight);
		switch (e.type) {
			case 'next':
				return nextPage();
			case 'prev':
				return s.page > 0 ? dispatch({ type: 'go', page: s.page - 1, pages: pages.length }) : undefined;
			case 'back':
				return navigate(back ?? { name: 'lessons', focus: s.lesson });
			case 'quit':
				return svc.exit(0);
			case 'scroll':
				return dispatch({ type: 'scroll', by: e.by, max: 10_000 });
			case 'draft':
				return dispatch({ type: 'draft', draft: e.draft });
			case 'hint':
				return dispatch({ type: 'hint', available: exercise?.hints.length ?? 0 });
			case 'submit':
				return grade(e.answer);
			case 'solution':
				return dispatch({ type: 'solution' });
			case 'trace':
				return dispatch({ type: 'trace' });
			case 'reference': {
				const topic = pageReference(page);
				return topic ? navigate({ name: 'reference', topic, back: { name: 'player', lesson: s.lesson, page: s.page, ...(back ? { back } : {}) } }) : undefined;
			}
		}
	});

	if (!lesson || !page) return <Text>No such lesson.</Text>;
	const stepTitle = page.type === 'text' || page.type === 'exercise' ? lesson.steps[page.step]?.title : undefined;
	const lines = bodyLines(s, page, prepared, lesson, width, c, svc);
	return (
		<Frame
			title={`${String(lesson.number).padStart(2, '0')} · ${lesson.title}`}
			right={`${stepTitle ? `${stepTitle} · ` : ''}${s.page + 1}/${pages.length}`}
			help={helpFor(s, page.type, prompt, pageReference(page) !== null, back?.name === 'debugger' ? 'Debugger' : back ? 'back' : 'lessons')}
		>
			<Scroll lines={lines} scroll={s.scroll} height={bodyHeight} />
			{prompt && !s.grade?.correct && !s.showTrace ? <Widget prompt={prompt} draft={s.draft} onType={(text) => dispatch({ type: 'draft', draft: { text } })} onSubmitLine={(line) => {
				const d = s.draft;
				if (prompt.type === 'number') {
					if (/^\s*\d+\s*$/.test(line)) grade({ type: 'number', value: Number(line.trim()) });
					else dispatch({ type: 'graded', grade: { correct: false, malformed: 'type a whole number, e.g. 2', feedback: '' } });
					return;
				}
				if (line.trim() === '') {
					if (prompt.type === 'headers' && prompt.preflight && prompt.response && d.section === 'preflight') return dispatch({ type: 'draft', draft: { section: 'response' } });
					dispatch({ type: 'draft', draft: { typing: false } });
					return grade({ type: 'headers', preflight: d.preflight, response: d.response });
				}
				dispatch({ type: 'draft', draft: { [d.section === 'preflight' && prompt.type === 'headers' && prompt.preflight ? 'preflight' : 'response']: [...(d.section === 'preflight' && prompt.type === 'headers' && prompt.preflight ? d.preflight : d.response), line.trim()], text: '' } });
			}} /> : null}
		</Frame>
	);
}

function bodyLines(s: PlayerState, page: NonNullable<ReturnType<typeof pagesOf>[number]>, p: Prepared | null, lesson: { intro: string; title: string; steps: readonly { title: string }[] }, width: number, c: ReturnType<typeof useServices>['style'], svc: ReturnType<typeof useServices>): string[] {
	const md = (t: string) => markdownToLines(t, width, c);
	const para = (t: string) => wrap(t, width, 0).split('\n');
	switch (page.type) {
		case 'intro':
			return [...md(lesson.intro), '', c.dim(`${lesson.steps.length} steps. Enter or → to begin.`)];
		case 'text':
			return [c.bold(lesson.steps[page.step]?.title ?? ''), '', ...md(page.markdown)];
		case 'done': {
			const xs = exercisesOf(svc.curriculum.lessons[s.lesson] as never);
			const solved = xs.filter((x) => svc.progress.exercises[x.id]?.solved).length;
			const sum = summarise(svc.curriculum, svc.progress);
			const last = s.lesson + 1 >= svc.curriculum.lessons.length;
			if (last && sum.complete === sum.lessons.length)
				return [c.green(c.bold('Course complete!')), '', ...para(`You solved all ${sum.exercises} exercises of ${sum.lessons.length} lessons. You can read a CORS error, predict what the browser does, and fix the server that caused it.`), '', c.dim('Enter: back to the lessons')];
			return [c.bold(`End of lesson ${lesson.title}`), '', `You solved ${solved} of ${xs.length} exercises here.`, '', c.dim(last ? 'Enter: back to the lessons' : `Enter: next lesson, ${svc.curriculum.lessons[s.lesson + 1]?.title}`)];
		}
		case 'exercise': {
			const ex = page.exercise;
			if (s.showTrace && s.grade?.run) return [c.bold('What the browser does with your answer'), '', ...renderRunText(s.grade.run.scenario, s.grade.run, { style: c, width }).split('\n')];
			const out = [...para(ex.question), ''];
			ex.hints.slice(0, s.hints).forEach((h, i) => out.push(...wrap(c.yellow(`Hint ${i + 1}: ${h}`), width, 0).split('\n')));
			if (s.grade?.malformed) out.push(...wrap(c.yellow(s.grade.malformed), width, 0).split('\n'));
			else if (s.grade) {
				out.push(...wrap(s.grade.correct ? c.green(`✓ Right. ${s.grade.feedback}`) : c.red(`✗ ${s.grade.feedback}`), width, 0).split('\n'));
				if (s.grade.correct && ex.explain) out.push('', ...para(ex.explain));
				if (!s.grade.correct && s.misses >= 2 && !s.showSolution) out.push(c.dim('Press s to see the solution.'));
			}
			if (s.showSolution && p) out.push('', c.bold('Solution:'), ...p.solutionText.split('\n').flatMap(para));
			if (s.grade?.correct) out.push('', c.dim('Enter: continue'));
			return out;
		}
	}
}

function widgetLines(p: Prompt, d: Draft): number {
	switch (p.type) {
		case 'yes-no':
			return 3;
		case 'choice':
		case 'multi':
			return p.options.length + 2;
		case 'order':
			return p.items.length + 3;
		case 'outcome':
			return (d.blocked ? p.reasons.length : 2) + 2;
		case 'number':
			return 3;
		case 'headers':
			return 4 + d.preflight.length + d.response.length + (p.preflight && p.response ? 1 : 0);
	}
}

function Options({ options, cursor, marks }: { options: readonly string[]; cursor: number; marks?: (i: number) => string }) {
	return (
		<Box flexDirection="column">
			{options.map((o, i) => (
				<Text key={`${i}-${o}`} color={i === cursor ? 'cyan' : undefined}>
					{i === cursor ? '❯ ' : '  '}
					{marks ? marks(i) : ''}
					{o}
				</Text>
			))}
		</Box>
	);
}

function Widget({ prompt, draft: d, onType, onSubmitLine }: { prompt: Prompt; draft: Draft; onType: (t: string) => void; onSubmitLine: (line: string) => void }) {
	const box = (children: React.ReactNode, label: string) => (
		<Region label={label} flexDirection="column" marginTop={1}>
			{children}
		</Region>
	);
	switch (prompt.type) {
		case 'yes-no':
			return box(<Options options={['Yes', 'No']} cursor={d.cursor} />, 'answer yes or no');
		case 'choice':
			return box(<Options options={prompt.options.map((o, i) => `${i + 1}. ${o}`)} cursor={d.cursor} />, 'choose one');
		case 'multi':
			return box(<Options options={prompt.options} cursor={d.cursor} marks={(i) => (d.selected.includes(i) ? '[x] ' : '[ ] ')} />, 'tick every one that applies');
		case 'order':
			return box(
				<>
					<Options options={prompt.items} cursor={d.cursor} marks={(i) => (d.selected.includes(i) ? `${d.selected.indexOf(i) + 1}. ` : '   ')} />
					<Text dimColor>{`${d.selected.length}/${prompt.items.length} placed`}</Text>
				</>,
				'put the steps in order',
			);
		case 'outcome':
			return box(d.blocked ? <><Text>Why is it blocked?</Text><Options options={prompt.reasons} cursor={d.cursor} /></> : <Options options={['Allowed: the page can read the response', 'Blocked: the page gets a network error']} cursor={d.cursor} />, 'allowed or blocked');
		case 'number':
			return box(
				<Box>
					<Text>Your answer: </Text>
					{d.typing ? <TextInput value={d.text} onChange={onType} onSubmit={onSubmitLine} /> : <Text dimColor>(Enter to type)</Text>}
				</Box>,
				'type a number',
			);
		case 'headers': {
			const section = (name: 'preflight' | 'response', title: string, lines: readonly string[]) => (
				<Box flexDirection="column" key={name}>
					<Text bold>{title}</Text>
					{lines.map((l, i) => <Text key={`${name}-${i}`} color="green">{`  ${l}`}</Text>)}
					{d.typing && (d.section === name || !(prompt.preflight && prompt.response)) ? (
						<Box><Text>{'  '}</Text><TextInput value={d.text} onChange={onType} onSubmit={onSubmitLine} placeholder="Name: value (empty line when done)" /></Box>
					) : null}
				</Box>
			);
			return box(
				<>
					{prompt.preflight ? section('preflight', 'Headers on the preflight (OPTIONS) answer:', d.preflight) : null}
					{prompt.response ? section('response', 'Headers on the response:', d.response) : null}
					{!d.typing ? <Text dimColor>(Enter to type header lines)</Text> : null}
				</>,
				'write header lines',
			);
		}
	}
}

function helpFor(s: PlayerState, type: string, prompt: Prompt | null, reference: boolean, esc: string): KeyHelp[] {
	if (s.draft.typing)
		return [{ keys: 'Enter', does: prompt?.type === 'headers' ? 'add line (empty: check)' : 'check' }, ...(prompt?.type === 'headers' ? [{ keys: 'Backspace', does: 'on an empty line: remove the last one' }] : []), ...(prompt?.type === 'headers' && prompt.preflight && prompt.response ? [{ keys: 'Tab', does: 'switch section' }] : []), { keys: 'Esc', does: 'stop typing' }];
	if (type !== 'exercise') return [{ keys: 'Enter/→', does: 'next' }, { keys: '←', does: 'back' }, { keys: 'PgDn', does: 'scroll' }, ...(reference ? [{ keys: 'r', does: 'reference' }] : []), { keys: 'Esc', does: esc }, { keys: 'q', does: 'quit' }];
	if (s.grade?.correct) return [{ keys: 'Enter', does: 'continue' }, { keys: 't', does: 'trace' }, { keys: '←', does: 'back' }, { keys: 'Esc', does: esc }];
	return [
		{ keys: prompt?.type === 'multi' ? '↑↓ Space Enter' : prompt?.type === 'number' || prompt?.type === 'headers' ? 'Enter' : '↑↓ Enter', does: prompt?.type === 'number' || prompt?.type === 'headers' ? 'type' : 'answer' },
		{ keys: 'h', does: 'hint' },
		...(s.misses >= 2 ? [{ keys: 's', does: 'solution' }] : []),
		...(s.grade?.run ? [{ keys: 't', does: 'trace' }] : []),
		{ keys: '→', does: 'skip' },
		{ keys: 'Esc', does: esc },
	];
}
