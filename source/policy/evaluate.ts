// policy × request → the exact CORS response headers (cors-facts §2-§5, §9). Pure; the
// sandbox and the lessons use it as the server model, the generators must reproduce it, and
// the real-server tests compare real servers against it.

import type { Server, ServerRequest } from '../core/fetch.js';
import { type Header, type HeaderList, getHeader, hasHeader, lower } from '../core/headers.js';
import { type Policy, allowOrigin, dependsOnOrigin } from './model.js';

export interface PolicyAnswer {
	readonly kind: 'preflight' | 'actual';
	/** The status of a preflight answer; null for an actual request (the application decides). */
	readonly status: number | null;
	/** CORS headers (and Vary) in a fixed order. */
	readonly headers: Header[];
	/** Why, in a sentence each. */
	readonly notes: string[];
}

/** A request is a CORS preflight when it is OPTIONS and carries Access-Control-Request-Method. */
export const isPreflightRequest = (method: string, headers: HeaderList): boolean =>
	method === 'OPTIONS' && hasHeader(headers, 'access-control-request-method');

export function evaluatePolicy(p: Policy, method: string, requestHeaders: HeaderList): PolicyAnswer {
	const preflight = isPreflightRequest(method, requestHeaders);
	const origin = getHeader(requestHeaders, 'origin');
	const headers: Header[] = [];
	const notes: string[] = [];
	const acao = origin === null ? (p.origins === '*' ? '*' : null) : allowOrigin(p, origin);
	if (origin === null) notes.push(p.origins === '*' ? "no Origin header; '*' is sent on every response" : 'no Origin header: not a CORS request, no CORS headers');
	else if (acao === null) notes.push(`origin ${origin} is not allowed: no Access-Control-Allow-Origin, so the browser blocks`);
	if (acao !== null) {
		headers.push(['Access-Control-Allow-Origin', acao]);
		if (p.credentials) headers.push(['Access-Control-Allow-Credentials', 'true']);
		if (preflight) {
			if (p.methods.length) headers.push(['Access-Control-Allow-Methods', p.methods.join(', ')]);
			const asked = getHeader(requestHeaders, 'access-control-request-headers');
			const allow = p.allowHeaders === 'mirror' ? asked : p.allowHeaders === '*' ? '*' : p.allowHeaders.join(', ');
			if (allow) headers.push(['Access-Control-Allow-Headers', allow]);
			if (p.maxAge !== null) headers.push(['Access-Control-Max-Age', String(p.maxAge)]);
		} else if (p.exposeHeaders.length) headers.push(['Access-Control-Expose-Headers', p.exposeHeaders.join(', ')]);
	}
	const vary = [
		...(p.vary && dependsOnOrigin(p) ? ['Origin'] : []),
		...(p.vary && preflight && p.allowHeaders === 'mirror' ? ['Access-Control-Request-Headers'] : []),
	];
	if (vary.length) headers.push(['Vary', vary.join(', ')]);
	return { kind: preflight ? 'preflight' : 'actual', status: preflight ? p.preflightStatus : null, headers, notes };
}

export interface AppResponse {
	readonly status: number;
	readonly headers: HeaderList;
	readonly body: string;
}

export const OK_APP: AppResponse = { status: 200, headers: [['Content-Type', 'text/plain']], body: 'ok' };

/**
 * A modelled server: the application answers every request with `app` (or `appFor(req)`),
 * and the policy answers preflights and adds its headers to everything else.
 */
export function policyServer(p: Policy, appFor: (req: ServerRequest) => AppResponse = () => OK_APP): Server {
	return (req) => {
		const answer = evaluatePolicy(p, req.method, req.headers);
		if (answer.kind === 'preflight') return { status: answer.status ?? 204, headers: answer.headers, body: '' };
		const app = appFor(req);
		const cors = new Set(answer.headers.map(([k]) => lower(k)));
		const body = req.method === 'HEAD' ? '' : app.body;
		return { status: app.status, headers: [...app.headers.filter(([k]) => !cors.has(lower(k))), ...answer.headers], body };
	};
}
