// The core's Failure as the input of advise(): what a console message would have told
// explain, known here first-hand (the browser, the stage, the URL chain and the values).

import type { Failure } from '../core/failure.js';
import type { BrowserId } from '../core/profiles/index.js';
import type { Recognized } from './recognize.js';

export function recognizedFromFailure(f: Failure, browser: BrowserId, pageOrigin: string, consoleLines: readonly string[]): Recognized {
	const last = f.urlList[f.urlList.length - 1] ?? f.url;
	return {
		browser, code: f.code, stage: f.stage,
		url: last,
		redirectedFrom: f.urlList.length > 1 ? (f.urlList[0] ?? null) : null,
		tainted: taintedChain(f.urlList, pageOrigin),
		origin: pageOrigin,
		header: f.header ?? null,
		value: f.value ?? null,
		status: f.status ?? null,
		initiator: 'fetch',
		line: consoleLines[0] ?? '',
	};
}

/** cors-facts §6.5: a hop taints when the new URL is not same-origin with the previous one and the request's origin is not same-origin with the previous URL. */
function taintedChain(urls: readonly string[], pageOrigin: string): boolean {
	const origin = (u: string) => {
		try {
			return new URL(u).origin;
		} catch {
			return u;
		}
	};
	for (let i = 1; i < urls.length; i++) {
		const prev = origin(urls[i - 1] ?? '');
		if (origin(urls[i] ?? '') !== prev && pageOrigin !== prev) return true;
	}
	return false;
}
