// What the server received (server_saw: not scored by FORMAT.md, but it is what `check` puts
// on the wire): for every recorded step of both corpora, each request's method, URL and every
// header value agree with the core. Header order is not compared: Chromium's is its own, and
// the core keeps the recorded order only where it is regular (43 of 1,060 steps differ in it).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROFILES, runScenario } from '../../source/core/index.js';
import { loadScenarioFile } from '../../source/scenario/load.js';

const CORPORA = { oracle: join(import.meta.dirname, '../fixtures/oracle'), lab: join(import.meta.dirname, '../lab/corpus') };
type Saw = { method: string; url: string; headers: Record<string, string> }[];
const uuid = (s: string) => s.replace(/moz-nullprincipal:\{[0-9a-f-]{36}\}/g, 'moz-nullprincipal:{uuid}');

function differences(recorded: Saw, core: Saw): string[] {
	const out: string[] = [];
	if (recorded.length !== core.length) out.push(`${recorded.length} requests recorded, ${core.length} from the core`);
	recorded.forEach((r, i) => {
		const c = core[i];
		if (!c) return;
		if (r.method !== c.method) out.push(`#${i} method ${r.method} / ${c.method}`);
		if (r.url !== c.url) out.push(`#${i} url ${r.url} / ${c.url}`);
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
					const run = runScenario(loadScenarioFile(join(dir, 'scenarios', file)), PROFILES[browser]);
					for (const o of recorded.observations) {
						const got = run.observations.find((x) => x.step === o.step)?.server_saw as Saw | undefined;
						for (const d of differences(o.server_saw, got ?? [])) problems.push(`${file} step ${o.step}: ${d}`);
					}
				}
				expect(problems).toEqual([]);
			});
		}
	});
}
