// Proving a generator on the real server: start the demo it emits on 127.0.0.1, send a
// matrix of requests, and hold the answers to the policy model and to the core's verdict.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	type FetchInit, type Header, PROFILES, type Server, type ServerRequest, type ServerResponse, VirtualClock,
	browserFetch, lower, parsePageOrigin, type Origin, type TraceEvent,
} from '../../source/core/index.js';
import { runAudit } from '../../source/audit/engine.js';
import { policySites } from '../../source/audit/policy.js';
import { networkResponder, policyResponder } from '../../source/audit/responders.js';
import type { Target } from '../../source/generators/types.js';
import { compareWithPolicy } from '../../source/verify/compare.js';
import { verifyProbes } from '../../source/verify/probes.js';
import { type Policy, policyServer } from '../../source/policy/index.js';

/** A free port on 127.0.0.1 (asked from the OS, then released). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const a = s.address();
			s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
		});
	});
}

async function waitForPort(port: number, child: ChildProcess, log: () => string, ms = 20_000): Promise<void> {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before listening:\n${log()}`);
		const ok = await new Promise<boolean>((r) => {
			const c = connect(port, '127.0.0.1', () => {
				c.destroy();
				r(true);
			});
			c.once('error', () => r(false));
		});
		if (ok) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server did not listen on 127.0.0.1:${port} within ${ms} ms:\n${log()}`);
}

export interface RunningDemo {
	readonly port: number;
	readonly dir: string;
	stop(): Promise<void>;
}

/** Write the target's demo for `policy` into a temp dir and start it in the foreground. */
export async function startDemo(target: Target, policy: Policy): Promise<RunningDemo> {
	if (!target.demo) throw new Error(`${target.id} has no runnable demo`);
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), `cors-demo-${target.id}-`));
	const file = join(dir, target.demo.file);
	writeFileSync(file, target.generate(policy, { demo: { port } }).text);
	const fill = (s: string) => s.replaceAll('{dir}', dir).replaceAll('{port}', String(port)).replaceAll('{file}', file);
	const [cmd, ...args] = target.demo.command.map(fill);
	if (!cmd) throw new Error(`${target.id}: empty demo command`);
	const env = { ...process.env, ...Object.fromEntries(Object.entries(target.demo.env ?? {}).map(([k, v]) => [k, fill(v)])) };
	let out = '';
	const child = spawn(cmd, args, { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout?.on('data', (d) => (out += d));
	child.stderr?.on('data', (d) => (out += d));
	const stop = async () => {
		if (child.exitCode !== null || child.pid === undefined) return;
		const gone = new Promise((r) => child.once('exit', r));
		try {
			process.kill(-child.pid, 'SIGTERM'); // the process group we started, and nothing else
		} catch {}
		const t = setTimeout(() => {
			try {
				if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, 3000);
		await gone;
		clearTimeout(t);
	};
	try {
		await waitForPort(port, child, () => out);
	} catch (e) {
		await stop();
		throw e;
	}
	return { port, dir, stop };
}

export interface RealResponse {
	readonly status: number;
	/** Every header line as received, names as sent. */
	readonly headers: Header[];
	readonly body: string;
}

/** One raw HTTP/1.1 request to 127.0.0.1:port with exactly these headers (and `body`, if any). */
export function send(port: number, method: string, path: string, headers: readonly Header[], host = 'api.example.com', body: string | null = null): Promise<RealResponse> {
	// Node frames a POST/PUT/PATCH without Content-Length as chunked; a browser sends a Content-Length
	// (0 without a body), and some servers cannot read a chunked request (Django's runserver).
	const framed = headers.some(([k]) => ['content-length', 'transfer-encoding'].includes(lower(k)));
	const length: Header[] = framed || ['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'].includes(method) ? [] : [['Content-Length', String(Buffer.byteLength(body ?? ''))]];
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: [['Host', host], ...headers, ...length].flat(), setHost: false, timeout: 10_000 }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d) => (body += d));
			res.on('end', () => {
				const raw = res.rawHeaders;
				const hs: Header[] = [];
				for (let i = 0; i + 1 < raw.length; i += 2) hs.push([raw[i] as string, raw[i + 1] as string]);
				resolve({ status: res.statusCode ?? 0, headers: hs, body });
			});
		});
		req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within 10 s`)));
		req.on('error', reject);
		req.end(body ?? undefined);
	});
}

/** Differences between a real response and the policy model's answer (empty = agree): verify's comparison, status exactly. */
export const compareWithModel = (policy: Policy, method: string, reqHeaders: readonly Header[], real: RealResponse): string[] =>
	compareWithPolicy(policy, method, reqHeaders, real, { exactStatus: true });

/** A request a page makes, for the verdict comparison. */
export interface PageFetch {
	readonly page: string;
	readonly init: FetchInit;
}

function runCore(page: string, init: FetchInit, server: Server) {
	const trace: TraceEvent[] = [];
	const origin = parsePageOrigin(page) as Origin;
	return browserFetch({ profile: PROFILES.chromium, cache: PROFILES.chromium.createCache(), clock: new VirtualClock(), page: { origin, url: `${page}/` }, server }, init, trace);
}

/**
 * The core's verdict for `f` against the model server, and against the real server: the
 * requests the core sends are replayed over the network and the real answers fed back in.
 */
export async function verdicts(port: number, policy: Policy, f: PageFetch): Promise<{ model: string; real: string }> {
	const model = runCore(f.page, f.init, policyServer(policy, (req) => appAnswer(req)));
	const answers = new Map<string, ServerResponse>();
	// Requests the core will make against the real server can depend on earlier answers
	// (a failed preflight stops it), so replay until the set of requests stops growing.
	for (let round = 0; round < 4; round++) {
		const pending: ServerRequest[] = [];
		const probe = runCore(f.page, f.init, (req) => {
			const got = answers.get(key(req));
			if (got) return got;
			pending.push(req);
			return { status: 599, headers: [], body: '' };
		});
		if (pending.length === 0) return { model: verdict(model), real: verdict(probe) };
		for (const req of pending) {
			const u = new URL(req.url);
			// The body too: the core's headers announce it (Content-Length), and a server that drains an unread body (Go) would wait for it.
			const real = await send(port, req.method, `${u.pathname}${u.search}`, req.headers.filter(([k]) => lower(k) !== 'host'), u.host, req.body);
			answers.set(key(req), { status: real.status, headers: real.headers, body: real.body });
		}
	}
	throw new Error('the core kept asking for new requests');
}

const key = (r: ServerRequest) => `${r.method} ${r.url}`;
const verdict = (r: ReturnType<typeof runCore>) => (r.outcome === 'ok' ? `ok ${r.status} ${r.type}` : `blocked: ${r.failure?.code}`);

/** The demo application's own answer (what every demo serves behind the policy). */
function appAnswer(req: ServerRequest) {
	const m = /\/status\/(\d{3})$/.exec(new URL(req.url).pathname);
	const status = m ? Number(m[1]) : 200;
	return { status, headers: [['Content-Type', 'text/plain']] as Header[], body: status === 200 ? 'ok' : String(status) };
}

/** The request matrix of issue 6, for a policy whose first listed origin is allowed. */
export function probeMatrix(allowed: string, disallowed = 'https://evil.example.net'): { name: string; method: string; path: string; headers: Header[] }[] {
	const pre = (origin: string | null, method: string, headers?: string): Header[] => [
		...(origin ? ([['Origin', origin]] as Header[]) : []),
		['Access-Control-Request-Method', method],
		...(headers ? ([['Access-Control-Request-Headers', headers]] as Header[]) : []),
	];
	return [
		{ name: 'preflight, allowed origin, allowed method and header', method: 'OPTIONS', path: '/items', headers: pre(allowed, 'PUT', 'content-type') },
		{ name: 'preflight, allowed origin, disallowed method', method: 'OPTIONS', path: '/items', headers: pre(allowed, 'PATCH') },
		{ name: 'preflight, allowed origin, disallowed header', method: 'OPTIONS', path: '/items', headers: pre(allowed, 'PUT', 'x-evil') },
		{ name: 'preflight, disallowed origin', method: 'OPTIONS', path: '/items', headers: pre(disallowed, 'PUT', 'content-type') },
		{ name: 'GET, allowed origin', method: 'GET', path: '/items', headers: [['Origin', allowed]] },
		{ name: 'GET, disallowed origin', method: 'GET', path: '/items', headers: [['Origin', disallowed]] },
		{ name: 'GET, suffix-lookalike origin', method: 'GET', path: '/items', headers: [['Origin', `${allowed}.evil.net`]] },
		{ name: 'GET, no Origin', method: 'GET', path: '/items', headers: [] },
		{ name: 'PUT, allowed origin', method: 'PUT', path: '/items', headers: [['Origin', allowed], ['Content-Type', 'application/json']] },
		{ name: '404 from the app, allowed origin', method: 'GET', path: '/status/404', headers: [['Origin', allowed]] },
		{ name: '500 from the app, allowed origin', method: 'GET', path: '/status/500', headers: [['Origin', allowed]] },
	];
}

/** Page fetches whose verdicts must agree between the model and the real server. */
export function fetchMatrix(allowed: string): PageFetch[] {
	const base: FetchInit = { url: 'http://api.example.com/items', method: 'GET', headers: [], credentials: 'same-origin', mode: 'cors', body: null };
	return [
		{ page: allowed, init: base },
		{ page: allowed, init: { ...base, method: 'PUT', headers: [['Content-Type', 'application/json']], body: '{}', credentials: 'include' } },
		{ page: allowed, init: { ...base, method: 'DELETE' } },
		{ page: allowed, init: { ...base, headers: [['X-Evil', '1']] } },
		{ page: 'https://evil.example.net', init: { ...base, credentials: 'include' } },
		{ page: allowed, init: { ...base, url: 'http://api.example.com/status/500' } },
	];
}

/**
 * `cors-tutor audit` of the running server agrees with the audit of its policy file, class by
 * class (found or not, and severity): what the offline audit promises is what a scanner finds
 * once it is deployed. Returns the disagreements.
 */
export async function auditAgrees(port: number, policy: Policy): Promise<string[]> {
	const { sites } = policySites(policy);
	const [live, offline] = await Promise.all([runAudit(sites, networkResponder(`http://127.0.0.1:${port}/`)), runAudit(sites, policyResponder(policy))]);
	const verdict = (c: { id: string; status: string; severity: string }) => `${c.id}: ${c.status}${c.status === 'found' ? ` (${c.severity})` : ''}`;
	const want = new Map(offline.classes.map((c) => [c.id, verdict(c)]));
	return live.classes.filter((c) => want.get(c.id) !== verdict(c)).map((c) => `live ${verdict(c)}, policy file ${want.get(c.id)}`);
}

/**
 * `cors-tutor verify` of the running server against its own policy finds nothing: every one of
 * verify's probes agrees (a correct deployment never fails verify). Returns the disagreements.
 */
export async function verifyAgrees(port: number, policy: Policy): Promise<string[]> {
	const problems: string[] = [];
	for (const probe of verifyProbes(policy)) {
		const real = await send(port, probe.method, '/items', probe.headers);
		for (const p of compareWithPolicy(policy, probe.method, probe.headers, real)) problems.push(`${probe.name}: ${p}`);
	}
	return problems;
}
