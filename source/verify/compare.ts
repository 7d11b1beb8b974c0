// A real server's answer held to a policy: the CORS part of the response (the
// Access-Control-* lines and Vary: Origin) against what the policy model says for the same
// request (policy/evaluate.ts). `cors-tutor verify` reports the differences to users; the
// generator tests hold every generated configuration, running on its real server, to the
// same comparison.

import { type Header, lower } from '../core/headers.js';
import { evaluatePolicy } from '../policy/evaluate.js';
import type { Policy } from '../policy/model.js';

export interface RealAnswer {
	readonly status: number;
	readonly headers: readonly Header[];
}

/** The CORS part of a response: Access-Control-* lines (names lower-cased) and whether Vary names Origin. */
export function corsPart(headers: readonly Header[]): { lines: Header[]; varyOrigin: boolean } {
	const lines = headers.filter(([k]) => lower(k).startsWith('access-control-')).map(([k, v]) => [lower(k), v] as const);
	const vary = headers.filter(([k]) => lower(k) === 'vary').flatMap(([, v]) => v.split(',').map((x) => lower(x.trim())));
	return { lines, varyOrigin: vary.includes('origin') || vary.includes('*') };
}

const LISTS = ['access-control-allow-methods', 'access-control-allow-headers', 'access-control-expose-headers'];

/** Lists compare as sets of items (order, spaces after commas and header-name case do not matter; methods are case-sensitive). */
function normalise(name: string, value: string): string {
	if (!LISTS.includes(name)) return value;
	const items = value.split(',').map((x) => x.trim()).filter(Boolean);
	return [...new Set(name === 'access-control-allow-methods' ? items : items.map(lower))].sort().join(', ');
}

const shown = (values: readonly string[]): string => (values.length === 0 ? 'no such header' : values.map((v) => `"${v}"`).join(' and '));

export interface CompareOptions {
	/** Hold a preflight's status to the policy's exactly (200 vs 204), not only to 2xx. */
	readonly exactStatus?: boolean;
}

/** Where the answer departs from the policy, one sentence each (empty: they agree). */
export function compareWithPolicy(policy: Policy, method: string, requestHeaders: readonly Header[], real: RealAnswer, o: CompareOptions = {}): string[] {
	const want = evaluatePolicy(policy, method, requestHeaders);
	const got = corsPart(real.headers);
	const problems: string[] = [];
	const names = new Set([...want.headers.map(([k]) => lower(k)), ...got.lines.map(([k]) => k)].filter((n) => n.startsWith('access-control-')));
	for (const n of names) {
		const w = want.headers.filter(([k]) => lower(k) === n).map(([, v]) => normalise(n, v));
		const g = got.lines.filter(([k]) => k === n).map(([, v]) => normalise(n, v));
		if (g.length > 1) problems.push(`${n} sent ${g.length} times (${shown(g)}); a browser fails on that`);
		else if (JSON.stringify(w) !== JSON.stringify(g)) problems.push(`${n}: the policy sends ${shown(w)}, the server ${shown(g)}`);
	}
	const wantVary = want.headers.some(([k, v]) => lower(k) === 'vary' && /(^|,\s*)origin(\s*,|$)/i.test(v));
	if (wantVary && !got.varyOrigin) problems.push('Vary: Origin is missing: the answer depends on Origin, so a shared cache may serve it to another origin');
	if (want.kind === 'preflight' && want.status !== null) {
		const ok = (s: number) => s >= 200 && s < 300;
		if (o.exactStatus ? real.status !== want.status : ok(real.status) !== ok(want.status)) problems.push(`preflight status: the policy answers ${want.status}, the server ${real.status}`);
	}
	return problems;
}
