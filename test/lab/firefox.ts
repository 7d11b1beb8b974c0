// Firefox ESR: Debian's /usr/bin/firefox-esr driven over WebDriver BiDi by puppeteer-core 24.
// One fresh process and profile per scenario; steps run in the tab Firefox opens at start-up.
import type { Browser, Page } from 'puppeteer-core';
import { runSteps, type ConsoleEntry, type PageAdapter } from './driver.js';
import { FIREFOX_ENV, firefoxPrefs } from './firefox-prefs.js';
import type { LabProxy } from './proxy.js';
import type { Recorder } from './recorder.js';
import type { Scenario } from './scenario.js';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';

/** A WebDriver BiDi `log.entryAdded` event, as far as the lab reads it. */
interface BidiLogEntry {
	type: string;
	level: string;
	text: string | null;
}

interface RawBrowsingContext {
	on(event: 'log', handler: (e: { entry: BidiLogEntry }) => void): unknown;
}

/**
 * The tab's raw BiDi browsing context. puppeteer turns `javascript` entries into Error
 * objects (`pageerror`) and drops their level; the raw events keep type, level and text.
 * This reaches into puppeteer's BiDi internals (`BidiFrame.browsingContext`), checked here.
 */
function browsingContextOf(page: Page): RawBrowsingContext {
	const context = (page.mainFrame() as unknown as { browsingContext?: RawBrowsingContext }).browsingContext;
	if (!context || typeof context.on !== 'function') throw new Error('puppeteer-core changed: BidiFrame.browsingContext is gone (the recorder needs raw log.entryAdded events)');
	return context;
}

export class FirefoxRecorder implements Recorder {
	readonly versionField = 'firefox_version';
	version = '';
	/** Every Firefox launched or launching and not yet retired (current, and spare with `prelaunch`). */
	private live = new Set<Promise<Browser>>();
	/** The next scenario's Firefox, started while the current one runs (only with `prelaunch`). */
	private spare: Promise<Browser> | undefined;
	private closing = new Set<Promise<void>>();

	constructor(
		private proxy: LabProxy,
		private prelaunch = false,
	) {}

	/**
	 * A fresh Firefox: puppeteer creates a new temporary profile, writes its automation
	 * defaults and our preferences to user.js, and deletes the profile when it closes.
	 */
	private launch(): Promise<Browser> {
		const launching = (async () => {
			const { default: puppeteer } = await import('puppeteer-core');
			return puppeteer.launch({
				browser: 'firefox',
				protocol: 'webDriverBiDi',
				executablePath: FIREFOX_PATH,
				headless: true,
				extraPrefsFirefox: firefoxPrefs(this.proxy.port),
				env: { ...process.env, ...FIREFOX_ENV },
				timeout: 60_000,
			});
		})();
		this.live.add(launching);
		launching.catch(() => this.live.delete(launching));
		return launching;
	}

	async run(scenario: Scenario, signal: AbortSignal) {
		const launching = this.spare ?? this.launch();
		this.spare = undefined;
		if (this.prelaunch) {
			// Starting the next Firefox now hides part of its ~4.5 s start-up. It touches no
			// *.test host until it is given a scenario, so it cannot enter this one's server_saw.
			this.spare = this.launch();
		}
		try {
			const browser = await launching;
			signal.throwIfAborted();
			// BiDi reports e.g. "153.8.0" (no "esr"); puppeteer prefixes "firefox/".
			this.version = (await browser.version()).replace(/^[^/]*\//, '');
			const [page] = await browser.pages();
			if (!page) throw new Error('Firefox opened no tab');
			const entries: ConsoleEntry[] = [];
			browsingContextOf(page).on('log', ({ entry }) => entries.push({ type: entry.type, level: entry.level, text: entry.text ?? '' }));
			const adapter: PageAdapter = {
				console: entries,
				goto: async (url) => {
					await page.goto(url, { waitUntil: 'load' });
				},
				evaluate: (expression) => page.evaluate(expression),
				// Firefox's CORS and same-origin errors are script errors of the window.
				scored: (e) => e.type === 'javascript' && e.level === 'error',
			};
			return await runSteps(scenario, adapter, this.proxy, signal);
		} finally {
			this.retire(launching);
		}
	}

	/**
	 * Closes a Firefox this recorder started (once it has started), in the background; if it
	 * does not go within 15 s, kills it by its PID.
	 */
	private retire(launching: Promise<Browser>): void {
		if (!this.live.delete(launching)) return;
		const done = (async () => {
			const browser = await launching.catch(() => undefined);
			if (!browser) return;
			const child = browser.process();
			const closed = await Promise.race([browser.close().then(() => true, () => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000))]);
			if (!closed && child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
				try {
					process.kill(child.pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}
		})();
		this.closing.add(done);
		void done.finally(() => this.closing.delete(done));
	}

	/** Stops every Firefox this recorder started, launching ones included, and waits until they are gone. */
	async reset(): Promise<void> {
		this.spare = undefined;
		for (const launching of [...this.live]) this.retire(launching);
		await Promise.all([...this.closing]);
	}

	close(): Promise<void> {
		return this.reset();
	}
}
