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
	/** Added to every probe (an API key, a session cookie). */
	readonly headers: readonly Header[];
}

const isCors = ([k]: Header) => lower(k).startsWith('access-control-') || lower(k) === 'vary';

export async function runVerify(policy: Policy, url: string, probes: readonly Probe[], net: VerifyNet): Promise<ProbeResult[]> {
	const out: ProbeResult[] = [];
	// One at a time: a server's answers must not depend on how many arrive at once.
	for (const probe of probes) {
		const a = await send({ method: probe.method, url, headers: [...probe.headers, ...net.headers], timeoutMs: net.timeoutMs, insecure: net.insecure, maxBodyBytes: 1024 });
		if (!a.ok) out.push({ probe, status: null, cors: [], problems: [], error: a.message });
		else out.push({ probe, status: a.status, cors: a.headers.filter(isCors), problems: compareWithPolicy(policy, probe.method, probe.headers, a), error: null });
	}
	return out;
}
