// Recognise a pasted browser console message: which browser, which check failed, at which
// step, and the values it names. Chromium (cors-facts §8.1, messages.md, and older builds'
// no-cors suggestions), Firefox (§8.2, all 15 reasons MDN documents, old and new wordings)
// and Safari (§8.3). Pure: text in, facts out.

import type { FailureCode, Stage } from '../core/failure.js';

export type BrowserName = 'chromium' | 'firefox' | 'safari';

/** The failure codes of the core, plus Firefox reasons the core never produces. */
export type ExplainCode = FailureCode | 'cors-disabled' | 'request-not-http' | 'origin-header-not-added' | 'request-did-not-succeed';

export interface Recognized {
	readonly browser: BrowserName;
	readonly code: ExplainCode;
	/** 'unknown' when the pasted part does not say (a fragment, or Firefox's ambiguous forms). */
	readonly stage: Stage | 'preflight-or-redirect' | 'unknown';
	/** The URL the message names (the failing response's). */
	readonly url: string | null;
	readonly redirectedFrom: string | null;
	/** A redirect made the request's origin null (cors-facts §6.5), when known from the whole URL chain. */
	readonly tainted?: boolean;
	/** The page origin the message names. */
	readonly origin: string | null;
	/** The header involved, e.g. Access-Control-Allow-Origin. */
	readonly header: string | null;
	/** The value involved: the header value, method or request-header name the message quotes. */
	readonly value: string | null;
	readonly status: number | null;
	/** What loaded it, e.g. "fetch", "XMLHttpRequest", "script" (Chromium). */
	readonly initiator: string | null;
	/** The line that was recognised. */
	readonly line: string;
}

const Q = `[‘'"]`;
const EQ = `[’'"]`;

interface Detail {
	readonly re: RegExp;
	readonly code: ExplainCode;
	readonly header?: string;
	readonly preflightOnly?: boolean;
}

// Chromium detail strings (cors_error_string.cc). Group 1 is the value, where there is one.
const CHROMIUM_DETAILS: readonly Detail[] = [
	{ re: /^No 'Access-Control-Allow-Origin' header is present on the requested resource\./, code: 'missing-allow-origin', header: 'Access-Control-Allow-Origin' },
	{ re: /^The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '\*' when the request's credentials mode is 'include'\./, code: 'wildcard-with-credentials', header: 'Access-Control-Allow-Origin' },
	{ re: /^The 'Access-Control-Allow-Origin' header contains multiple values '(.*?)', but only one is allowed\./, code: 'multiple-allow-origin', header: 'Access-Control-Allow-Origin' },
	{ re: /^The 'Access-Control-Allow-Origin' header contains the invalid value '(.*?)'\./, code: 'invalid-allow-origin', header: 'Access-Control-Allow-Origin' },
	{ re: /^The 'Access-Control-Allow-Origin' header has a value '(.*?)' that is not equal to the supplied origin\./, code: 'allow-origin-mismatch', header: 'Access-Control-Allow-Origin' },
	{ re: /^The value of the 'Access-Control-Allow-Credentials' header in the response is '(.*?)' which must be 'true' when the request's credentials mode is 'include'\./, code: 'invalid-allow-credentials', header: 'Access-Control-Allow-Credentials' },
	{ re: /^It does not have HTTP ok status\./, code: 'preflight-bad-status', preflightOnly: true },
	{ re: /^Redirect is not allowed for a preflight request\./, code: 'preflight-redirect', preflightOnly: true },
	{ re: /^Cannot parse Access-Control-Allow-Methods response header field in preflight response\./, code: 'allow-methods-unparseable', header: 'Access-Control-Allow-Methods', preflightOnly: true },
	{ re: /^Cannot parse Access-Control-Allow-Headers response header field in preflight response\./, code: 'allow-headers-unparseable', header: 'Access-Control-Allow-Headers', preflightOnly: true },
	{ re: /^Method (\S+) is not allowed by Access-Control-Allow-Methods in preflight response\./, code: 'method-not-allowed', header: 'Access-Control-Allow-Methods', preflightOnly: true },
	{ re: /^Request header field (\S+) is not allowed by Access-Control-Allow-Headers in preflight response\./, code: 'header-not-allowed', header: 'Access-Control-Allow-Headers', preflightOnly: true },
	{ re: /^Redirect location '(.*?)' contains a username and password, which is disallowed for cross-origin requests\./, code: 'redirect-has-credentials' },
	{ re: /^Cross origin requests are not allowed by request mode\./, code: 'same-origin-mode' },
	{ re: /^Cross origin requests are only supported for protocol schemes: (.*?)\.$/, code: 'redirect-unsafe-scheme' },
];

const CHROMIUM_PREFIX =
	/Access to ([A-Za-z][A-Za-z ]*?) at '([^']*)' (?:\(redirected from '([^']*)'\) )?from origin '([^']*)' has been blocked by CORS policy: (Response to preflight request doesn't pass access control check: )?/;

// Firefox reasons (security.properties), old and current wordings, curly or straight quotes.
const FIREFOX_REASONS: readonly Detail[] = [
	{ re: /^CORS disabled/, code: 'cors-disabled' },
	{ re: /^CORS request did not succeed/, code: 'request-did-not-succeed' },
	{ re: new RegExp(`^CORS header ${Q}Origin${EQ} cannot be added`), code: 'origin-header-not-added' },
	{ re: /^CORS request external redirect not allowed/, code: 'preflight-redirect', preflightOnly: true },
	{ re: /^CORS request not HTTP/i, code: 'request-not-http' },
	{ re: new RegExp(`^CORS header ${Q}Access-Control-Allow-Origin${EQ} missing`), code: 'missing-allow-origin', header: 'Access-Control-Allow-Origin' },
	{ re: new RegExp(`^CORS header ${Q}Access-Control-Allow-Origin${EQ} does not match ${Q}(.*)${EQ}$`), code: 'allow-origin-mismatch', header: 'Access-Control-Allow-Origin' },
	{ re: new RegExp(`^Credential is not supported if the CORS header ${Q}Access-Control-Allow-Origin${EQ} is ${Q}\\*${EQ}`), code: 'wildcard-with-credentials', header: 'Access-Control-Allow-Origin' },
	{ re: new RegExp(`^Did not find method in CORS header ${Q}Access-Control-Allow-Methods${EQ}`), code: 'method-not-allowed', header: 'Access-Control-Allow-Methods', preflightOnly: true },
	{ re: new RegExp(`^expected ${Q}true${EQ} in CORS header ${Q}Access-Control-Allow-Credentials${EQ}`), code: 'invalid-allow-credentials', header: 'Access-Control-Allow-Credentials' },
	{ re: /^CORS preflight (?:channel|response) did not succeed/, code: 'preflight-bad-status', preflightOnly: true },
	{ re: new RegExp(`^invalid token ${Q}(.*)${EQ} in CORS header ${Q}Access-Control-Allow-Methods${EQ}`), code: 'allow-methods-unparseable', header: 'Access-Control-Allow-Methods', preflightOnly: true },
	{ re: new RegExp(`^invalid token ${Q}(.*)${EQ} in CORS header ${Q}Access-Control-Allow-Headers${EQ}`), code: 'allow-headers-unparseable', header: 'Access-Control-Allow-Headers', preflightOnly: true },
	{ re: new RegExp(`^missing token ${Q}(.*)${EQ} in CORS header ${Q}Access-Control-Allow-Headers${EQ}`), code: 'header-not-allowed', header: 'Access-Control-Allow-Headers', preflightOnly: true },
	{ re: new RegExp(`^header ${Q}(.*)${EQ} is not allowed according to header ${Q}Access-Control-Allow-Headers${EQ}`), code: 'header-not-allowed', header: 'Access-Control-Allow-Headers', preflightOnly: true },
	{ re: new RegExp(`^Multiple CORS header ${Q}Access-Control-Allow-Origin${EQ} not allowed`), code: 'multiple-allow-origin', header: 'Access-Control-Allow-Origin' },
];

const FIREFOX_LINE = new RegExp(
	`(?:Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${Q}?(\\S+?)${EQ}?\\. )?\\(?Reason: (.*?)\\)?(?:\\.?\\s*Status code: (\\S+?))?\\.?\\s*$`,
);

const SAFARI_DETAILS: readonly (Detail & { stage?: Stage })[] = [
	{ re: /^Origin (\S+) is not allowed by Access-Control-Allow-Origin\.(?: Status code: (\d+))?/, code: 'allow-origin-mismatch', header: 'Access-Control-Allow-Origin' },
	{ re: /^Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true\./, code: 'wildcard-with-credentials', header: 'Access-Control-Allow-Origin' },
	{ re: /^Access-Control-Allow-Origin cannot contain more than one origin\./, code: 'multiple-allow-origin', header: 'Access-Control-Allow-Origin' },
	{ re: /^Credentials flag is true, but Access-Control-Allow-Credentials is not "true"\./, code: 'invalid-allow-credentials', header: 'Access-Control-Allow-Credentials' },
	{ re: /^Preflight response is not successful\.(?: Status code: (\d+))?/, code: 'preflight-bad-status', preflightOnly: true },
	{ re: /^Header Access-Control-Allow-Methods has an invalid value: (.*)$/, code: 'allow-methods-unparseable', header: 'Access-Control-Allow-Methods', preflightOnly: true },
	{ re: /^Header Access-Control-Allow-Headers has an invalid value: (.*)$/, code: 'allow-headers-unparseable', header: 'Access-Control-Allow-Headers', preflightOnly: true },
	{ re: /^Method (\S+) is not allowed by Access-Control-Allow-Methods\.$/, code: 'method-not-allowed', header: 'Access-Control-Allow-Methods', preflightOnly: true },
	{ re: /^Request header field (\S+) is not allowed by Access-Control-Allow-Headers\.$/, code: 'header-not-allowed', header: 'Access-Control-Allow-Headers', preflightOnly: true },
	{ re: /^redirection URL (\S+) has credentials/, code: 'redirect-has-credentials' },
	{ re: /^not allowed to follow a cross-origin CORS redirection with non CORS scheme/, code: 'redirect-unsafe-scheme' },
];

const blank = { url: null, redirectedFrom: null, origin: null, header: null, value: null, status: null, initiator: null } as const;

function recogniseLine(raw: string): Recognized | null {
	const line = raw.trim();
	if (line === '') return null;

	// Chromium, whole or from the detail on.
	const p = CHROMIUM_PREFIX.exec(line);
	const rest = p ? line.slice((p.index ?? 0) + p[0].length) : line.replace(/^(?:Access blocked by CORS policy: |Response to preflight request doesn't pass access control check: )/, '');
	const pf = p ? Boolean(p[5]) : /Response to preflight request doesn't pass access control check: /.test(line);
	for (const d of CHROMIUM_DETAILS) {
		const m = d.re.exec(rest);
		if (!m) continue;
		const stage: Recognized['stage'] = pf || d.preflightOnly ? 'preflight' : d.code === 'redirect-has-credentials' ? 'redirect' : p ? 'actual' : 'unknown';
		return {
			...blank, browser: 'chromium', code: d.code, stage, line,
			url: p?.[2] ?? null, redirectedFrom: p?.[3] ?? null, origin: p?.[4] ?? null, initiator: p?.[1] ?? null,
			header: d.header ?? null, value: m[1] ?? null,
		};
	}
	const unsafe = /Unsafe attempt to load URL (\S+) from frame with URL (\S+)\. Domains, protocols and ports must match\./.exec(line);
	if (unsafe) return { ...blank, browser: 'chromium', code: 'same-origin-mode', stage: 'redirect', line, url: unsafe[1] ?? null };
	const mode = /Fetch API cannot load (\S+)\. Request mode is "same-origin" but the URL's origin is not same as the request origin (\S+)\./.exec(line);
	if (mode) return { ...blank, browser: 'chromium', code: 'same-origin-mode', stage: 'request', line, url: mode[1] ?? null, origin: mode[2] ?? null, initiator: 'fetch' };

	// Firefox.
	const ff = firefoxLine(line);
	if (ff) return ff;
	const sec = /Security Error: Content at (\S+) may not load data from (\S+?)\.?$/.exec(line);
	if (sec) return { ...blank, browser: 'firefox', code: 'same-origin-mode', stage: 'request', line, url: sec[2] ?? null };

	// Safari.
	const fetchLine = /^(?:Fetch API|XMLHttpRequest|EventSource) cannot load (\S+) due to access control checks\.$/.exec(line);
	if (fetchLine) return { ...blank, browser: 'safari', code: 'request-did-not-succeed', stage: 'unknown', line, url: fetchLine[1] ?? null };
	const safariLine = line.replace(/^(?:\[Error\]\s*)?(?:Failed to load resource: |Cross-origin redirection to \S+ denied by Cross-Origin Resource Sharing policy: )?/, '');
	for (const d of SAFARI_DETAILS) {
		const m = d.re.exec(safariLine);
		if (!m) continue;
		const isOrigin = d.code === 'allow-origin-mismatch';
		return {
			...blank, browser: 'safari', code: d.code, line, header: d.header ?? null,
			stage: d.preflightOnly ? 'preflight' : d.code === 'redirect-has-credentials' || d.code === 'redirect-unsafe-scheme' ? 'redirect' : 'unknown',
			origin: isOrigin ? (m[1] ?? null) : null,
			value: isOrigin ? null : d.code === 'preflight-bad-status' ? null : (m[1] ?? null),
			status: isOrigin || d.code === 'preflight-bad-status' ? (m[isOrigin ? 2 : 1] ? Number(m[isOrigin ? 2 : 1]) : null) : null,
		};
	}
	// A Firefox reason pasted on its own, without "(Reason: …)".
	return firefoxLine(`(Reason: ${line.replace(/[.)\s]+$/, '')})`, line);
}

function firefoxLine(text: string, line = text): Recognized | null {
	const f = FIREFOX_LINE.exec(text);
	if (!f || !(/Cross-Origin Request Blocked/.test(text) || /^\(?Reason: /.test(text))) return null;
	const reason = (f[2] ?? '').replace(/\)$/, '');
	for (const d of FIREFOX_REASONS) {
		const m = d.re.exec(reason);
		if (!m) continue;
		const status = f[3] && /^\d+$/.test(f[3]) ? Number(f[3]) : null;
		return {
			...blank, browser: 'firefox', code: d.code, line, url: f[1] ?? null, header: d.header ?? null, value: m[1] ?? null, status,
			stage: d.preflightOnly ? 'preflight' : d.code === 'request-did-not-succeed' ? 'unknown' : 'actual',
		};
	}
	return null;
}

/** Chromium's follow-up line: "GET https://… net::ERR_FAILED 200". */
const ERR_FAILED = /\b(GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS|[A-Z]+)\s+(\S+)\s+net::(ERR_[A-Z_]+)(?:\s+(\d{3}))?/;

export interface Recognition {
	/** The most specific message found, or null when nothing is a CORS message. */
	readonly primary: Recognized | null;
	/** Every recognised line, in order. */
	readonly all: Recognized[];
	/** A network error line without a CORS message, e.g. "net::ERR_FAILED". */
	readonly networkLine: { method: string; url: string; error: string; status: number | null } | null;
}

export function recognise(text: string): Recognition {
	const lines = text.split(/\r?\n/);
	const all = lines.map(recogniseLine).filter((r): r is Recognized => r !== null);
	const net = lines.map((l) => ERR_FAILED.exec(l)).find((m) => m);
	const networkLine = net ? { method: net[1] ?? '', url: net[2] ?? '', error: net[3] ?? '', status: net[4] ? Number(net[4]) : null } : null;
	const specific = all.filter((r) => r.code !== 'request-did-not-succeed');
	let primary = specific[0] ?? all[0] ?? null;
	if (primary?.browser === 'firefox' && primary.stage === 'actual' && all.some((r) => r.code === 'request-did-not-succeed')) {
		// Firefox adds "CORS request did not succeed" after a failed preflight or a failed redirect hop.
		primary = { ...primary, stage: 'preflight-or-redirect' };
	}
	if (primary && primary.browser === 'safari') {
		const url = all.find((r) => r.url !== null)?.url ?? null;
		primary = { ...primary, url: primary.url ?? url };
	}
	if (primary?.browser === 'chromium' && primary.status === null && networkLine?.status) primary = { ...primary, status: networkLine.status };
	return { primary, all, networkLine };
}
