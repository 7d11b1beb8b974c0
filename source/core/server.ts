// The modelled server of a scenario (FORMAT.md "Scenario format"): routes by origin + path,
// $ORIGIN echo, header lines in the given order plus Content-Length, OPTIONS → 404 when no
// preflight answer is described.

import type { ServerRequest, ServerResponse } from './fetch.js';
import { type Header, getHeader, hasHeader } from './headers.js';
import { parseUrl } from './origin.js';
import type { ResponseSpec, ServerSpec } from './scenario.js';

const NO_PREFLIGHT: ResponseSpec = { status: 404, headers: {} };

export function scenarioServer(spec: ServerSpec): (req: ServerRequest) => ServerResponse {
	return (req) => {
		const u = parseUrl(req.url);
		const route = u ? spec.routes?.[`${u.origin}${u.pathname}`] : undefined;
		const source = route ?? spec;
		const answer = req.method === 'OPTIONS' ? (source.preflight ?? NO_PREFLIGHT) : source.response;
		return respond(answer, getHeader(req.headers, 'origin'), req.method === 'HEAD');
	};
}

/** Materialise a response description for a request carrying `origin` (or none). */
export function respond(spec: ResponseSpec, origin: string | null, head = false): ServerResponse {
	const headers: Header[] = [];
	for (const [name, v] of Object.entries(spec.headers)) {
		for (const value of typeof v === 'string' ? [v] : v) {
			if (value.includes('$ORIGIN')) {
				if (origin === null) continue;
				headers.push([name, value.replaceAll('$ORIGIN', origin)]);
			} else headers.push([name, value]);
		}
	}
	const body = spec.body ?? '';
	const noBody = spec.status === 204 || spec.status === 304 || spec.status < 200;
	if (!noBody && !hasHeader(headers, 'content-length')) headers.push(['Content-Length', String(new TextEncoder().encode(body).length)]);
	return { status: spec.status, headers, body: head || noBody ? '' : body };
}
