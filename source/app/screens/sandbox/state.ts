// The sandbox's state: the setup, the browser, how far the stepper has got and which panel
// has the keyboard. A pure reducer over a closed set of actions. Runs are derived from
// (setup, browser) by the core (run.ts, memoised); the clock is part of the setup — advancing
// it puts a wait into the sequence at the current position, so the time you see is the time
// the core ran at, and a saved file replays it.

import { BROWSER_IDS, type BrowserId, PROFILES } from '../../../core/index.js';
import { type Setup, formatMs, isFetch } from './model.js';
import { PRESETS, presetSetup, presetTitle } from './presets.js';
import { type Row, type RowId, activate, applyText, draftOf, remove, requestRows, serverRows } from './rows.js';
import { compareRuns, runSandbox, summaryOf } from './run.js';

export type Mode =
	| { readonly kind: 'view' }
	| { readonly kind: 'requests' | 'server'; readonly cursor: number; readonly typing: string | null }
	| { readonly kind: 'presets'; readonly cursor: number }
	| { readonly kind: 'save' | 'open'; readonly text: string; readonly confirm: boolean };

export interface Message {
	readonly tone: 'info' | 'ok' | 'error';
	readonly text: string;
}

/** A line block in the session's history (drawn once, in <Static>). */
export interface JournalEntry {
	readonly id: number;
	readonly lines: readonly string[];
}

export interface SandboxState {
	readonly setup: Setup;
	/** Bumped on every change of the setup. */
	readonly version: number;
	readonly browser: BrowserId;
	/** The browser before the last switch, to show what differs. */
	readonly compareWith: BrowserId | null;
	/** How many items of the run are shown (0: nothing yet). */
	readonly position: number;
	/** Lines scrolled up from the current event. */
	readonly scroll: number;
	/** The request the request editor edits (a step index). */
	readonly selected: number;
	readonly mode: Mode;
	readonly message: Message | null;
	readonly journal: readonly JournalEntry[];
	/** `${version}:${browser}` of runs already written to the journal. */
	readonly journaled: readonly string[];
	/** Where the setup came from (a file path), for the save prompt. */
	readonly file: string | null;
}

export type Action =
	| { readonly type: 'step'; readonly by: number }
	| { readonly type: 'to-start' }
	| { readonly type: 'to-end' }
	| { readonly type: 'scroll'; readonly by: number; readonly max?: number }
	| { readonly type: 'clock'; readonly ms: number }
	| { readonly type: 'browser'; readonly id?: BrowserId }
	| { readonly type: 'open'; readonly mode: 'requests' | 'server' | 'presets' | 'save' | 'open' }
	| { readonly type: 'close' }
	| { readonly type: 'cursor'; readonly by: number }
	| { readonly type: 'activate' }
	| { readonly type: 'remove' }
	| { readonly type: 'draft'; readonly text: string }
	| { readonly type: 'commit'; readonly text: string }
	| { readonly type: 'cancel-typing' }
	| { readonly type: 'load'; readonly setup: Setup; readonly source: string; readonly file?: string }
	| { readonly type: 'saved'; readonly file: string; readonly note?: string }
	| { readonly type: 'confirm-overwrite'; readonly file: string }
	| { readonly type: 'failed'; readonly text: string };

export function initialState(setup: Setup, opts: { file?: string; mode?: Mode; browser?: BrowserId } = {}): SandboxState {
	return {
		setup, version: 0, browser: opts.browser ?? 'chromium', compareWith: null, position: 0, scroll: 0,
		selected: Math.max(0, setup.steps.findIndex(isFetch)), mode: opts.mode ?? { kind: 'view' }, message: null,
		journal: [], journaled: [], file: opts.file ?? null,
	};
}

export const presetsMode = (): Mode => ({ kind: 'presets', cursor: 0 });

export const runOf = (s: SandboxState) => runSandbox(s.setup, s.browser);

export function rowsOf(s: SandboxState): Row[] {
	return s.mode.kind === 'server' ? serverRows(s.setup) : requestRows(s.setup, s.selected);
}

const selectable = (r: Row | undefined): boolean => r !== undefined && r.id.t !== 'heading' && r.id.t !== 'note';

function log(s: SandboxState, lines: string[]): SandboxState {
	const id = (s.journal[s.journal.length - 1]?.id ?? 0) + 1;
	return { ...s, journal: [...s.journal, { id, lines }] };
}

/** A new setup: the exchange re-runs from the start. */
function withSetup(s: SandboxState, setup: Setup): SandboxState {
	return { ...s, setup, version: s.version + 1, position: 0, scroll: 0, compareWith: null };
}

/** Move to `position`; the first time a run is seen to its end, its outcome goes to the journal. */
function moveTo(s: SandboxState, position: number): SandboxState {
	const run = runOf(s);
	const p = Math.max(0, Math.min(run.items.length, position));
	let next: SandboxState = { ...s, position: p, scroll: 0, message: null };
	const key = `${s.version}:${s.browser}`;
	if (p === run.items.length && p > 0 && !s.journaled.includes(key)) {
		next = log({ ...next, journaled: [...next.journaled, key] }, [`${PROFILES[s.browser].name} · ${s.setup.title || s.setup.id}`, ...summaryOf(s.setup, run).map((l) => `  ${l}`)]);
	}
	return next;
}

const MAX_WAIT = 86_400_000;

/** Advance the virtual clock at the current position: a wait step after the current step. */
function advanceClock(s: SandboxState, ms: number): SandboxState {
	const run = runOf(s);
	if (run.error) return { ...s, message: { tone: 'error', text: run.error } };
	const cur = s.position > 0 ? run.items[s.position - 1] : undefined;
	const steps = [...s.setup.steps];
	let at = cur === undefined ? 0 : cur.kind === 'wait' ? cur.step : cur.step + 1;
	const there = steps[at];
	if (there && !isFetch(there) && there.wait_ms + ms <= MAX_WAIT) steps[at] = { wait_ms: there.wait_ms + ms };
	else {
		if (there && !isFetch(there)) at += 1;
		steps.splice(at, 0, { wait_ms: ms });
	}
	const moved: SandboxState = { ...s, setup: { ...s.setup, steps }, version: s.version + 1, selected: s.selected >= at ? s.selected + 1 : s.selected };
	const fixed = { ...moved, selected: isFetch(steps[moved.selected]) ? moved.selected : s.selected };
	const items = runOf(fixed).items;
	const position = items.findIndex((it) => it.kind === 'wait' && it.step === at) + 1;
	return { ...moveTo(fixed, position), message: { tone: 'info', text: `clock +${formatMs(ms)}` } };
}

function switchBrowser(s: SandboxState, id: BrowserId): SandboxState {
	if (id === s.browser) return s;
	const before = runOf(s);
	const atEnd = s.position === before.items.length;
	const switched: SandboxState = { ...s, browser: id, compareWith: s.browser };
	const after = runOf(switched);
	const diffs = compareRuns(after, before);
	const here = PROFILES[id].name;
	const there = PROFILES[s.browser].name;
	const moved = moveTo(switched, atEnd ? after.items.length : s.position);
	return log(
		{ ...moved, message: { tone: 'info', text: `${here}: ${diffs.length ? `${diffs.length} difference${diffs.length > 1 ? 's' : ''} from ${there}` : `same outcome, preflights and console as ${there}`}` } },
		[`Switched ${there} → ${here}: ${diffs.length ? '' : 'nothing differs'}`, ...diffs.map((d) => `  #${d.step} ${d.what}: ${here} ${d.here.split('\n')[0]} · ${there} ${d.there.split('\n')[0]}`)],
	);
}

function editorAction(s: SandboxState, a: Action): SandboxState {
	const mode = s.mode;
	if (mode.kind !== 'requests' && mode.kind !== 'server') return s;
	const rows = rowsOf(s);
	const row = rows[mode.cursor];
	const apply = (edit: ReturnType<typeof activate>, after: Partial<typeof mode> = {}): SandboxState => {
		if (!edit.ok) return { ...s, message: { tone: 'error', text: edit.error } };
		const changed = edit.setup !== s.setup ? withSetup(s, edit.setup) : s;
		const selected = edit.selected ?? changed.selected;
		const next: SandboxState = { ...changed, selected, mode: { ...mode, typing: null, ...after }, message: null };
		const count = rowsOf(next).length;
		return next.mode.kind === mode.kind ? { ...next, mode: { ...mode, typing: null, ...after, cursor: Math.min(mode.cursor, count - 1) } } : next;
	};
	switch (a.type) {
		case 'cursor': {
			let c = mode.cursor;
			for (let n = 0; n < rows.length; n++) {
				c = (c + (a.by > 0 ? 1 : -1) + rows.length) % rows.length;
				if (selectable(rows[c])) break;
			}
			return { ...s, mode: { ...mode, cursor: c }, message: null };
		}
		case 'activate':
			if (!row || !selectable(row) || row.kind === 'info') return s;
			if (row.kind === 'text') return { ...s, mode: { ...mode, typing: draftOf(row) }, message: null };
			return apply(activate(s.setup, s.selected, row.id));
		case 'remove':
			return row?.removable ? apply(remove(s.setup, s.selected, row.id)) : { ...s, message: { tone: 'error', text: 'x removes a step or a header line' } };
		case 'draft':
			return mode.typing === null ? s : { ...s, mode: { ...mode, typing: a.text } };
		case 'commit':
			return row ? apply(applyText(s.setup, s.selected, row.id, a.text)) : s;
		case 'cancel-typing':
			return { ...s, mode: { ...mode, typing: null }, message: null };
		default:
			return s;
	}
}

const firstSelectable = (rows: Row[]): number => Math.max(0, rows.findIndex(selectable));

export function reducer(s: SandboxState, a: Action): SandboxState {
	switch (a.type) {
		case 'step':
			return moveTo(s, s.position + a.by);
		case 'to-start':
			return moveTo(s, 0);
		case 'to-end':
			return moveTo(s, runOf(s).items.length);
		case 'scroll':
			return { ...s, scroll: Math.max(0, Math.min(a.max ?? Number.POSITIVE_INFINITY, s.scroll + a.by)) };
		case 'clock':
			return advanceClock(s, a.ms);
		case 'browser':
			return switchBrowser(s, a.id ?? (BROWSER_IDS[(BROWSER_IDS.indexOf(s.browser) + 1) % BROWSER_IDS.length] as BrowserId));
		case 'open': {
			const message = null;
			if (a.mode === 'presets') return { ...s, mode: { kind: 'presets', cursor: Math.max(0, PRESETS.findIndex((p) => p.scenario.id === s.setup.id)) }, message };
			if (a.mode === 'save') return { ...s, mode: { kind: 'save', text: s.file ?? `${s.setup.id}.json`, confirm: false }, message };
			if (a.mode === 'open') return { ...s, mode: { kind: 'open', text: s.file ?? '', confirm: false }, message };
			const next: SandboxState = { ...s, mode: { kind: a.mode, cursor: 0, typing: null }, message };
			return { ...next, mode: { kind: a.mode, cursor: firstSelectable(rowsOf(next)), typing: null } };
		}
		case 'close':
			return { ...s, mode: { kind: 'view' } };
		case 'cursor':
			if (s.mode.kind === 'presets') return { ...s, mode: { ...s.mode, cursor: (s.mode.cursor + a.by + PRESETS.length) % PRESETS.length } };
			return editorAction(s, a);
		case 'activate': {
			if (s.mode.kind !== 'presets') return editorAction(s, a);
			const p = PRESETS[s.mode.cursor];
			return p ? reducer(s, { type: 'load', setup: presetSetup(p), source: `preset "${presetTitle(p)}"` }) : s;
		}
		case 'draft':
			if (s.mode.kind === 'save' || s.mode.kind === 'open') return { ...s, mode: { ...s.mode, text: a.text, confirm: false } };
			return editorAction(s, a);
		case 'remove':
		case 'commit':
		case 'cancel-typing':
			return editorAction(s, a);
		case 'load': {
			const loaded: SandboxState = { ...withSetup(s, a.setup), selected: Math.max(0, a.setup.steps.findIndex(isFetch)), mode: { kind: 'view' }, file: a.file ?? null };
			return log({ ...loaded, message: { tone: 'ok', text: `Loaded ${a.source}. → steps, Enter runs to the end.` } }, [`Loaded ${a.source}: ${a.setup.title || a.setup.id}`]);
		}
		case 'saved':
			return log({ ...s, mode: { kind: 'view' }, file: a.file, message: { tone: 'ok', text: `Saved ${a.file}${a.note ? ` (${a.note})` : ''}` } }, [`Saved ${a.file}`]);
		case 'confirm-overwrite':
			return s.mode.kind === 'save' ? { ...s, mode: { ...s.mode, confirm: true }, message: { tone: 'info', text: `${a.file} exists: Enter again to replace it, Esc to keep it` } } : s;
		case 'failed':
			return { ...s, message: { tone: 'error', text: a.text } };
	}
}

/** The id a file name gives a saved scenario, if it is kebab-case. */
export function idFromFile(file: string, fallback: string): string {
	const base = (file.split(/[\\/]/).pop() ?? '').replace(/\.json$/i, '');
	return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(base) ? base : fallback;
}

export type { RowId };
