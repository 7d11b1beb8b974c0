// A curl command's request checked over the network, as `cors-tutor check curl …` does when
// no option of check's own overrides what the command says (the Debugger's path).

import { PROFILES } from '../core/profiles/index.js';
import type { CredentialsMode, FetchInit, RequestMode } from '../core/request.js';
import { DEFAULT_MAX_BODY_BYTES } from '../net/http.js';
import type { CurlRequest } from './curl.js';
import { type CurlSummary, curlSummary } from './curl-summary.js';
import { type CheckReport, buildReport } from './report.js';
import { type NetOptions, pageFor, runCheck } from './run.js';

export interface CurlCheck {
	readonly report: CheckReport;
	readonly summary: CurlSummary;
}

export async function checkCurl(c: CurlRequest, origin: string, o: { timeoutMs: number; send?: NetOptions['send'] }): Promise<CurlCheck> {
	// Cookies sent mean the page asked for them: credentials "include".
	const credentials: CredentialsMode = c.cookie ? 'include' : 'same-origin';
	const mode: RequestMode = c.mode ?? 'cors';
	const browser = c.browser ?? 'chromium';
	const init: FetchInit = { url: c.url, method: c.method, headers: [...c.headers], body: c.body, credentials, mode };
	const run = await runCheck(PROFILES[browser], pageFor(origin), init, {
		timeoutMs: o.timeoutMs,
		maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
		insecure: c.insecure,
		...(c.cookie ? { cookie: c.cookie } : {}),
		...(o.send ? { send: o.send } : {}),
	});
	return { report: buildReport(run, c.cookie), summary: curlSummary(c, { origin, credentials, mode, browser, flags: {}, originFrom: 'as you gave it' }) };
}
