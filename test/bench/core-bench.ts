// Benchmark body (bundled and run by test/bench/bench.mjs): the simulation core over the whole
// recorded corpus, beside a baseline measured in the same run.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILES, type Scenario, runScenario } from '../../source/core/index.js';
import { loadScenarioFile } from '../../source/scenario/load.js';

const dir = join(process.cwd(), 'test/fixtures/oracle/scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const scenarios: Scenario[] = files.map((f) => loadScenarioFile(join(dir, f)));
const texts = files.map((f) => readFileSync(join(dir, f), 'utf8'));
const fetchSteps = scenarios.reduce((n, s) => n + s.steps.filter((x) => 'fetch' in x).length, 0);

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)] ?? 0;
}

function time(fn: () => void, rounds: number): number {
	const ms: number[] = [];
	for (let i = 0; i < rounds; i++) {
		const t = performance.now();
		fn();
		ms.push(performance.now() - t);
	}
	return median(ms);
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
let sink = 0;
for (let i = 0; i < 5; i++) for (const s of scenarios) sink += runScenario(s, PROFILES.chromium).observations.length; // warm-up

// Baseline: parsing and re-serialising the same corpus, a pass over the same data that does no CORS work.
const baseline = time(() => {
	for (const t of texts) sink += JSON.stringify(JSON.parse(t)).length;
}, ROUNDS);

const rows: [string, number][] = [];
for (const id of ['chromium', 'firefox', 'safari'] as const) {
	rows.push([id, time(() => {
		for (const s of scenarios) sink += runScenario(s, PROFILES[id]).observations.length;
	}, ROUNDS)]);
}

const REAL_BROWSER_MS_PER_SCENARIO = 500;
console.log(`corpus: ${scenarios.length} scenarios, ${fetchSteps} fetch steps; median of ${ROUNDS} passes`);
console.log(`baseline (JSON parse + stringify of the corpus): ${baseline.toFixed(2)} ms per pass`);
for (const [id, ms] of rows) {
	console.log(
		`${id.padEnd(8)} one pass ${ms.toFixed(2).padStart(7)} ms · ${Math.round((fetchSteps / ms) * 1000).toLocaleString('en')} fetch steps/s · ` +
			`${(ms / baseline).toFixed(1)}× baseline · real browser ≈ ${(scenarios.length * REAL_BROWSER_MS_PER_SCENARIO / 1000).toFixed(1)} s, ` +
			`${Math.round((scenarios.length * REAL_BROWSER_MS_PER_SCENARIO) / ms).toLocaleString('en')}× faster · goal < 50 ms: ${ms < 50 ? 'met' : 'NOT met'}`,
	);
}
if (sink === 42) console.log('');
