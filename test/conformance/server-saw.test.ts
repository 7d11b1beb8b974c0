// What the server received (server_saw: not scored by FORMAT.md, but it is what `check` puts
// on the wire): for every recorded step of both corpora, each request's method, URL, every
// header value, and the order of the header lines agree with the core. One exception, left as
// measured: Chromium orders two or more page-set headers by its own internals (client hints
// first, an implicit Content-Type before the page's), which the core does not reproduce
// (7 steps of 1,060).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROFILES, runScenario } from '../../source/core/index.js';
import { loadScenarioFile } from '../../source/scenario/load.js';

const CORPORA = { oracle: join(import.meta.dirname, '../fixtures/oracle'), lab: join(import.meta.dirname, '../lab/corpus') };
type Saw = { method: string; url: string; headers: Record<string, string> }[];
const uuid = (s: string) => s.replace(/moz-nullprincipal:\{[0-9a-f-]{36}\}/g, 'moz-nullprincipal:{uuid}');

function differences(recorded: Saw, core: Saw, order: boolean): string[] {
	const out: string[] = [];
	if (recorded.length !== core.length) out.push(`${recorded.length} requests recorded, ${core.length} from the core`);
	recorded.forEach((r, i) => {
		const c = core[i];
		if (!c) return;
		if (r.method !== c.method) out.push(`#${i} method ${r.method} / ${c.method}`);
		if (r.url !== c.url) out.push(`#${i} url ${r.url} / ${c.url}`);
		if (order && Object.keys(r.headers).join(' ') !== Object.keys(c.headers).join(' ')) out.push(`#${i} header order: recorded ${Object.keys(r.headers).join(' ')}; core ${Object.keys(c.headers).join(' ')}`);
		for (const k of new Set([...Object.keys(r.headers), ...Object.keys(c.headers)]))
			if (uuid(r.headers[k] ?? '∅') !== uuid(c.headers[k] ?? '∅')) out.push(`#${i} ${k}: recorded ${r.headers[k] ?? '(none)'}, core ${c.headers[k] ?? '(none)'}`);
	});
	return out;
}

for (const [name, dir] of Object.entries(CORPORA)) {
	describe(`${name} corpus`, () => {
		for (const browser of ['chromium', 'firefox'] as const) {
			test(`${browser}: the server receives exactly the requests the core sends`, () => {
				const problems: string[] = [];
				for (const file of readdirSync(join(dir, 'scenarios')).filter((f) => f.endsWith('.json')).sort()) {
					const recorded = JSON.parse(readFileSync(join(dir, browser, file), 'utf8')) as { observations: { step: number; server_saw: Saw }[] };
					const scenario = loadScenarioFile(join(dir, 'scenarios', file));
					const run = runScenario(scenario, PROFILES[browser]);
					for (const o of recorded.observations) {
						const got = run.observations.find((x) => x.step === o.step)?.server_saw as Saw | undefined;
						const step = scenario.steps[o.step];
						const pageHeaders = step && 'fetch' in step ? new Set([...step.fetch.headers.map(([k]) => k.toLowerCase()), ...(step.fetch.body !== null ? ['content-type'] : [])]).size : 0;
						const order = !(browser === 'chromium' && pageHeaders >= 2);
						for (const d of differences(o.server_saw, got ?? [], order)) problems.push(`${file} step ${o.step}: ${d}`);
					}
				}
				expect(problems).toEqual([]);
			});
		}
	});
}
