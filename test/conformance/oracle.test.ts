// The core against real browsers: every recorded fetch step, every scored field, both
// browsers. A disagreement is a bug in a rule, never a reason to special-case a scenario.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROFILES, runScenario } from '../../source/core/index.js';
import { loadScenarioFile } from '../../source/scenario/load.js';

const ORACLE = join(import.meta.dirname, '../fixtures/oracle');
const FIELDS = ['preflight_sent', 'request_sent', 'outcome', 'status', 'type', 'visible_headers', 'console'] as const;
const files = readdirSync(join(ORACLE, 'scenarios')).filter((f) => f.endsWith('.json')).sort();

for (const browser of ['chromium', 'firefox'] as const) {
	describe(`${browser}: the core agrees with the recording`, () => {
		let agreed = 0;
		let total = 0;
		test.each(files)('%s', (file) => {
			const scenario = loadScenarioFile(join(ORACLE, 'scenarios', file));
			const recorded = JSON.parse(readFileSync(join(ORACLE, browser, file), 'utf8')) as { observations: Record<string, unknown>[] };
			const run = runScenario(scenario, PROFILES[browser]);
			expect(run.observations.map((o) => o.step)).toEqual(recorded.observations.map((o) => o.step));
			for (const want of recorded.observations) {
				total++;
				const got = run.observations.find((o) => o.step === want.step) as unknown as Record<string, unknown>;
				const pick = (o: Record<string, unknown>) => Object.fromEntries(FIELDS.map((k) => [k, o[k]]));
				expect(pick(got), `step ${want.step}`).toEqual(pick(want));
				agreed++;
			}
		});
		test('all 106 recorded fetch steps agree on every field', () => {
			expect({ agreed, total }).toEqual({ agreed: 106, total: 106 });
		});
	});
}

test('the console lines of every failed Chromium fetch are byte-exact, including the redirect prefix', () => {
	// A focused restatement of the above for the messages, so a wording slip names itself.
	for (const file of files) {
		const recorded = JSON.parse(readFileSync(join(ORACLE, 'chromium', file), 'utf8')) as { observations: { step: number; console: string | null }[] };
		const run = runScenario(loadScenarioFile(join(ORACLE, 'scenarios', file)), PROFILES.chromium);
		for (const o of recorded.observations) expect(run.observations.find((x) => x.step === o.step)?.console, file).toBe(o.console);
	}
});
