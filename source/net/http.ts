// One HTTP exchange over the real network, as `check` and `audit` need it: headers sent
// exactly as given (no redirects followed, no Accept-Encoding), the answer's header lines
// kept raw (duplicates and order matter to CORS), a time limit and a bounded body.

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type Header = readonly [name: string, value: string];

export interface Exchange {
	readonly method: string;
	readonly url: string;
	/** Request header lines, names sent in this order (a repeated name as adjacent lines); Host and Content-Length are added when missing, Connection by Node. */
	readonly headers: readonly Header[];
	readonly body?: string | null;
	/** Whole-exchange time limit (connect + answer). Default 10 000 ms. */
	readonly timeoutMs?: number;
	/** Body bytes kept; the rest is read and dropped. Default 64 KiB. */
	readonly maxBodyBytes?: number;
	/** Accept any TLS certificate (self-signed test servers). */
	readonly insecure?: boolean;
}

export interface Answer {
	readonly ok: true;
	readonly status: number;
	readonly statusText: string;
	/** Header lines as received, in order, duplicates kept. */
	readonly headers: Header[];
	readonly body: string;
	/** The body was longer than maxBodyBytes and was cut there. */
	readonly truncated: boolean;
	readonly ms: number;
}

export type NetworkErrorKind = 'timeout' | 'dns' | 'refused' | 'reset' | 'tls' | 'bad-url' | 'other';

export interface NetworkFailure {
	readonly ok: false;
	readonly kind: NetworkErrorKind;
	/** A sentence for people: what happened and to which host. */
	readonly message: string;
	readonly ms: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Send one request; never throws, never follows redirects. */
export function send(x: Exchange, now: () => number = Date.now): Promise<Answer | NetworkFailure> {
	const start = now();
	const fail = (kind: NetworkErrorKind, message: string): NetworkFailure => ({ ok: false, kind, message, ms: now() - start });
	let url: URL;
	try {
		url = new URL(x.url);
	} catch {
		return Promise.resolve(fail('bad-url', `"${x.url}" is not a URL`));
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.resolve(fail('bad-url', `${url.protocol} URLs cannot be checked; use http: or https:`));
	const timeoutMs = x.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const maxBody = x.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
	const body = x.body ?? null;
	// Names go out in the order given; a name given twice goes out as two lines, next to each
	// other (Node groups them). Host and Content-Length are added when missing.
	const byName = new Map<string, { name: string; values: string[] }>();
	for (const [k, v] of x.headers) {
		const e = byName.get(k.toLowerCase());
		if (e) e.values.push(v);
		else byName.set(k.toLowerCase(), { name: k, values: [v] });
	}
	if (body !== null && !byName.has('content-length')) byName.set('content-length', { name: 'Content-Length', values: [String(Buffer.byteLength(body))] });
	return new Promise((resolve) => {
		let done = false;
		const finish = (r: Answer | NetworkFailure) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			req.destroy();
			resolve(r);
		};
		const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
		let req: ReturnType<typeof httpRequest>;
		try {
			req = make(url, { method: x.method, ...(url.protocol === 'https:' && x.insecure ? { rejectUnauthorized: false } : {}) });
			for (const { name, values } of byName.values()) req.setHeader(name, values.length === 1 ? (values[0] as string) : values);
			// Node upper-cases the method; a browser sends "patch" as written (only DELETE, GET,
			// HEAD, OPTIONS, POST and PUT are normalised, cors-facts §1.9), and so does this.
			// (The request line is written when the headers are, at the first write.)
			req.method = x.method;
			// No body and no Content-Length means no body: never Transfer-Encoding: chunked.
			req.useChunkedEncodingByDefault = false;
		} catch (e) {
			// Node refuses invalid header names/values and methods before sending anything.
			resolve(fail('other', `the request could not be sent: ${(e as Error).message}`));
			return;
		}
		const timer = setTimeout(() => finish(fail('timeout', `no complete answer from ${url.host} within ${timeoutMs} ms`)), timeoutMs);
		req.on('error', (e: NodeJS.ErrnoException) => finish(describeError(e, url, fail)));
		req.on('response', (res) => {
			const chunks: Buffer[] = [];
			let kept = 0;
			let truncated = false;
			res.on('data', (c: Buffer) => {
				if (kept >= maxBody) {
					truncated = true;
					return;
				}
				const room = maxBody - kept;
				if (c.length > room) truncated = true;
				const part = c.length > room ? c.subarray(0, room) : c;
				chunks.push(part);
				kept += part.length;
			});
			res.on('error', (e: NodeJS.ErrnoException) => finish(describeError(e, url, fail)));
			res.on('end', () => {
				const raw = res.rawHeaders;
				const lines: Header[] = [];
				for (let i = 0; i + 1 < raw.length; i += 2) lines.push([raw[i]!, raw[i + 1]!]);
				finish({ ok: true, status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: lines, body: Buffer.concat(chunks).toString('utf8'), truncated, ms: now() - start });
			});
		});
		if (body !== null) req.write(body);
		req.end();
	});
}

function describeError(e: NodeJS.ErrnoException, url: URL, fail: (k: NetworkErrorKind, m: string) => NetworkFailure): NetworkFailure {
	const code = e.code ?? '';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return fail('dns', `the name ${url.hostname} could not be resolved (${code})`);
	if (code === 'ECONNREFUSED') return fail('refused', `nothing is listening on ${url.host} (connection refused)`);
	if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) return fail('reset', `${url.host} closed the connection or sent something that is not HTTP (${code || e.message})`);
	if (code.includes('CERT') || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /certificate|SSL|TLS/i.test(e.message)) return fail('tls', `the TLS handshake with ${url.host} failed: ${e.message}`);
	return fail('other', `the request to ${url.host} failed: ${e.message}${code ? ` (${code})` : ''}`);
}
