// `check` over real HTTP, held to the recorded browsers: every single-fetch scenario of the
// shared corpus and the lab's corpus is served by a loopback HTTP server playing the
// scenario's server (any host: the request's URL travels in the path), and `check`'s replay
// of it gives the observation real Chromium and Firefox recorded, every scored field. The
// server also sees, line for line, the requests the core says the browser sends.
import { readFileSync, readdirSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCheck } from '../../source/check/run.js';
import { PROFILES, type Scenario, type ServerRequest, observe, recorderPageUrl, scenarioServer } from '../../source/core/index.js';
import { parsePageOrigin } from '../../source/core/origin.js';
import { send } from '../../source/net/http.js';
import { loadScenarioFile } from '../../source/scenario/load.js';

const CORPORA = [join(import.meta.dirname, '../fixtures/oracle'), join(import.meta.dirname, '../lab/corpus')];
const FIELDS = ['preflight_sent', 'request_sent', 'outcome', 'status', 'type', 'visible_headers', 'console'] as const;
const stable = (v: unknown) => JSON.stringify(v).replace(/moz-nullprincipal:\{[0-9a-f-]{36}\}/g, 'moz-nullprincipal:{uuid}');

// The scenario being served, and what the server received.
let current: Scenario | null = null;
let received: { method: string; url: string; headers: [string, string][] }[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
	server = createServer((req, res) => {
		const url = decodeURIComponent((req.url ?? '/').slice(1));
		const headers: [string, string][] = [];
		for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ method: req.method ?? '', url, headers });
			// What the page's browser would have sent: Node adds Host and Connection.
			const asSent = headers.filter(([n]) => !/^(host|connection)$/i.test(n));
			const body = chunks.length ? Buffer.concat(chunks).toString('utf8') : null;
			const answer = scenarioServer((current as Scenario).server)({ method: req.method ?? '', url, headers: asSent, body } satisfies ServerRequest);
			res.writeHead(answer.status, answer.headers.flat());
			res.end(answer.body);
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const a = server.address();
	base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

for (const browser of ['chromium', 'firefox'] as const) {
	describe(`check over real HTTP agrees with recorded ${browser}`, () => {
		test('every single-fetch scenario of both corpora, every scored field; the server sees what the core sends', async () => {
			const disagreements: string[] = [];
			let checked = 0;
			for (const dir of CORPORA) {
				for (const file of readdirSync(join(dir, 'scenarios')).filter((f) => f.endsWith('.json')).sort()) {
					const s = loadScenarioFile(join(dir, 'scenarios', file));
					const step = s.steps[0];
					if (s.steps.length !== 1 || !step || !('fetch' in step)) continue;
					// A method the browser leaves in lower case ("patch") goes out so (test/net), but
					// Node's HTTP server, like nginx, answers it 400: the lab's proxy accepted it.
					const m = step.fetch.method;
					if (/[a-z]/.test(m) && !['delete', 'get', 'head', 'options', 'post', 'put'].includes(m.toLowerCase())) continue;
					const recorded = (JSON.parse(readFileSync(join(dir, browser, file), 'utf8')) as { observations: Record<string, unknown>[] }).observations[0];
					const origin = parsePageOrigin(s.page);
					if (!recorded || 'error' in origin) continue;
					current = s;
					received = [];
					const run = await runCheck(PROFILES[browser], { origin, url: recorderPageUrl(s.page) }, step.fetch, {
						timeoutMs: 5_000, maxBodyBytes: 65_536, insecure: false,
						send: (x) => send({ ...x, url: `${base}${encodeURIComponent(x.url)}` }),
					});
					checked++;
					if (!run.result) {
						disagreements.push(`${file}: no result (${run.exchanges.at(-1)?.answer.ok === false ? (run.exchanges.at(-1)?.answer as { message: string }).message : '?'})`);
						continue;
					}
					const candidates = new Set([...Object.keys(s.server.response.headers), ...Object.values(s.server.routes ?? {}).flatMap((r) => Object.keys(r.response.headers))].map((h) => h.toLowerCase()));
					const got = observe(0, run.result, candidates) as unknown as Record<string, unknown>;
					for (const k of FIELDS) if (stable(got[k]) !== stable(recorded[k])) disagreements.push(`${file} ${k}: recorded ${JSON.stringify(recorded[k])}, check ${JSON.stringify(got[k])}`);
					// Line for line what the core sent; Host, Connection and Content-Length are Node's to write.
					const NODE = /^(host|connection|content-length)$/i;
					const lines = (q: { method: string; url: string; headers: readonly (readonly [string, string])[] }) => ({ method: q.method, url: q.url, headers: q.headers.filter(([n]) => !NODE.test(n)).map(([n, v]) => `${n}: ${v}`) });
					const seen = received.map(lines);
					const wanted = run.result.sent.map(lines);
					if (stable(seen) !== stable(wanted)) {
						const diff = seen.flatMap((q, i) => {
							const w = wanted[i];
							if (!w) return [`extra request ${q.method} ${q.url}`];
							const d = [...(q.method !== w.method ? [`method ${w.method} went out as ${q.method}`] : []), ...q.headers.filter((h) => !w.headers.includes(h)).map((h) => `+${h}`), ...w.headers.filter((h) => !q.headers.includes(h)).map((h) => `-${h}`)];
							return d.length ? [`request ${i}: ${d.join(', ')}`] : [];
						});
						disagreements.push(`${file}: the server did not receive what the core sent: ${diff.join('; ') || 'same lines, another order'}`);
					}
				}
			}
			expect(checked).toBeGreaterThan(300);
			expect(disagreements.slice(0, 10)).toEqual([]);
		}, 240_000);
	});
}
