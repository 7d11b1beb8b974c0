// The two editors as rows: what each row shows, what Enter does with it (type, cycle, toggle,
// act) and how typed text becomes a new setup. Pure; invalid text comes back as an error.

import type { Header } from '../../../core/headers.js';
import { CREDENTIALS_MODES, type CredentialsMode, REQUEST_MODES, type RequestMode } from '../../../core/request.js';
import { parsePageOrigin } from '../../../core/origin.js';
import type { FetchStep, Step } from '../../../core/scenario.js';
import { InputError } from '../../../input/json.js';
import { lintPolicy, parsePolicyText } from '../../../policy/index.js';
import { type RawResponse, type Setup, formatMs, isFetch, parseDuration, policyJson } from './model.js';

export type RowId =
	| { readonly t: 'page' }
	| { readonly t: 'step'; readonly i: number }
	| { readonly t: 'add-request' }
	| { readonly t: 'add-wait' }
	| { readonly t: 'url' | 'method' | 'credentials' | 'mode' | 'body' | 'add-header' }
	| { readonly t: 'header'; readonly j: number }
	| { readonly t: 'server-kind' }
	| { readonly t: 'pf-present' | 'pf-status' | 'pf-add-header' | 'res-status' | 'res-add-header' | 'res-body' | 'routes' }
	| { readonly t: 'pf-header' | 'res-header'; readonly j: number }
	| { readonly t: 'pol-origins' | 'pol-methods' | 'pol-allow-headers' | 'pol-expose' | 'pol-credentials' | 'pol-max-age' | 'pol-status' | 'pol-vary' }
	| { readonly t: 'heading' | 'note'; readonly text: string };

export type RowKind = 'text' | 'cycle' | 'action' | 'select' | 'info';

export interface Row {
	readonly id: RowId;
	readonly label: string;
	readonly value: string;
	readonly kind: RowKind;
	/** Whether x removes it. */
	readonly removable?: boolean;
}

const sameRow = (a: RowId, b: RowId): boolean => JSON.stringify(a) === JSON.stringify(b);
export { sameRow };

const headerText = ([k, v]: Header): string => `${k}: ${v}`;
const heading = (text: string): Row => ({ id: { t: 'heading', text }, label: text, value: '', kind: 'info' });
const note = (text: string): Row => ({ id: { t: 'note', text }, label: text, value: '', kind: 'info' });

export function stepLabel(st: Step, i: number): string {
	if (!isFetch(st)) return `#${i} wait ${formatMs(st.wait_ms)}`;
	const f = st.fetch;
	return `#${i} ${f.method} ${f.url}${f.headers.length ? ` +${f.headers.length} header${f.headers.length > 1 ? 's' : ''}` : ''}${f.credentials !== 'same-origin' ? ` · ${f.credentials}` : ''}${f.mode !== 'cors' ? ` · ${f.mode}` : ''}`;
}

export function requestRows(s: Setup, selected: number): Row[] {
	const rows: Row[] = [
		{ id: { t: 'page' }, label: 'Page origin', value: s.page, kind: 'text' },
		heading('Sequence (Enter picks the request to edit)'),
		...s.steps.map((st, i): Row => ({ id: { t: 'step', i }, label: `${i === selected ? '▸' : ' '} ${stepLabel(st, i)}`, value: '', kind: isFetch(st) ? 'select' : 'text', removable: true })),
		{ id: { t: 'add-request' }, label: '+ add a request (a copy of the selected one)', value: '', kind: 'action' },
		{ id: { t: 'add-wait' }, label: '+ add a wait of 1 s', value: '', kind: 'action' },
	];
	const st = s.steps[selected];
	if (!isFetch(st)) return rows;
	const f = st.fetch;
	rows.push(
		heading(`Request #${selected}`),
		{ id: { t: 'url' }, label: 'URL', value: f.url, kind: 'text' },
		{ id: { t: 'method' }, label: 'Method', value: f.method, kind: 'text' },
		...f.headers.map((h, j): Row => ({ id: { t: 'header', j }, label: 'Header', value: headerText(h), kind: 'text', removable: true })),
		{ id: { t: 'add-header' }, label: '+ header', value: '', kind: 'text' },
		{ id: { t: 'credentials' }, label: 'Credentials', value: f.credentials, kind: 'cycle' },
		{ id: { t: 'mode' }, label: 'Mode', value: f.mode, kind: 'cycle' },
		{ id: { t: 'body' }, label: 'Body', value: f.body ?? '(none)', kind: 'text' },
	);
	return rows;
}

function responseRows(r: RawResponse, prefix: 'pf' | 'res'): Row[] {
	return [
		{ id: { t: `${prefix}-status` }, label: 'Status', value: String(r.status), kind: 'text' },
		...r.headers.map((h, j): Row => ({ id: { t: `${prefix}-header`, j }, label: 'Header', value: headerText(h), kind: 'text', removable: true })),
		{ id: { t: `${prefix}-add-header` }, label: '+ header', value: '', kind: 'text' },
	];
}

const list = (xs: readonly string[]): string => xs.join(', ');

export function serverRows(s: Setup): Row[] {
	const rows: Row[] = [{ id: { t: 'server-kind' }, label: 'Server model', value: s.server === 'raw' ? 'raw responses' : 'CORS policy', kind: 'cycle' }];
	if (s.server === 'raw') {
		rows.push(heading('Answer to OPTIONS (the preflight)'), { id: { t: 'pf-present' }, label: 'Described', value: s.raw.preflight ? 'yes' : 'no: OPTIONS gets 404', kind: 'cycle' });
		if (s.raw.preflight) rows.push(...responseRows(s.raw.preflight, 'pf'));
		rows.push(heading('Answer to every other request'), ...responseRows(s.raw.response, 'res'), { id: { t: 'res-body' }, label: 'Body', value: s.raw.response.body ?? '', kind: 'text' });
		const routes = Object.keys(s.raw.routes ?? {});
		if (routes.length) rows.push({ id: { t: 'routes' }, label: 'Routes', value: `${routes.length} from the file, kept as they are: ${routes.join(', ')}`, kind: 'info' });
		rows.push(note('$ORIGIN in a value echoes the request\'s Origin; a name given twice is sent as two lines.'));
		return rows;
	}
	const p = s.policy;
	rows.push(
		heading('CORS policy (the server answers what it allows)'),
		{ id: { t: 'pol-origins' }, label: 'Origins', value: typeof p.origins === 'string' ? p.origins : list(p.origins.map((r) => (r.kind === 'exact' ? r.origin : r.text))) || '(none)', kind: 'text' },
		{ id: { t: 'pol-methods' }, label: 'Methods', value: list(p.methods), kind: 'text' },
		{ id: { t: 'pol-allow-headers' }, label: 'Allow headers', value: typeof p.allowHeaders === 'string' ? p.allowHeaders : list(p.allowHeaders) || '(none)', kind: 'text' },
		{ id: { t: 'pol-expose' }, label: 'Expose headers', value: list(p.exposeHeaders) || '(none)', kind: 'text' },
		{ id: { t: 'pol-credentials' }, label: 'Credentials', value: p.credentials ? 'allowed' : 'not allowed', kind: 'cycle' },
		{ id: { t: 'pol-max-age' }, label: 'Max-Age', value: p.maxAge === null ? '(not sent)' : `${p.maxAge} s`, kind: 'text' },
		{ id: { t: 'pol-status' }, label: 'OPTIONS status', value: String(p.preflightStatus), kind: 'cycle' },
		{ id: { t: 'pol-vary' }, label: 'Vary: Origin', value: p.vary ? 'sent' : 'forgotten', kind: 'cycle' },
		note('Lists are comma-separated; origins may be * or reflect, allow headers * or mirror.'),
		...lintPolicy(p).slice(0, 3).map((f) => note(`${f.severity}: ${f.message}`)),
	);
	return rows;
}

export type Edit = { readonly ok: true; readonly setup: Setup; readonly selected?: number } | { readonly ok: false; readonly error: string };

const ok = (setup: Setup, selected?: number): Edit => ({ ok: true, setup, ...(selected === undefined ? {} : { selected }) });
const bad = (error: string): Edit => ({ ok: false, error });

function withFetch(s: Setup, i: number, change: (f: FetchStep) => FetchStep): Setup {
	return { ...s, steps: s.steps.map((st, k) => (k === i && isFetch(st) ? { fetch: change(st.fetch) } : st)) };
}

function parseHeaderLine(text: string): Header | string {
	const at = text.indexOf(':');
	if (at <= 0) return 'write a header as Name: value';
	const name = text.slice(0, at).trim();
	if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return `'${name}' is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`;
	return [name, text.slice(at + 1).trim()];
}

function editLines(lines: readonly Header[], j: number | null, text: string): Header[] | string {
	if (text.trim() === '') return j === null ? [...lines] : lines.filter((_, k) => k !== j);
	const h = parseHeaderLine(text);
	if (typeof h === 'string') return h;
	return j === null ? [...lines, h] : lines.map((x, k) => (k === j ? h : x));
}

function status(text: string): number | string {
	const n = Number(text.trim());
	return Number.isInteger(n) && n >= 100 && n <= 599 ? n : 'a status is a whole number from 100 to 599';
}

const items = (text: string): string[] => text.split(',').map((x) => x.trim()).filter((x) => x !== '' && x !== '(none)');

function editPolicy(s: Setup, field: string, value: unknown): Edit {
	const json = { ...policyJson(s.policy), [field]: value };
	try {
		return ok({ ...s, policy: parsePolicyText(JSON.stringify(json), 'policy') });
	} catch (e) {
		if (e instanceof InputError) return bad(e.problems.join('; '));
		throw e;
	}
}

/** The text a row starts with when the learner begins typing in it. */
export function draftOf(row: Row): string {
	if (row.id.t === 'body' && row.value === '(none)') return '';
	if (row.id.t === 'pol-max-age') return row.value === '(not sent)' ? '' : row.value.replace(/ s$/, '');
	if (row.value === '(none)') return '';
	if (row.id.t === 'step') return row.label.replace(/^.*wait /, '');
	return row.value;
}

/** Apply typed text to a row. */
export function applyText(s: Setup, selected: number, id: RowId, text: string): Edit {
	const raw = s.raw;
	switch (id.t) {
		case 'page': {
			const o = parsePageOrigin(text.trim());
			return 'error' in o ? bad(`page ${o.error}`) : ok({ ...s, page: text.trim() });
		}
		case 'step': {
			const ms = parseDuration(text);
			if (ms === null || ms > 86_400_000) return bad('a wait is a duration up to 24 h: 1500, 1.5 s, 2 min, 1 h');
			return ok({ ...s, steps: s.steps.map((st, k) => (k === id.i ? { wait_ms: ms } : st)) });
		}
		case 'url':
			return text.trim() ? ok(withFetch(s, selected, (f) => ({ ...f, url: text.trim() }))) : bad('a request needs a URL, e.g. http://api.test/data');
		case 'method':
			return ok(withFetch(s, selected, (f) => ({ ...f, method: text.trim() })));
		case 'body':
			return ok(withFetch(s, selected, (f) => ({ ...f, body: text === '' ? null : text })));
		case 'header':
		case 'add-header': {
			const st = s.steps[selected];
			if (!isFetch(st)) return bad('pick a request first');
			const lines = editLines(st.fetch.headers, id.t === 'header' ? id.j : null, text);
			return typeof lines === 'string' ? bad(lines) : ok(withFetch(s, selected, (f) => ({ ...f, headers: lines })));
		}
		case 'pf-status':
		case 'res-status': {
			const n = status(text);
			if (typeof n === 'string') return bad(n);
			return ok(id.t === 'pf-status' && raw.preflight ? { ...s, raw: { ...raw, preflight: { ...raw.preflight, status: n } } } : { ...s, raw: { ...raw, response: { ...raw.response, status: n } } });
		}
		case 'pf-header':
		case 'pf-add-header':
		case 'res-header':
		case 'res-add-header': {
			const pf = id.t.startsWith('pf');
			const target = pf ? raw.preflight : raw.response;
			if (!target) return bad('describe a preflight answer first');
			const lines = editLines(target.headers, id.t === 'pf-header' || id.t === 'res-header' ? id.j : null, text);
			if (typeof lines === 'string') return bad(lines);
			return ok({ ...s, raw: { ...raw, [pf ? 'preflight' : 'response']: { ...target, headers: lines } } });
		}
		case 'res-body':
			return ok({ ...s, raw: { ...raw, response: { ...raw.response, body: text } } });
		case 'pol-origins':
			return editPolicy(s, 'origins', text.trim() === '*' || text.trim() === 'reflect' ? text.trim() : items(text));
		case 'pol-methods':
			return editPolicy(s, 'methods', items(text));
		case 'pol-allow-headers':
			return editPolicy(s, 'allowHeaders', text.trim() === '*' || text.trim() === 'mirror' ? text.trim() : items(text));
		case 'pol-expose':
			return editPolicy(s, 'exposeHeaders', items(text));
		case 'pol-max-age': {
			const t = text.trim().replace(/\s*s$/, '');
			if (t === '' || t === 'none') return editPolicy(s, 'maxAge', null);
			return /^\d+$/.test(t) ? editPolicy(s, 'maxAge', Number(t)) : bad('Max-Age is a whole number of seconds, or empty for none');
		}
		default:
			return bad('this row is not typed into');
	}
}

const next = <T>(xs: readonly T[], x: T): T => xs[(xs.indexOf(x) + 1) % xs.length] as T;

/** Enter on a cycle or action row. */
export function activate(s: Setup, selected: number, id: RowId): Edit {
	const raw = s.raw;
	switch (id.t) {
		case 'credentials':
			return ok(withFetch(s, selected, (f) => ({ ...f, credentials: next<CredentialsMode>(CREDENTIALS_MODES, f.credentials) })));
		case 'mode':
			return ok(withFetch(s, selected, (f) => ({ ...f, mode: next<RequestMode>(REQUEST_MODES, f.mode) })));
		case 'step':
			return isFetch(s.steps[id.i]) ? ok(s, id.i) : bad('type a duration for the wait');
		case 'add-request': {
			const base = s.steps[selected];
			const copy: Step = isFetch(base) ? { fetch: base.fetch } : { fetch: { url: 'http://api.test/data', method: 'GET', headers: [], credentials: 'same-origin', mode: 'cors', body: null } };
			return ok({ ...s, steps: [...s.steps, copy] }, s.steps.length);
		}
		case 'add-wait':
			return ok({ ...s, steps: [...s.steps, { wait_ms: 1000 }] });
		case 'server-kind':
			return ok({ ...s, server: s.server === 'raw' ? 'policy' : 'raw' });
		case 'pf-present':
			return ok({ ...s, raw: { ...raw, preflight: raw.preflight ? null : { status: 204, headers: [['Access-Control-Allow-Origin', '$ORIGIN']] } } });
		case 'pol-credentials':
			return editPolicy(s, 'credentials', !s.policy.credentials);
		case 'pol-status':
			return editPolicy(s, 'preflightStatus', s.policy.preflightStatus === 204 ? 200 : 204);
		case 'pol-vary':
			return editPolicy(s, 'vary', !s.policy.vary);
		default:
			return bad('nothing to do here');
	}
}

/** x on a removable row. */
export function remove(s: Setup, selected: number, id: RowId): Edit {
	if (id.t === 'step') {
		const steps = s.steps.filter((_, k) => k !== id.i);
		if (!steps.some(isFetch)) return bad('the sequence needs at least one request');
		const sel = selected > id.i ? selected - 1 : selected === id.i ? Math.max(0, steps.findIndex(isFetch)) : selected;
		return ok({ ...s, steps }, sel);
	}
	if (id.t === 'header') return applyText(s, selected, id, '');
	if (id.t === 'pf-header' || id.t === 'res-header') return applyText(s, selected, id, '');
	return bad('x removes a step or a header line');
}
