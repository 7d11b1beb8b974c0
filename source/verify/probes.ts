// The requests `cors-tutor verify` sends: from the origins the policy allows and from origins
// it must refuse (the audit's crafted ones), simple requests and preflights asking for an
// allowed and a refused method and header. Each answer is then held to the policy model.

import type { Header } from '../core/headers.js';
import { isCorsSafelistedMethod } from '../core/safelist.js';
import { craftedOrigins, siteOf } from '../audit/origins.js';
import { policySites } from '../audit/policy.js';
import type { Policy } from '../policy/model.js';

export interface Probe {
	/** What it asks, for people: "preflight PUT with content-type from https://evil.com". */
	readonly name: string;
	readonly method: string;
	readonly headers: readonly Header[];
	/** The Origin sent, or null. */
	readonly origin: string | null;
}

/** A header no policy allows by accident. */
export const PROBE_HEADER = 'x-cors-tutor-probe';

const preflight = (origin: string, method: string, headers: string | null): Probe => ({
	name: `preflight ${method}${headers ? ` with ${headers}` : ''} from ${origin}`,
	method: 'OPTIONS',
	origin,
	headers: [['Origin', origin], ['Access-Control-Request-Method', method], ...(headers ? ([['Access-Control-Request-Headers', headers]] as Header[]) : [])],
});
const simple = (origin: string | null, method: string): Probe => ({
	name: `${method} ${origin ? `from ${origin}` : 'without Origin'}`,
	method,
	origin,
	headers: origin ? [['Origin', origin]] : [],
});

/**
 * The probes for a policy. `origin` is the page origin to test as the allowed one (default: the
 * policy's first exact origin, or an origin under its first pattern).
 */
export function verifyProbes(policy: Policy, origin?: string): Probe[] {
	const { sites } = policySites(policy);
	const primary = (origin ? siteOf(origin) : null) ?? sites[0];
	if (!primary) return [];
	const allowed = [...new Set([primary.origin, ...sites.map((s) => s.origin)])].slice(0, 3);
	const crafted = craftedOrigins(primary);
	// One crafted origin per kind of broken check, each different from the allowed ones.
	const refused = [...new Set(Object.values(crafted).flatMap((list) => list.slice(0, 1)))].filter((o) => !allowed.includes(o));
	const method = policy.methods.find((m) => !isCorsSafelistedMethod(m)) ?? 'PUT';
	const other = ['PATCH', 'DELETE', 'PUT'].find((m) => !policy.methods.includes(m));
	const header = Array.isArray(policy.allowHeaders) ? (policy.allowHeaders[0] ?? null) : 'content-type';
	const [home] = allowed as [string];
	return [
		...allowed.map((o) => simple(o, 'GET')),
		simple(null, 'GET'),
		preflight(home, method, header?.toLowerCase() ?? null),
		...(other ? [preflight(home, other, null)] : []),
		preflight(home, method, PROBE_HEADER),
		...refused.map((o) => simple(o, 'GET')),
		preflight(refused[0] ?? 'null', method, header?.toLowerCase() ?? null),
	];
}
