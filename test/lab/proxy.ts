// The loopback HTTP proxy that makes every `http://*.test` origin real. Browsers send it
// absolute-form requests (`GET http://api.test/data HTTP/1.1`); it answers them from the
// current scenario's server model (FORMAT.md) and records what it saw.
//
// It parses HTTP/1.1 itself on a `net` server: Node's own parser rejects the lowercase
// `patch` method that fetch() sends verbatim, and it would add Date/Connection headers.
import { STATUS_CODES } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { HeaderMap, ResponseSpec, Scenario } from './scenario.js';

export interface SawRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
}

/** Everything the proxy did, for the debug file: the scored log is `SawRequest`. */
export interface ProxyEvent {
	kind: 'scenario' | 'page' | 'refused' | 'bad-request';
	method: string;
	target: string;
	status: number;
	body?: string;
	/** Request header lines as received, `Name: value`. */
	headers?: string[];
}

interface ParsedRequest {
	method: string;
	target: string;
	version: string;
	headers: [string, string][];
	body: Buffer;
}

const PAGE_HTML = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>cors-tutor lab</title></head><body></body></html>\n';
const HEAD_LIMIT = 64 * 1024;

/** Header values are bytes: code points up to U+00FF go out as one byte each, anything wider as UTF-8. */
function headerBytes(s: string): Buffer {
	return /^[\u0000-\u00ff]*$/.test(s) ? Buffer.from(s, 'latin1') : Buffer.from(s, 'utf8');
}

function reason(status: number): string {
	return STATUS_CODES[status] ?? 'Unknown';
}

function bodyless(status: number): boolean {
	return status === 204 || status === 304 || (status >= 100 && status < 200);
}

/** Serialise one response exactly as FORMAT.md says: the listed lines, plus Content-Length unless listed or bodyless. */
export function serialiseResponse(spec: ResponseSpec, origin: string | undefined, isHead: boolean): Buffer {
	const lines: string[] = [`HTTP/1.1 ${spec.status} ${reason(spec.status)}`];
	let listsLength = false;
	for (const [name, value] of Object.entries(spec.headers as HeaderMap)) {
		if (name.toLowerCase() === 'content-length') listsLength = true;
		for (const v of Array.isArray(value) ? value : [value]) {
			if (v.includes('$ORIGIN')) {
				if (origin === undefined) continue;
				lines.push(`${name}: ${v.replaceAll('$ORIGIN', origin)}`);
			} else lines.push(`${name}: ${v}`);
		}
	}
	const body = Buffer.from(spec.body, 'utf8');
	if (!listsLength && !bodyless(spec.status)) lines.push(`Content-Length: ${body.length}`);
	const head = Buffer.concat(lines.map((l) => Buffer.concat([headerBytes(l), Buffer.from('\r\n')])));
	const parts = [head, Buffer.from('\r\n')];
	if (!isHead && !bodyless(spec.status)) parts.push(body);
	return Buffer.concat(parts);
}

function rawResponse(status: number, headers: [string, string][], body = ''): Buffer {
	const b = Buffer.from(body, 'utf8');
	const lines = [`HTTP/1.1 ${status} ${reason(status)}`, ...headers.map(([n, v]) => `${n}: ${v}`), `Content-Length: ${b.length}`];
	return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), b]);
}

/**
 * Minimal HTTP/1.1 request parsing: request line, header lines, then a body framed by
 * Content-Length or chunked transfer coding. Returns undefined until a whole request is buffered.
 */
export function parseRequest(buf: Buffer): { request: ParsedRequest; rest: Buffer } | { error: string } | undefined {
	const end = buf.indexOf('\r\n\r\n');
	if (end < 0) return buf.length > HEAD_LIMIT ? { error: 'request head too large' } : undefined;
	const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
	const m = /^(\S+) (\S+) (HTTP\/\d\.\d)$/.exec(lines[0] ?? '');
	if (!m) return { error: `bad request line ${JSON.stringify(lines[0])}` };
	const headers: [string, string][] = [];
	for (const line of lines.slice(1)) {
		const colon = line.indexOf(':');
		if (colon <= 0) return { error: `bad header line ${JSON.stringify(line)}` };
		headers.push([line.slice(0, colon), line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '')]);
	}
	const get = (name: string) => headers.find(([n]) => n.toLowerCase() === name)?.[1];
	let offset = end + 4;
	let body: Buffer;
	if (/chunked/i.test(get('transfer-encoding') ?? '')) {
		const chunks: Buffer[] = [];
		for (;;) {
			const lineEnd = buf.indexOf('\r\n', offset);
			if (lineEnd < 0) return undefined;
			const size = parseInt(buf.subarray(offset, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
			if (Number.isNaN(size)) return { error: 'bad chunk size' };
			offset = lineEnd + 2;
			if (size === 0) {
				const trailerEnd = buf.indexOf('\r\n\r\n', offset - 2);
				if (trailerEnd < 0) return undefined;
				offset = trailerEnd + 4;
				break;
			}
			if (buf.length < offset + size + 2) return undefined;
			chunks.push(buf.subarray(offset, offset + size));
			offset += size + 2;
		}
		body = Buffer.concat(chunks);
	} else {
		const length = Number(get('content-length') ?? '0');
		if (!Number.isInteger(length) || length < 0) return { error: 'bad Content-Length' };
		if (buf.length < offset + length) return undefined;
		body = buf.subarray(offset, offset + length);
		offset += length;
	}
	return { request: { method: m[1]!, target: m[2]!, version: m[3]!, headers, body: Buffer.from(body) }, rest: buf.subarray(offset) };
}

/** `server_saw` headers: lowercased names in arrival order, repeats joined with ", ", no Proxy-Connection. */
export function sawHeaders(headers: [string, string][]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of headers) {
		const key = name.toLowerCase();
		if (key === 'proxy-connection') continue;
		out[key] = key in out ? `${out[key]}, ${value}` : value;
	}
	return out;
}

export class LabProxy {
	private server: Server;
	private sockets = new Set<Socket>();
	private scenario: Scenario | undefined;
	private saw: SawRequest[] = [];
	private events: ProxyEvent[] = [];
	port = 0;

	constructor() {
		this.server = createServer((socket) => this.onConnection(socket));
	}

	async start(): Promise<number> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(0, '127.0.0.1', () => resolve());
		});
		this.port = (this.server.address() as AddressInfo).port;
		return this.port;
	}

	async stop(): Promise<void> {
		for (const s of this.sockets) s.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/**
	 * Answer from this scenario from now on, with an empty `server_saw` log. The debug events
	 * are kept: whatever arrived between scenarios (a browser starting up) goes to the next
	 * scenario's debug file.
	 */
	use(scenario: Scenario | undefined): void {
		this.scenario = scenario;
		this.saw = [];
	}

	/** The scenario requests received since the last call, in arrival order. */
	takeSaw(): SawRequest[] {
		return this.saw.splice(0);
	}

	takeEvents(): ProxyEvent[] {
		return this.events.splice(0);
	}

	private onConnection(socket: Socket): void {
		this.sockets.add(socket);
		socket.on('close', () => this.sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		let buf: Buffer = Buffer.alloc(0);
		socket.on('data', (data) => {
			buf = Buffer.concat([buf, data]);
			for (;;) {
				const parsed = parseRequest(buf);
				if (parsed === undefined) return;
				if ('error' in parsed) {
					this.events.push({ kind: 'bad-request', method: '', target: parsed.error, status: 400 });
					socket.end(rawResponse(400, [], ''));
					buf = Buffer.alloc(0);
					return;
				}
				buf = parsed.rest;
				const { bytes, close } = this.answer(parsed.request);
				if (close) {
					socket.end(bytes);
					return;
				}
				socket.write(bytes);
			}
		});
	}

	private answer(req: ParsedRequest): { bytes: Buffer; close: boolean } {
		const refuse = (status: number) => {
			this.events.push({ kind: 'refused', method: req.method, target: req.target, status, headers: req.headers.map(([n, v]) => `${n}: ${v}`) });
			return { bytes: rawResponse(status, []), close: true };
		};
		// Background traffic (Chromium's Google hosts, any https) never reaches a scenario.
		if (req.method.toUpperCase() === 'CONNECT') return refuse(403);
		let url: URL;
		try {
			const host = req.headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? '';
			url = /^[a-z][a-z0-9+.-]*:\/\//i.test(req.target) ? new URL(req.target) : new URL(req.target, `http://${host}`);
		} catch {
			return refuse(400);
		}
		if (url.protocol !== 'http:' || !url.hostname.endsWith('.test')) return refuse(404);
		const absolute = /^http:\/\//i.test(req.target) ? req.target : url.href;

		if (url.pathname === '/__page') {
			const headers: [string, string][] = [['Content-Type', 'text/html; charset=utf-8'], ['Cache-Control', 'no-store']];
			if (url.searchParams.has('sandbox')) headers.push(['Content-Security-Policy', 'sandbox allow-scripts']);
			this.events.push({ kind: 'page', method: req.method, target: absolute, status: 200 });
			return { bytes: rawResponse(200, headers, req.method === 'HEAD' ? '' : PAGE_HTML), close: false };
		}

		const scenario = this.scenario;
		if (!scenario) return refuse(404);
		const saw: SawRequest = { method: req.method, url: absolute, headers: sawHeaders(req.headers) };
		this.saw.push(saw);
		const route = scenario.server.routes[url.origin + url.pathname];
		const desc = route ?? scenario.server;
		const origin = saw.headers.origin;
		const spec = req.method === 'OPTIONS' ? desc.preflight : desc.response;
		let bytes: Buffer;
		let close = false;
		if (!spec) {
			bytes = Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n', 'latin1');
		} else {
			bytes = serialiseResponse(spec, origin, req.method === 'HEAD');
			// A scenario that spells out its own Content-Length may get it wrong; closing the
			// connection afterwards keeps the next request on this socket from being misframed.
			close = Object.keys(spec.headers).some((n) => n.toLowerCase() === 'content-length');
		}
		this.events.push({
			kind: 'scenario',
			method: req.method,
			target: absolute,
			status: spec?.status ?? 404,
			headers: req.headers.map(([n, v]) => `${n}: ${v}`),
			...(req.body.length ? { body: req.body.toString('latin1') } : {}),
		});
		return { bytes, close };
	}
}
