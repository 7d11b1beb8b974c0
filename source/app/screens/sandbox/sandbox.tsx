// The sandbox: build a request sequence and a server, then watch the modelled browser, its
// preflight cache and the server exchange messages one trace event at a time, on a clock you
// move. Every arrow is a trace event of the core (run.ts); this file wires state, keys and
// panels and measures the terminal so the live frame always fits.
import { type Key, Static, Text, useInput } from 'ink';
import { useCallback, useMemo, useReducer, useRef } from 'react';
import { PROFILES } from '../../../core/index.js';
import { Frame } from '../../components/frame.js';
import { useServices } from '../../context.js';
import type { Navigate } from '../../navigation.js';
import { useSize } from '../../use-size.js';
import { loadSetupFile, saveSetupFile } from './files.js';
import { type Effect, helpFor, onKey } from './input.js';
import { cacheLines, explain, fit, geometry, itemLines, laneHeader } from './lanes.js';
import { bodyRows, helpRows, runLayout } from './layout.js';
import { type Setup, formatMs, isFetch } from './model.js';
import { PRESETS, presetSetup } from './presets.js';
import { compareRuns, runSandbox } from './run.js';
import { type SandboxState, initialState, presetsMode, reducer, rowsOf } from './state.js';
import { EditorView, PresetsView, PromptView, RunView, clamp, paint } from './view.js';

/** The first state: the file given on the command line, or the preset list to choose from. */
export function startState(file?: string): SandboxState {
	const first = presetSetup(PRESETS[0] as (typeof PRESETS)[number]);
	if (!file) return { ...initialState(first, { mode: presetsMode() }), message: { tone: 'info', text: 'Choose a preset to start from (Esc keeps the first one)' } };
	const r = loadSetupFile(file);
	if (!r.ok) return { ...initialState(first, { mode: presetsMode() }), message: { tone: 'error', text: r.error } };
	return reducer(initialState(r.setup), { type: 'load', setup: r.setup, source: r.file, file: r.file });
}

function describeSetup(s: Setup): string {
	const fetches = s.steps.filter(isFetch).length;
	const waits = s.steps.length - fetches;
	const server = s.server === 'policy' ? 'CORS policy' : `OPTIONS → ${s.raw.preflight?.status ?? 404}, others → ${s.raw.response.status}`;
	return `page ${s.page} · ${fetches} request${fetches === 1 ? '' : 's'}${waits ? `, ${waits} wait${waits === 1 ? '' : 's'}` : ''} · server: ${server}`;
}

export function Sandbox({ navigate, file, initial }: { navigate: Navigate; file?: string; initial?: SandboxState }) {
	const svc = useServices();
	const c = svc.style;
	const { columns, rows } = useSize();
	const [s, dispatch] = useReducer(reducer, undefined, () => initial ?? startState(file));
	const run = runSandbox(s.setup, s.browser);
	const profile = PROFILES[s.browser];
	const width = Math.max(30, columns - 1);
	const g = useMemo(() => geometry(width - 1), [width]);
	// Every item drawn once per run and width; stepping only picks how many are shown.
	const drawn = useMemo(() => run.items.map((it) => itemLines(it, g)), [run, g]);
	const painted = useMemo(() => drawn.map((ls) => ls.map((l) => ` ${paint(c, l.tone)(l.text)}`)), [drawn, c]);

	const help = helpFor(s);
	const body = bodyRows(rows, helpRows(help, columns));
	const cur = s.position > 0 ? run.items[s.position - 1] : undefined;
	const now = cur?.now ?? 0;

	let maxScroll = 0;
	let content: React.ReactNode;
	if (s.mode.kind === 'view') {
		const cacheAll = cacheLines(cur, s.position > 1 ? run.items[s.position - 2] : undefined, width);
		const entries = cur?.cache.length ?? 0;
		const L = runLayout(body, cacheAll.length);
		const cache = cacheAll.length > L.cache ? [...cacheAll.slice(0, Math.max(0, L.cache - 1)), { text: `  … ${cacheAll.length - L.cache + 1} more`, tone: 'dim' as const }] : cacheAll;
		const diagram: string[] = [];
		for (let i = 0; i < s.position - 1; i++) for (const l of painted[i] ?? []) diagram.push(l);
		const current = diagram.length;
		for (const l of drawn[s.position - 1] ?? []) diagram.push(c.bold(`›${paint(c, l.tone)(l.text)}`));
		const h = diagram.length > L.diagram ? L.diagram - 1 : L.diagram;
		maxScroll = Math.max(0, diagram.length - h);
		// Follow the current item; when it is taller than the window, show its first line (the arrow).
		const top = Math.max(0, Math.min(diagram.length - h, current) - Math.min(s.scroll, maxScroll));
		const compare = s.compareWith ? compareRuns(run, runSandbox(s.setup, s.compareWith)) : null;
		const fallback = run.error
			? run.error
			: compare
				? `vs ${PROFILES[s.compareWith ?? 'chromium'].name}: ${compare.length ? compare.map((d) => `#${d.step} ${d.what}`).join(' · ') : 'nothing differs'}`
				: s.position === 0
					? 'Enter runs to the end · r edits the requests, v the server, p loads a preset'
					: s.position === run.items.length
						? 'End of the exchange · ← steps back · s/m/h move the clock · b switches browser'
						: `${run.items.length - s.position} more message${run.items.length - s.position === 1 ? '' : 's'} to come`;
		content = (
			<RunView
				style={c}
				width={width}
				setupLine={L.setupLine ? fit(describeSetup(s.setup), width) : null}
				laneHeader={laneHeader(g)}
				diagram={diagram}
				top={top}
				diagramHeight={L.diagram}
				explain={clamp(explain(cur, profile.name), width, L.explain)}
				cacheTitle={fit(`Preflight cache at t = ${formatMs(now)}: ${entries === 0 ? 'empty' : `${entries} entr${entries === 1 ? 'y' : 'ies'}`}`, width)}
				cache={cache}
				status={run.error ? { tone: 'error', text: run.error } : s.message}
				fallback={fallback}
			/>
		);
	} else if (s.mode.kind === 'requests' || s.mode.kind === 'server') {
		const mode = s.mode;
		content = (
			<EditorView
				title={mode.kind === 'requests' ? 'Requests: the page and its fetch() calls, in order' : 'Server: how it answers'}
				rows={rowsOf(s)}
				cursor={mode.cursor}
				typing={mode.typing}
				height={body}
				width={width}
				message={s.message}
				style={c}
				onType={(text) => dispatch({ type: 'draft', text })}
				onSubmit={(text) => dispatch({ type: 'commit', text })}
			/>
		);
	} else if (s.mode.kind === 'presets') {
		content = (
			<>
				<PresetsView presets={PRESETS} cursor={s.mode.cursor} height={body - 1} width={width} style={c} />
				<Text color={s.message?.tone === 'error' ? 'red' : undefined} dimColor={s.message?.tone !== 'error'} wrap="truncate-end">{fit(s.message?.text ?? ' ', width)}</Text>
			</>
		);
	} else if (s.mode.kind === 'save' || s.mode.kind === 'open') {
		const mode = s.mode;
		const saving = mode.kind === 'save';
		content = (
			<PromptView
				title={saving ? 'Save this setup as a scenario file' : 'Open a scenario file'}
				label="File:"
				text={mode.text}
				about={saving
					? [`${describeSetup(s.setup)}`, 'The format of cors-tutor simulate and the recorded-browser oracle.', ...(s.setup.server === 'policy' ? ['The policy is written as the answers it gives this page.'] : [])]
					: ['A scenario file in the oracle format, e.g. one written by w (save) or from test/fixtures.']}
				message={s.message}
				width={width}
				onType={(text) => dispatch({ type: 'draft', text })}
				onSubmit={(text) => {
					if (saving) {
						const r = saveSetupFile(text, s.setup, s.browser, { overwrite: mode.confirm });
						if (r.ok) dispatch({ type: 'saved', file: r.file, ...(r.note ? { note: r.note } : {}) });
						else if (r.exists) dispatch({ type: 'confirm-overwrite', file: r.file ?? text });
						else dispatch({ type: 'failed', text: r.error });
					} else {
						const r = loadSetupFile(text);
						if (r.ok) dispatch({ type: 'load', setup: r.setup, source: r.file, file: r.file });
						else dispatch({ type: 'failed', text: r.error });
					}
				}}
			/>
		);
	}

	// One stable handler reading the latest render: a key that arrives before React has
	// re-subscribed a new handler still sees the current state.
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

	const right = `${profile.name} · t = ${formatMs(now)} · ${s.position}/${run.items.length}`;
	return (
		<>
			<Static items={[...s.journal]}>
				{(e) => (
					<Text key={`j${e.id}`} dimColor>
						{e.lines.map((l) => fit(l, width)).join('\n')}
					</Text>
				)}
			</Static>
			<Frame title={fit(`Sandbox · ${s.setup.title || s.setup.id}`, Math.max(8, columns - right.length - 2))} right={right} help={help}>
				{content}
			</Frame>
		</>
	);
}
