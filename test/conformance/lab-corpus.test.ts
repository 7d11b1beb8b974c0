// The core against the lab's own recordings (test/lab/corpus): 368 scenarios aimed at what
// the shared corpus does not cover, recorded in real Chromium 156 and Firefox ESR 153 by
// `npm run conformance -- record`. Every fetch step, every scored field, console text exact.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROFILES, runScenario } from '../../source/core/index.js';
import { loadScenarioFile } from '../../source/scenario/load.js';

const LAB = join(import.meta.dirname, '../lab/corpus');
const FIELDS = ['preflight_sent', 'request_sent', 'outcome', 'status', 'type', 'visible_headers', 'console'] as const;
const files = readdirSync(join(LAB, 'scenarios')).filter((f) => f.endsWith('.json')).sort();
// Firefox names a sandboxed page by its null principal, whose UUID is random per page load
// (nullorigin-mode-same-origin); the core writes the nil UUID. Nothing else is normalised.
const stable = (v: unknown) => JSON.stringify(v).replace(/moz-nullprincipal:\{[0-9a-f-]{36}\}/g, 'moz-nullprincipal:{uuid}');

for (const browser of ['chromium', 'firefox'] as const) {
	describe(`lab corpus, ${browser}`, () => {
		test('every scenario has a recording', () => {
			const missing = files.filter((f) => !existsSync(join(LAB, browser, f)));
			expect(missing).toEqual([]);
		});
		test('every recorded fetch step agrees with the core on every field', () => {
			const disagreements: string[] = [];
			let steps = 0;
			for (const file of files) {
				const recorded = JSON.parse(readFileSync(join(LAB, browser, file), 'utf8')) as { observations: Record<string, unknown>[] };
				const run = runScenario(loadScenarioFile(join(LAB, 'scenarios', file)), PROFILES[browser]);
				for (const want of recorded.observations) {
					steps++;
					const got = run.observations.find((o) => o.step === want.step) as unknown as Record<string, unknown> | undefined;
					for (const k of FIELDS)
						if (stable(got?.[k]) !== stable(want[k])) disagreements.push(`${file} step ${String(want.step)} ${k}: recorded ${JSON.stringify(want[k])}, core ${JSON.stringify(got?.[k])}`);
				}
			}
			expect(steps).toBe(424);
			expect(disagreements).toEqual([]);
		});
	});
}
