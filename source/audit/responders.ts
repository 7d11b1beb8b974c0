// The things an audit can ask: a live server over the network, a policy file through the same
// model the sandbox and the generators use (policyServer), or an origin-matching pattern
// (a regular expression from a server's configuration).

import { policyServer } from '../policy/evaluate.js';
import type { Policy } from '../policy/model.js';
import { send } from '../net/http.js';
import { getHeader } from '../core/headers.js';
import type { Header } from '../net/http.js';
import type { Responder } from './engine.js';

export interface NetworkOptions {
	readonly timeoutMs?: number;
	readonly insecure?: boolean;
}

export function networkResponder(url: string, o: NetworkOptions = {}): Responder {
	return async (req) => {
		const a = await send({ method: req.method, url, headers: req.headers, timeoutMs: o.timeoutMs, insecure: o.insecure, maxBodyBytes: 1024 });
		return a.ok ? { ok: true, status: a.status, headers: a.headers } : { ok: false, message: a.message };
	};
}

/** The policy answers as a server built from it would (the application answers 200). */
export function policyResponder(p: Policy, url = 'https://api.example.com/'): Responder {
	const server = policyServer(p);
	return async (req) => {
		const r = server({ method: req.method, url, headers: req.headers, body: null });
		return { ok: true, status: r.status, headers: r.headers };
	};
}

/**
 * A server that trusts every Origin the pattern matches (searched, as JavaScript's test(),
 * Express's cors and nginx's ~ do): it reflects it, with Access-Control-Allow-Credentials when
 * `credentials`, allows any preflight it trusts, and always sends Vary: Origin, so that only the
 * pattern is judged.
 */
export function patternResponder(pattern: RegExp, credentials: boolean): Responder {
	return async (req) => {
		const origin = getHeader(req.headers, 'origin');
		const method = getHeader(req.headers, 'access-control-request-method');
		const preflight = req.method === 'OPTIONS' && method !== null;
		const headers: Header[] = [];
		if (origin !== null && pattern.test(origin)) {
			headers.push(['Access-Control-Allow-Origin', origin]);
			if (credentials) headers.push(['Access-Control-Allow-Credentials', 'true']);
			if (preflight) {
				headers.push(['Access-Control-Allow-Methods', method]);
				const asked = getHeader(req.headers, 'access-control-request-headers');
				if (asked) headers.push(['Access-Control-Allow-Headers', asked]);
			}
		}
		headers.push(['Vary', 'Origin']);
		return { ok: true, status: preflight ? 204 : 200, headers };
	};
}
