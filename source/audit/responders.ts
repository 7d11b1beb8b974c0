// The two things an audit can ask: a live server over the network, or a policy file through
// the same model the sandbox and the generators use (policyServer).

import { policyServer } from '../policy/evaluate.js';
import type { Policy } from '../policy/model.js';
import { send } from '../net/http.js';
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
