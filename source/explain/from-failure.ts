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
		origin: pageOrigin,
		header: f.header ?? null,
		value: f.value ?? null,
		status: f.status ?? null,
		initiator: 'fetch',
		line: consoleLines[0] ?? '',
	};
}
