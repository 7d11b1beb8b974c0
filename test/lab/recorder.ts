// `conformance record`: run every scenario of a directory in one real browser and write one
// observation file per scenario, plus a debug file per scenario under `_debug/`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Observation, ScenarioDebug } from './driver.js';
import { LabProxy } from './proxy.js';
import { loadScenarioDir, type Scenario } from './scenario.js';

export type BrowserName = 'chromium' | 'firefox';

export interface Recorder {
	readonly versionField: 'chromium_version' | 'firefox_version';
	/** The version the browser reports, known after the first run. */
	readonly version: string;
	/** Runs one scenario with a fresh context (Chromium) or a fresh process and profile (Firefox). */
	run(scenario: Scenario, signal: AbortSignal): Promise<{ observations: Observation[]; debug: ScenarioDebug }>;
	/** Stops whatever browser process is running, so the next run starts clean. */
	reset(): Promise<void>;
	close(): Promise<void>;
}

export interface RecordOptions {
	browser: BrowserName;
	scenarioDir: string;
	outDir: string;
	/** Only scenarios whose id contains one of these. */
	only: string[];
	retries: number;
	/** Fixed per-scenario timeout; default: 45 s + 10 s per fetch step + the waits. */
	timeoutMs?: number;
	/** Firefox: start the next scenario's process while the current one runs (default false). */
	prelaunch?: boolean;
	log: (line: string) => void;
}

/** Pretty-printed with a 2-space indent and a trailing newline; key order is construction order. */
export function stableJson(value: unknown): string {
	return `${JSON.stringify(value, null, 2)}\n`;
}

function scenarioTimeout(s: Scenario, fixed: number | undefined): number {
	if (fixed !== undefined) return fixed;
	let ms = 45_000;
	for (const step of s.steps) ms += step.kind === 'wait' ? step.ms : 10_000;
	return ms;
}

async function createRecorder(browser: BrowserName, proxy: LabProxy, prelaunch: boolean): Promise<Recorder> {
	// The drivers are imported lazily (in these modules) so that `compare` never loads one.
	if (browser === 'chromium') return new (await import('./chromium.js')).ChromiumRecorder(proxy);
	return new (await import('./firefox.js')).FirefoxRecorder(proxy, prelaunch);
}

export interface RecordSummary {
	total: number;
	recorded: number;
	failed: { file: string; error: string }[];
	seconds: number;
	perScenario: { id: string; seconds: number; attempts: number }[];
}

export async function record(opts: RecordOptions): Promise<RecordSummary> {
	const loaded = loadScenarioDir(opts.scenarioDir).filter((l) => opts.only.length === 0 || opts.only.some((o) => l.file.includes(o)));
	mkdirSync(join(opts.outDir, '_debug'), { recursive: true });
	const proxy = new LabProxy();
	await proxy.start();
	const recorder = await createRecorder(opts.browser, proxy, opts.prelaunch ?? false);
	const summary: RecordSummary = { total: loaded.length, recorded: 0, failed: [], seconds: 0, perScenario: [] };
	const t0 = Date.now();
	const stop = () => {
		void recorder.close().finally(() => process.exit(130));
	};
	process.once('SIGINT', stop);
	try {
		for (const [n, item] of loaded.entries()) {
			const counter = `[${n + 1}/${loaded.length}]`;
			if (!item.scenario) {
				summary.failed.push({ file: item.file, error: item.error ?? 'unreadable' });
				opts.log(`${counter} ${item.file}: not a valid scenario: ${item.error}`);
				continue;
			}
			const scenario = item.scenario;
			const started = Date.now();
			const timeout = scenarioTimeout(scenario, opts.timeoutMs);
			let lastError = '';
			let attempts = 0;
			let done = false;
			while (!done && attempts <= opts.retries) {
				attempts++;
				let timer: NodeJS.Timeout | undefined;
				// Aborted on timeout, so that an abandoned attempt never touches the proxy's log again.
				const abort = new AbortController();
				try {
					const result = await Promise.race([
						recorder.run(scenario, abort.signal),
						new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeout} ms`)), timeout))),
					]);
					const file = { id: scenario.id, [recorder.versionField]: recorder.version, observations: result.observations };
					writeFileSync(join(opts.outDir, `${scenario.id}.json`), stableJson(file));
					writeFileSync(join(opts.outDir, '_debug', `${scenario.id}.json`), stableJson({ ...result.debug, browser: opts.browser, version: recorder.version, attempts, seconds: (Date.now() - started) / 1000 }));
					rmSync(join(opts.outDir, '_debug', `${scenario.id}.error.txt`), { force: true });
					done = true;
				} catch (e) {
					abort.abort();
					lastError = e instanceof Error ? e.message : String(e);
					opts.log(`${counter} ${scenario.id}: attempt ${attempts} failed: ${lastError.split('\n')[0]}`);
					proxy.use(undefined);
					await recorder.reset();
				} finally {
					clearTimeout(timer);
				}
			}
			const seconds = (Date.now() - started) / 1000;
			summary.perScenario.push({ id: scenario.id, seconds, attempts });
			if (done) {
				summary.recorded++;
				opts.log(`${counter} ${scenario.id} ${seconds.toFixed(1)} s`);
			} else {
				summary.failed.push({ file: item.file, error: lastError });
				// No stale observation file may outlive a failed recording.
				rmSync(join(opts.outDir, `${scenario.id}.json`), { force: true });
				writeFileSync(join(opts.outDir, '_debug', `${scenario.id}.error.txt`), `${lastError}\n`);
			}
		}
	} finally {
		process.off('SIGINT', stop);
		await recorder.close();
		await proxy.stop();
	}
	summary.seconds = (Date.now() - t0) / 1000;
	return summary;
}
