// The policy builder: a form for every field of a CORS policy, the lint's findings, the
// policy's answers to a sample request (preflight and actual) and the configuration for a
// chosen target, all live. This file wires state, keys and panels and measures the terminal
// so the live frame always fits (the panel below the form is windowed with Scroll).
import { Box, type Key, Static, Text, useInput } from 'ink';
import TextInput from 'ink-text-input';
import { useCallback, useReducer, useRef } from 'react';
import { Frame, Scroll, fit } from '../../components/frame.js';
import { useServices } from '../../context.js';
import type { Navigate } from '../../navigation.js';
import { useSize } from '../../use-size.js';
import type { Policy } from '../../../policy/model.js';
import { bodyRows, helpRows } from '../sandbox/layout.js';
import { loadPolicyFile, policyFileText, saveTextFile } from './files.js';
import { type Effect, helpFor, onKey } from './input.js';
import { type BuilderState, EMPTY_HINT, type FieldId, LABELS, PANELS, POLICY_FIELDS, SAMPLE_FIELDS, fieldText, generatedOf, initialState, lintOf, previewOf, reducer, rowAt, targetOf } from './state.js';
import { configLines, lintLines, lintSummary, previewLines } from './panels.js';

/** The first state: the policy given (or loaded from `file`), else a starter policy. */
export function startState(file?: string, policy?: Policy): BuilderState {
	if (policy) return initialState(policy, file ? { file } : {});
	if (!file) return { ...initialState(), message: { tone: 'info', text: 'A starter policy: Enter edits a field; the panel below follows every change' } };
	const r = loadPolicyFile(file);
	if (!r.ok) return { ...initialState(), message: { tone: 'error', text: r.error } };
	return reducer(initialState(r.policy, { file: r.file }), { type: 'load', policy: r.policy, file: r.file });
}

const PANEL_TITLE = { preview: 'Preview', lint: 'Lint', config: 'Config' } as const;

export function Builder({ navigate, file, policy, initial }: { navigate: Navigate; file?: string; policy?: Policy; initial?: BuilderState }) {
	const svc = useServices();
	const { columns, rows } = useSize();
	const [s, dispatch] = useReducer(reducer, undefined, () => initial ?? startState(file, policy));
	const width = Math.max(30, columns - 1);
	const help = helpFor(s);
	const body = bodyRows(rows, helpRows(help, columns));

	const findings = lintOf(s);
	const target = targetOf(s);
	const generated = generatedOf(s.policy, target?.id ?? '');
	const preview = previewOf(s.policy, s.sample);

	// The line under the form: the field being typed, the save prompt, or the last message.
	// A long value wraps: its rows are counted so that the panel gives way, not the frame.
	const typing = s.mode.kind === 'form' ? s.mode.typing : null;
	const saving = s.mode.kind === 'save' ? s.mode : null;
	const editing = saving
		? { label: `Save ${saving.what === 'policy' ? 'the policy' : `the ${target?.name ?? ''} configuration`} to: `, value: saving.text }
		: typing !== null
			? { label: `${LABELS[rowAt(s)]}: `, value: typing }
			: null;
	const statusRows = editing ? helpRows([{ keys: `${editing.value} `, does: '' }], Math.max(1, columns - editing.label.length)) + 1 : 1;

	// The form: two columns (the policy | the sample request and the target) when there is
	// room, else one column windowed around the selected field.
	const MIN_PANEL = 4;
	const formBudget = Math.max(1, body - statusRows - 1 - MIN_PANEL);
	const twoColumns = width >= 70 && formBudget >= POLICY_FIELDS.length;
	const colWidth = twoColumns ? Math.floor((width - 1) / 2) : width;
	const labelWidth = 16;
	const row = (f: FieldId) => {
		const here = rowAt(s) === f;
		const v = fieldText(s, f);
		const shown = v === '' ? (EMPTY_HINT[f] ?? '') : v;
		const text = fit(`${here ? '›' : ' '} ${LABELS[f].padEnd(labelWidth)}${shown}`, colWidth);
		return (
			<Text key={f} bold={here} dimColor={!here && v === ''} wrap="truncate-end">
				{text}
			</Text>
		);
	};
	const heading = (
		<Text key="sample" dimColor>
			{fit('  Sample request', colWidth)}
		</Text>
	);
	const left = [...POLICY_FIELDS].map(row);
	const right = [...SAMPLE_FIELDS, 'target' as const].map(row);
	const single = [...left, heading, ...right];
	const shownRows = Math.min(single.length, formBudget);
	const cursorLine = s.cursor < POLICY_FIELDS.length ? s.cursor : s.cursor + 1;
	const formTop = Math.max(0, Math.min(single.length - shownRows, cursorLine - Math.floor(shownRows / 2)));
	const formRows = twoColumns ? Math.max(left.length, right.length + 1) : shownRows;

	let editLine: React.ReactNode;
	if (editing) {
		editLine = (
			<Box>
				<Text color="cyan">{editing.label}</Text>
				<TextInput
					value={editing.value}
					onChange={(text) => dispatch({ type: 'draft', text })}
					onSubmit={(text) => {
						if (!saving) {
							dispatch({ type: 'commit', text });
							return;
						}
						const content = saving.what === 'policy' ? policyFileText(s.policy) : generated.ok ? generated.text : null;
						if (content === null) {
							dispatch({ type: 'failed', text: generated.ok ? '' : `not saved: ${generated.error}` });
							return;
						}
						const r = saveTextFile(text, content, { overwrite: saving.confirm });
						if (r.ok) dispatch({ type: 'saved', file: r.file, what: saving.what });
						else if (r.exists) dispatch({ type: 'confirm-overwrite', file: r.file ?? text });
						else dispatch({ type: 'failed', text: r.error });
					}}
				/>
			</Box>
		);
	}
	const message = s.message ? <Text color={s.message.tone === 'error' ? 'red' : s.message.tone === 'ok' ? 'green' : undefined} wrap="truncate-end">{fit(s.message.text, width)}</Text> : null;
	// The selected field in full (the form truncates long values), and what Enter does with it.
	const current = rowAt(s);
	const toggles = current === 'target' || current === 'credentials' || current === 'vary' || current === 'preflightStatus';
	const hint = (
		<Text wrap="truncate-end">
			{fit(`${LABELS[current]}: ${fieldText(s, current) || (EMPTY_HINT[current] ?? '')}  —  ${toggles ? 'Enter or ←/→ changes it · t cycles the target' : 'Enter edits it; lists are comma-separated'}`, width)}
		</Text>
	);

	const lines = (s.panel === 'preview' ? previewLines(s.sample, preview) : s.panel === 'lint' ? lintLines(findings) : configLines(generated)).map((l) => fit(l, width));
	const tabs = PANELS.map((p) => {
		const name = p === 'lint' ? lintSummary(findings) : p === 'config' ? `${PANEL_TITLE.config}: ${target?.name ?? ''}${generated.ok && generated.warnings.length ? ` (${generated.warnings.length} warning${generated.warnings.length > 1 ? 's' : ''})` : ''}` : PANEL_TITLE[p];
		return p === s.panel ? `[${name}]` : ` ${name} `;
	}).join(' ');
	const panelHeight = Math.max(1, body - formRows - statusRows - 1);
	const h = lines.length > panelHeight ? Math.max(1, panelHeight - 1) : panelHeight;
	const maxScroll = Math.max(0, lines.length - h);

	const latest = useRef({ s, maxScroll, navigate, exit: svc.exit });
	latest.current = { s, maxScroll, navigate, exit: svc.exit };
	const onInput = useCallback((input: string, key: Key) => {
		const now = latest.current;
		const e: Effect = onKey(input, key, now.s);
		if (e.type === 'home') now.navigate({ name: 'home' });
		else if (e.type === 'quit') now.exit(0);
		else if (e.type === 'action') dispatch(e.action.type === 'scroll' ? { ...e.action, max: now.maxScroll } : e.action);
	}, []);
	useInput(onInput);

	const errors = findings.filter((f) => f.severity === 'error').length;
	const title = `Policy builder · ${s.file ?? 'new policy'}`;
	const rightText = `${target?.name ?? ''} · ${errors ? `${errors} lint error${errors > 1 ? 's' : ''}` : 'no lint errors'}`;
	return (
		<>
			<Static items={[...s.printed]}>
				{(p) => (
					<Text key={`p${p.id}`}>{p.lines.join('\n')}</Text>
				)}
			</Static>
			<Frame title={fit(title, Math.max(8, columns - rightText.length - 2))} right={rightText} help={help}>
			{twoColumns ? (
				<Box>
					<Box flexDirection="column" width={colWidth}>
						{left}
					</Box>
					<Box flexDirection="column" width={colWidth} marginLeft={1}>
						{heading}
						{right}
					</Box>
				</Box>
			) : (
				<Box flexDirection="column">{single.slice(formTop, formTop + shownRows)}</Box>
			)}
			{editLine ?? null}
			{editLine ? (message ?? <Text> </Text>) : (message ?? hint)}
			<Text bold wrap="truncate-end">{fit(tabs, width)}</Text>
			<Scroll lines={lines} scroll={Math.min(s.scroll, maxScroll)} height={h} />
		</Frame>
		</>
	);
}
