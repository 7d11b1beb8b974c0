// `verify`: each probe sent to the live URL, its answer held to the policy.

import { type Header, lower } from '../core/headers.js';
import { send } from '../net/http.js';
import type { Policy } from '../policy/model.js';
import { compareWithPolicy } from './compare.js';
import type { Probe } from './probes.js';

export interface ProbeResult {
	readonly probe: Probe;
	/** null when no HTTP answer came (see error). */
	readonly status: number | null;
	/** The answer's Access-Control-* and Vary lines, as received. */
	readonly cors: readonly Header[];
	/** Where the answer departs from the policy (empty: it agrees). */
	readonly problems: readonly string[];
	readonly error: string | null;
}

export interface VerifyNet {
	readonly timeoutMs: number;
	readonly insecure: boolean;
	/** Added to every probe but the preflights (an API key, a session cookie), as a browser would. */
	readonly headers: readonly Header[];
}

const isCors = ([k]: Header) => lower(k).startsWith('access-control-') || lower(k) === 'vary';

export async function runVerify(policy: Policy, url: string, probes: readonly Probe[], net: VerifyNet): Promise<ProbeResult[]> {
	const out: ProbeResult[] = [];
	// One at a time: a server's answers must not depend on how many arrive at once.
	for (const probe of probes) {
		// Like a browser, no credentials on a preflight: a gateway that wants them there fails browsers too.
		const preflight = probe.headers.some(([k]) => lower(k) === 'access-control-request-method');
		const a = await send({ method: probe.method, url, headers: [...probe.headers, ...(preflight ? [] : net.headers)], timeoutMs: net.timeoutMs, insecure: net.insecure, maxBodyBytes: 1024 });
		if (!a.ok) out.push({ probe, status: null, cors: [], problems: [], error: a.message });
		else out.push({ probe, status: a.status, cors: a.headers.filter(isCors), problems: redirected(url, a) ?? compareWithPolicy(policy, probe.method, probe.headers, a), error: null });
	}
	return out;
}

/** A redirect is not the CORS answer: say where it goes instead of comparing its headers. */
function redirected(url: string, a: { status: number; headers: readonly Header[] }): string[] | null {
	if (a.status < 300 || a.status >= 400) return null;
	const location = a.headers.find(([k]) => lower(k) === 'location')?.[1];
	const to = location && URL.canParse(location, url) ? new URL(location, url).href : null;
	return [`the server answered ${a.status}, a redirect${to ? ` to ${to}` : ' without a Location'}: browsers fail a redirected preflight, and follow other redirects to where CORS is decided; run verify on ${to ?? 'the final URL'}`];
}
