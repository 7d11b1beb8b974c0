// Chromium: Debian's /usr/bin/chromium driven by playwright-core. One browser process per
// run (restarted after a failure), a fresh browser context per scenario.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { runSteps, type ConsoleEntry, type PageAdapter } from './driver.js';
import type { LabProxy } from './proxy.js';
import type { Recorder } from './recorder.js';
import type { Scenario } from './scenario.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Exactly the flags of FORMAT.md. `ignoreDefaultArgs: true` keeps Playwright's own switches
 * out: they disable features such as AvoidCorsURLLoaderRestartOnRedirect and would change
 * what Chromium does. (Debian's /usr/bin/chromium wrapper adds its own few defaults.)
 */
export function chromiumFlags(proxyPort: number, userDataDir: string): string[] {
	return [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--no-default-browser-check',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--disable-default-apps',
		'--disable-extensions',
		'--disable-breakpad',
		'--disable-dev-shm-usage',
		'--metrics-recording-only',
		'--password-store=basic',
		'--use-mock-keychain',
		`--proxy-server=http://127.0.0.1:${proxyPort}`,
		'--proxy-bypass-list=<-loopback>',
		`--user-data-dir=${userDataDir}`,
		'--remote-debugging-pipe',
		'--no-startup-window',
	];
}

interface Launched {
	browser: Browser;
	userDataDir: string;
}

export class ChromiumRecorder implements Recorder {
	readonly versionField = 'chromium_version';
	version = '';
	/** The browser of this run, launched or launching; replaced after a failure. */
	private launching: Promise<Launched> | undefined;

	constructor(private proxy: LabProxy) {}

	private launch(): Promise<Launched> {
		return (async () => {
			const { chromium } = await import('playwright-core');
			const userDataDir = mkdtempSync(join(tmpdir(), 'cors-tutor-lab-chromium-'));
			try {
				const browser = await chromium.launch({
					executablePath: CHROMIUM_PATH,
					ignoreDefaultArgs: true,
					headless: true,
					args: chromiumFlags(this.proxy.port, userDataDir),
					timeout: 60_000,
				});
				return { browser, userDataDir };
			} catch (e) {
				rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
				throw e;
			}
		})();
	}

	private async browser(): Promise<Browser> {
		this.launching ??= this.launch();
		const { browser } = await this.launching;
		if (browser.isConnected()) return browser;
		await this.reset();
		return this.browser();
	}

	async run(scenario: Scenario, signal: AbortSignal) {
		const browser = await this.browser();
		this.version = browser.version();
		signal.throwIfAborted();
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			const entries: ConsoleEntry[] = [];
			page.on('console', (msg) => entries.push({ type: 'console', level: msg.type(), text: msg.text() }));
			const adapter: PageAdapter = {
				console: entries,
				goto: async (url) => {
					await page.goto(url, { waitUntil: 'load' });
				},
				evaluate: (expression) => page.evaluate(expression),
				// Error level only, without the "Failed to load resource:" line Chromium logs
				// for every failed load and every 4xx/5xx response.
				scored: (e) => e.level === 'error' && !e.text.startsWith('Failed to load resource:'),
			};
			return await runSteps(scenario, adapter, this.proxy, signal);
		} finally {
			await context.close().catch(() => {});
		}
	}

	/** Closes the browser (Playwright stops the process it started, launching or not) and removes its profile. */
	async reset(): Promise<void> {
		const launching = this.launching;
		this.launching = undefined;
		const launched = await launching?.catch(() => undefined);
		if (!launched) return;
		await Promise.race([launched.browser.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 30_000))]);
		rmSync(launched.userDataDir, { recursive: true, force: true, maxRetries: 3 });
	}

	close(): Promise<void> {
		return this.reset();
	}
}
