// The probe engine: send the site's own origin, every crafted origin and one preflight to a
// responder (the network, or a policy model), and turn the answers into one verdict per class.
// The same engine serves `audit <url>` and `audit <policy.json>`, so both judge alike.

import { getHeader, type Header } from '../core/headers.js';
import { PROFILES, BROWSER_IDS, type BrowserId } from '../core/profiles/index.js';
import { CLASSES, type ClassId, type Severity, SEVERITIES } from './classes.js';
import { type OriginClassId, type Site, craftedOrigins } from './origins.js';

export interface ProbeRequest {
	readonly method: string;
	readonly headers: readonly Header[];
}

export type ProbeAnswer = { readonly ok: true; readonly status: number; readonly headers: readonly Header[] } | { readonly ok: false; readonly message: string };

/** Answers one request: over the network, or from a policy. */
export type Responder = (req: ProbeRequest) => Promise<ProbeAnswer>;

/** One exchange as the report shows it. */
export interface Evidence {
	/** The Origin header sent. */
	readonly origin: string;
	readonly method: string;
	/** null when the request failed (see error). */
	readonly status: number | null;
	/** Access-Control-Allow-Origin received (several lines joined with ", "), or null. */
	readonly allowOrigin: string | null;
	readonly allowCredentials: string | null;
	/** A page on `origin` could read this answer: Access-Control-Allow-Origin names it exactly. */
	readonly admitted: boolean;
	/** ...and with the user's cookies: admitted and Access-Control-Allow-Credentials is exactly "true". */
	readonly credentials: boolean;
	readonly vary: string | null;
	readonly maxAge: string | null;
	readonly error: string | null;
}

export type ClassStatus = 'found' | 'covered' | 'not-found' | 'not-applicable' | 'not-tested';

export interface ClassResult {
	readonly id: ClassId;
	readonly title: string;
	/** For a found class, how bad it is here; otherwise the worst it can be. */
	readonly severity: Severity;
	readonly found: boolean;
	readonly status: ClassStatus;
	/** The broader finding that explains this one (status "covered"). */
	readonly coveredBy: ClassId | null;
	/** The exchanges that decide it (for an origin class, every crafted origin sent). */
	readonly evidence: Evidence[];
	readonly impact: string;
	readonly fix: string;
	/** One sentence on what was checked or why it does not apply. */
	readonly note: string;
}

export interface AuditResult {
	readonly sites: readonly string[];
	/** The sites' own origins, sent first: what a legitimate page gets. */
	readonly baseline: Evidence[];
	readonly preflight: Evidence[];
	readonly classes: ClassResult[];
	readonly counts: Record<Severity, number>;
	readonly requests: number;
	readonly failures: number;
}

export interface AuditOptions {
	/** The method of the probes (default GET); the preflight asks for it, or PUT for a safelisted one. */
	readonly method?: string;
	/** Extra request headers on every probe (Cookie, Authorization …). */
	readonly headers?: readonly Header[];
	readonly concurrency?: number;
	/** Classes that cannot be the cause here (a pattern without an unescaped dot): if found, another found class explains them. */
	readonly impossible?: readonly ClassId[];
}

const SAFELISTED = ['GET', 'HEAD', 'POST'];

function evidenceOf(origin: string, method: string, a: ProbeAnswer): Evidence {
	if (!a.ok) return { origin, method, status: null, allowOrigin: null, allowCredentials: null, admitted: false, credentials: false, vary: null, maxAge: null, error: a.message };
	const acao = getHeader(a.headers, 'access-control-allow-origin');
	const acac = getHeader(a.headers, 'access-control-allow-credentials');
	const admitted = acao !== null && (acao === origin || acao === safeDecode(origin));
	return {
		origin, method, status: a.status, allowOrigin: acao, allowCredentials: acac, admitted, credentials: admitted && acac === 'true',
		vary: getHeader(a.headers, 'vary'), maxAge: getHeader(a.headers, 'access-control-max-age'), error: null,
	};
}

/** A server that percent-decodes the Origin before echoing it (Corsy "broken parser") still admits it. */
function safeDecode(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

async function pool<T, R>(items: readonly T[], limit: number, f: (t: T) => Promise<R>): Promise<R[]> {
	const out: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			out[i] = await f(items[i] as T);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
	return out;
}

const varyCoversOrigin = (v: string | null) => v !== null && v.split(',').some((t) => ['origin', '*'].includes(t.trim().toLowerCase()));

export async function runAudit(sites: readonly Site[], respond: Responder, o: AuditOptions = {}): Promise<AuditResult> {
	const method = o.method ?? 'GET';
	const extra = o.headers ?? [];
	// A crafted origin that is one of the sites is trusted on purpose, except plain http and
	// null, which are findings even when listed.
	const trusted = new Set(sites.map((s) => s.origin));
	const keep = (id: OriginClassId, x: string) => id === 'http-origin' || id === 'null-origin' || !trusted.has(x);
	const crafted = new Map<OriginClassId, string[]>();
	for (const s of sites)
		for (const [id, list] of Object.entries(craftedOrigins(s)) as [OriginClassId, string[]][])
			crafted.set(id, [...new Set([...(crafted.get(id) ?? []), ...list.filter((x) => keep(id, x))])]);
	const craftedAll = [...new Set([...crafted.values()].flat())];
	const asked = SAFELISTED.includes(method) ? 'PUT' : method;
	type Job = { origin: string; preflight: boolean };
	const jobs: Job[] = [
		...sites.map((s) => ({ origin: s.origin, preflight: false })),
		...craftedAll.map((origin) => ({ origin, preflight: false })),
		...sites.map((s) => ({ origin: s.origin, preflight: true })),
	];
	const answers = await pool(jobs, o.concurrency ?? 6, async (j) => {
		const req: ProbeRequest = j.preflight
			? { method: 'OPTIONS', headers: [['Origin', j.origin], ['Access-Control-Request-Method', asked]] }
			: { method, headers: [['Origin', j.origin], ...extra] };
		return evidenceOf(j.origin, req.method, await respond(req));
	});
	const baseline = answers.slice(0, sites.length);
	const byOrigin = new Map(answers.slice(sites.length, sites.length + craftedAll.length).map((e) => [e.origin, e]));
	const preflight = answers.slice(sites.length + craftedAll.length);
	const actual = [...baseline, ...byOrigin.values()];

	const results = new Map<ClassId, Omit<ClassResult, 'title' | 'impact' | 'fix' | 'severity'> & { credentials: boolean; example: string }>();
	const set = (id: ClassId, status: ClassStatus, evidence: Evidence[], note: string, example = '') =>
		results.set(id, { id, found: status === 'found', status, coveredBy: null, evidence, note, credentials: evidence.some((e) => e.credentials), example });

	for (const [id, origins] of crafted) {
		const ev = origins.map((x) => byOrigin.get(x) as Evidence);
		const hit = ev.filter((e) => e.admitted);
		if (origins.length === 0) set(id, 'not-applicable', [], id === 'http-origin' ? 'the site itself is plain http' : 'the host name has no dot to abuse');
		else if (ev.every((e) => e.error)) set(id, 'not-tested', ev, 'every request for this class failed');
		else if (hit.length) set(id, 'found', ev, `${hit.length} of ${ev.length} crafted origin${ev.length === 1 ? '' : 's'} admitted`, hit[0]?.origin);
		else set(id, 'not-found', ev, `${ev.length} crafted origin${ev.length === 1 ? '' : 's'} sent, none admitted`, ev[0]?.origin);
	}

	const answered = [...actual, ...preflight].filter((e) => !e.error);
	const wild = answered.filter((e) => e.allowOrigin === '*' && e.allowCredentials === 'true');
	if (!answered.length) set('wildcard-credentials', 'not-tested', [], 'no request was answered');
	else if (wild.length) set('wildcard-credentials', 'found', wild.slice(0, 3), `${wild.length} answer${wild.length === 1 ? '' : 's'} with "*" and Access-Control-Allow-Credentials: true`);
	else set('wildcard-credentials', 'not-found', [], `no answer combined "*" with Access-Control-Allow-Credentials: true`);

	// An answer is tailored to the Origin when its Access-Control-Allow-Origin echoes it and the
	// others differ; a fixed value for every origin needs no Vary.
	const okActual = actual.filter((e) => !e.error);
	const distinct = new Set(okActual.map((e) => e.allowOrigin));
	const unvaried = distinct.size > 1 ? okActual.filter((e) => e.admitted && e.allowOrigin !== '*' && !varyCoversOrigin(e.vary)) : [];
	if (!okActual.length) set('missing-vary', 'not-tested', [], 'no request was answered');
	else if (unvaried.length) set('missing-vary', 'found', unvaried.slice(0, 3), `${unvaried.length} answer${unvaried.length === 1 ? '' : 's'} echo the Origin without Vary: Origin`);
	else set('missing-vary', 'not-found', [], distinct.size > 1 ? 'every answer that echoes the Origin carries Vary: Origin' : 'the CORS answer is the same for every origin');

	const ages = preflight.filter((e) => e.maxAge !== null);
	// Beyond Chromium's cap (7200 s) is beyond what most browsers keep; Safari's 600 s alone is noted, not reported.
	const over = ages.filter((e) => clampedBy('chromium', e.maxAge as string));
	if (preflight.every((e) => e.error)) set('max-age-above-caps', 'not-tested', preflight, 'the preflight request failed');
	else if (over.length) set('max-age-above-caps', 'found', over, `Access-Control-Max-Age ${over[0]?.maxAge}: ${maxAgeNote(over[0]?.maxAge as string)}`);
	else set('max-age-above-caps', 'not-found', preflight, ages.length ? `Access-Control-Max-Age ${ages[0]?.maxAge}${maxAgeNote(ages[0]?.maxAge as string) ? ` (${maxAgeNote(ages[0]?.maxAge as string)})` : ' is within every browser\'s cap'}` : 'the preflight answer has no Access-Control-Max-Age');

	// A broad broken check also admits the narrower classes' origins: report the root cause.
	for (const def of CLASSES) {
		const r = results.get(def.id);
		if (!r?.found || !def.covers) continue;
		for (const id of def.covers) {
			const n = results.get(id);
			if (n?.status === 'found') results.set(id, { ...n, found: false, status: 'covered', coveredBy: def.id, note: `${n.note}; explained by ${def.id}` });
		}
	}

	for (const id of o.impossible ?? []) {
		const n = results.get(id);
		const by = CLASSES.find((d) => d.id !== id && results.get(d.id)?.status === 'found');
		if (n?.status === 'found' && by) results.set(id, { ...n, found: false, status: 'covered', coveredBy: by.id, note: `${n.note}; it cannot be the cause here, ${by.id} explains it` });
	}

	const classes: ClassResult[] = CLASSES.map((def) => {
		const r = results.get(def.id) as NonNullable<ReturnType<typeof results.get>>;
		const credentials = r.found ? r.credentials : true;
		const { credentials: _c, example, ...rest } = r;
		return { ...rest, title: def.title, severity: def.severity[credentials ? 'credentials' : 'anonymous'], impact: def.impact(credentials, example), fix: def.fix };
	});
	const counts = Object.fromEntries(SEVERITIES.map((s) => [s, classes.filter((c) => c.found && c.severity === s).length])) as Record<Severity, number>;
	return { sites: sites.map((s) => s.origin), baseline, preflight, classes, counts, requests: answers.length, failures: answers.filter((e) => e.error).length };
}

function clampedBy(b: BrowserId, raw: string): boolean {
	const n = Number(raw.trim());
	return /^\s*\d+\s*$/.test(raw) && PROFILES[b].parseMaxAge(raw.trim()).seconds < n;
}

function maxAgeNote(raw: string): string {
	return BROWSER_IDS.filter((b) => clampedBy(b, raw)).map((b) => `${PROFILES[b].name} keeps ${PROFILES[b].parseMaxAge(raw.trim()).seconds} s`).join(', ');
}
