// The Debugger: paste a console CORS error, get the cause and the fix. Four views share the
// frame: the message field, the page-origin field (only when the message lacks it), the
// report (the same sections as `cors-tutor explain`) and the target picker for the server
// configuration. A request copied as cURL is checked over the network instead, and its report
// (the same as `cors-tutor check curl …`) gets a fifth view. This file renders, measures and
// runs the check; state.ts decides, input.ts maps keys.
import { Box, type Key, Static, Text, useInput } from 'ink';
import SelectInput from 'ink-select-input';
import TextInput from 'ink-text-input';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { checkCurl } from '../../../check/curl-check.js';
import { renderCurlSummary } from '../../../check/curl-summary.js';
import { STAGE, renderCheckText } from '../../../check/render.js';
import { BROWSER, explainReport, lessonFor, reportLayout } from '../../../explain/report.js';
import { recognise } from '../../../explain/recognize.js';
import { TARGETS, findTarget } from '../../../generators/registry.js';
import { wrap } from '../../../render/text.js';
import { Region } from '../../components/a11y.js';
import { Frame, Scroll, fit } from '../../components/frame.js';
import { useServices } from '../../context.js';
import type { Navigate } from '../../navigation.js';
import { useSize } from '../../use-size.js';
import { bodyRows, helpRows } from '../sandbox/layout.js';
import { helpFor, onKey } from './input.js';
import { type DebuggerState, adviceOf, initialState, isCurl, lacksOrigin, readPastedCurl, reducer } from './state.js';

/** How long the check waits for each answer from the server. */
const CHECK_TIMEOUT_MS = 10_000;

/** Rows `text` takes at `width` (each line word-wrapped). */
const rowsOf = (text: string, width: number): number => para(text, width).split('\n').length;

/** `text` word-wrapped at `width`, its own line breaks kept (Ink's wrapping would start rows with a space). */
const para = (text: string, width: number): string => text.split('\n').map((l) => wrap(l, width, 0)).join('\n');

const TITLE = 'Debugger — paste a console error, get the cause and the fix';

export function Debugger({ navigate, initial }: { navigate: Navigate; initial?: DebuggerState }) {
	const svc = useServices();
	const { columns, rows } = useSize();
	const [s, dispatch] = useReducer(reducer, undefined, () => initial ?? initialState());
	const width = Math.max(30, columns - 1);

	const r = s.recognized;
	const advice = adviceOf(s);
	const lesson = r ? lessonFor(r.code, svc.curriculum.lessons) : null;
	const lessonIndex = lesson ? svc.curriculum.lessons.findIndex((l) => l.id === lesson.id) : -1;
	const target = s.target ? findTarget(s.target) : undefined;
	const keys = helpFor(s, { lesson: lessonIndex >= 0, origin: lacksOrigin(s), config: Boolean(target && advice?.policy) });
	// A narrow terminal drops "↑↓ scroll" before the help line wraps (the Scroll marker names PgUp/PgDn).
	const help = helpRows(keys, columns) > 1 && s.view === 'result' ? keys.filter((k) => k.keys !== '↑↓') : keys;
	const body = bodyRows(rows, helpRows(help, columns));

	// The report: laid out for this width, every row within it (Scroll counts rows).
	let lines: string[] = [];
	let heading = '';
	let configAt = 0;
	if (r && advice) {
		const generated = target && advice.policy ? target.generate(advice.policy) : null;
		const report = explainReport(r, advice, {
			config: generated && target ? { name: target.name, text: generated.text, warnings: generated.warnings } : null,
			lesson: lesson ? { ref: lesson, open: 'press l to open it' } : null,
		});
		const laid = reportLayout(report, { style: svc.style, width, wrapAll: true });
		lines = laid.lines;
		heading = report.heading;
		configAt = (laid.offsets.config ?? laid.offsets.lesson ?? laid.offsets.rules ?? 0) + 1;
	}
	const pasted = s.view === 'check' ? s.pasted : null;
	if (pasted?.outcome && 'report' in pasted.outcome) {
		const { summary, report } = pasted.outcome;
		const text = `${renderCurlSummary(summary, { style: svc.style, width })}\n\n${renderCheckText(report, { style: svc.style, width })}`;
		// Every row within the width (Scroll counts rows): the few lines the renderers leave whole are wrapped here.
		lines = text.split('\n').flatMap((l) => wrap(l, width, 4).split('\n'));
	}
	const checked = pasted?.outcome && 'report' in pasted.outcome ? pasted.outcome.report : null;
	const verdict = checked
		? checked.verdict === 'allowed'
			? '✓ Allowed: the page can read the response.'
			: checked.verdict === 'network-error'
				? `! No HTTP answer: ${checked.networkError?.message ?? 'the request failed'}. Not a CORS verdict.`
				: `✗ Blocked ${STAGE[checked.failure?.stage ?? 'actual']}: ${checked.failure?.code ?? ''} — the cause and the fix follow the exchanges.`
		: '';
	const status =
		s.note?.text ??
		(verdict ||
		(advice && r && !advice.policy && lacksOrigin(s)
			? "Press o to give your page's origin: then t shows the fix as server configuration."
			: advice?.policy
				? target
					? `The fix for ${target.name} is in the report · c prints it to copy · t: another server.`
					: 't: this fix as configuration for nginx, Apache, Express, …'
				: ''));
	const statusRows = status ? Math.min(3, rowsOf(status, width)) : 0;
	const scrollHeight = Math.max(1, body - statusRows);
	const h = lines.length > scrollHeight ? Math.max(1, scrollHeight - 1) : scrollHeight;
	const maxScroll = Math.max(0, lines.length - h);

	const latest = useRef({ s, maxScroll, navigate, exit: svc.exit, lessonIndex });
	latest.current = { s, maxScroll, navigate, exit: svc.exit, lessonIndex };
	const onInput = useCallback((input: string, key: Key) => {
		const now = latest.current;
		const e = onKey(input, key, now.s);
		if (e.type === 'home') now.navigate({ name: 'home' });
		else if (e.type === 'quit') now.exit(0);
		else if (e.type === 'lesson') {
			// Esc in the lesson comes back here, to the same report.
			if (now.lessonIndex >= 0) now.navigate({ name: 'player', lesson: now.lessonIndex, back: { name: 'debugger', state: now.s } });
		} else if (e.type === 'action') dispatch(e.action.type === 'scroll' ? { ...e.action, max: now.maxScroll } : e.action);
	}, []);
	useInput(onInput);

	// A pasted curl command: send it as the browser would, once per paste.
	const checking = s.view === 'check' && s.pasted && s.pasted.origin && !s.pasted.outcome ? s.pasted : null;
	useEffect(() => {
		if (!checking?.origin) return;
		const { id } = checking;
		checkCurl(checking.request, checking.origin, { timeoutMs: CHECK_TIMEOUT_MS }).then(
			(outcome) => dispatch({ type: 'checked', id, outcome }),
			(e: unknown) => dispatch({ type: 'checked', id, outcome: { failed: e instanceof Error ? e.message : String(e) } }),
		);
	}, [checking?.id, checking?.origin]);

	const error = s.error ? (
		<Box marginTop={1}>
			<Text color="red" aria-label={`error: ${s.error}`}>
				{para(s.error, width)}
			</Text>
		</Box>
	) : null;

	/** The page-origin field, under what it is asked for and why. */
	const originField = (title: string, why: string) => (
		<>
			<Text bold>{fit(title, width)}</Text>
			<Box marginTop={1}>
				<Text>{para(why, width)}</Text>
			</Box>
			<Box marginTop={1} aria-role="textbox">
				<Text color="cyan">{"Your page's origin: "}</Text>
				<TextInput value={s.originDraft} placeholder="https://app.example.com" onChange={(text) => dispatch({ type: 'origin-draft', text })} onSubmit={() => dispatch({ type: 'origin-submit' })} />
			</Box>
			{error}
		</>
	);

	let content: React.ReactNode;
	let right = '';
	if (s.view === 'message') {
		const intro = 'Paste the CORS error from the browser console (both lines when there are two), or the failing request copied as cURL from the Network panel, then press Enter.';
		const curl = isCurl(s.text) ? readPastedCurl(s.text) : null;
		const seen = s.text.trim() === '' || curl ? null : recognise(s.text).primary;
		const hint = curl && !('problem' in curl)
			? `Recognised: a curl command, ${curl.method} ${curl.url} — Enter sends it as ${BROWSER[curl.browser ?? 'chromium']} would.`
			: seen
				? `Recognised: ${BROWSER[seen.browser]} · ${seen.code} — Enter explains it.`
				: null;
		const below = s.error ? 1 + rowsOf(s.error, width) : hint ? 1 + rowsOf(hint, width) : 0;
		// A paste taller than the room left shows its last rows (where the cursor is), under a marker.
		const fieldRows = Math.max(2, body - rowsOf(intro, width) - 2 - below);
		const textRows = rowsOf(`${s.text} `, width);
		const shownRows = textRows > fieldRows ? fieldRows - 1 : textRows;
		const lineCount = s.text.split('\n').length;
		right = lineCount > 1 ? `${lineCount} lines pasted` : '';
		content = (
			<>
				<Text>{para(intro, width)}</Text>
				<Box marginTop={1}>
					<Text color="cyan">Console message:</Text>
				</Box>
				{shownRows < textRows ? <Text dimColor>{`↑ ${textRows - shownRows} more rows above`}</Text> : null}
				<Region label="console message, text field" height={shownRows} width={width} overflow="hidden" flexDirection="column" aria-role="textbox">
					<Box marginTop={shownRows - textRows} flexShrink={0} flexDirection="column">
						<TextInput value={s.text} placeholder="Access to fetch at … has been blocked by CORS policy: …" onChange={(text) => dispatch({ type: 'draft', text })} onSubmit={() => dispatch({ type: 'submit' })} />
					</Box>
				</Region>
				{error ??
					(hint ? (
						<Box marginTop={1}>
							<Text color="green" aria-label={`status: ${hint}`}>
								{para(hint, width)}
							</Text>
						</Box>
					) : null)}
			</>
		);
	} else if (s.view === 'origin' && s.pasted && !r) {
		content = originField(
			`${s.pasted.request.method} ${s.pasted.request.url}`,
			'The copied request has no Origin or Referer header, so the page that sends it is unknown. Its origin (scheme, host and port, e.g. https://app.example.com) is what the server is asked to allow.',
		);
	} else if (s.view === 'check' && s.pasted) {
		const { request, outcome } = s.pasted;
		right = outcome && 'report' in outcome ? outcome.report.verdict : 'checking';
		content = !outcome ? (
			<Text aria-label="status: checking">{para(`Sending ${request.method} ${request.url} as ${BROWSER[request.browser ?? 'chromium']} would (the preflight first when it needs one)… Esc stops waiting.`, width)}</Text>
		) : 'failed' in outcome ? (
			<Text color="red" aria-label={`error: ${outcome.failed}`}>
				{para(`The check failed: ${outcome.failed}`, width)}
			</Text>
		) : (
			<>
				<Region label="the check: exchanges, verdict, cause and fix" flexDirection="column">
					<Scroll lines={lines} scroll={Math.min(s.scroll, maxScroll)} height={h} />
				</Region>
				<Text color={checked?.verdict === 'allowed' ? 'green' : checked?.verdict === 'blocked' ? 'red' : 'yellow'} aria-label={`status: ${status}`}>
					{para(status, width).split('\n').slice(0, 3).join('\n')}
				</Text>
			</>
		);
	} else if (s.view === 'origin' && r) {
		content = originField(
			heading,
			`${BROWSER[r.browser]} messages do not name the page that made the request. Its origin (scheme, host and port, e.g. https://app.example.com) lets the fix name it and give the server configuration. Enter with nothing skips this.`,
		);
	} else if (s.view === 'targets') {
		right = 'choose a server';
		const items = TARGETS.map((t) => ({ key: t.id, value: t.id, label: fit(`${t.name} — ${t.summary}`, width - 3) }));
		const initialIndex = Math.max(0, TARGETS.findIndex((t) => t.id === s.target));
		content = (
			<>
				<Text>{fit('The fix as configuration for which server or framework?', width)}</Text>
				<Region label="configuration targets" marginTop={1} flexDirection="column" aria-role="menu">
					<SelectInput items={items} initialIndex={initialIndex} limit={Math.max(3, body - 2)} onSelect={(item) => dispatch({ type: 'choose-target', id: item.value, at: configAt })} />
				</Region>
			</>
		);
	} else {
		right = target ? `config: ${target.name}` : '';
		content = (
			<>
				<Region label="the cause and the fix" flexDirection="column">
					<Scroll lines={lines} scroll={Math.min(s.scroll, maxScroll)} height={h} />
				</Region>
				{status ? (
					<Text color={s.note?.tone === 'warn' ? 'yellow' : s.note?.tone === 'ok' ? 'green' : 'cyan'} aria-label={`status: ${status}`}>
						{para(status, width).split('\n').slice(0, 3).join('\n')}
					</Text>
				) : null}
			</>
		);
	}
	return (
		<>
			<Static items={[...s.printed]}>{(p) => <Text key={`p${p.id}`}>{p.lines.join('\n')}</Text>}</Static>
			<Frame title={TITLE} right={right} help={help}>
				{content}
			</Frame>
		</>
	);
}
