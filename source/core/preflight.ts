// The CORS-preflight fetch [F #cors-preflight-fetch-0], cors-facts §2: the OPTIONS request a
// browser sends, and the checks it runs on the answer in its own order.

import { type FailureCode, checkFailure } from './failure.js';
import { type HeaderList, getHeader, headerLines, parseTokenList } from './headers.js';
import type { BrowserProfile, MaxAge, PreflightCheck } from './profiles/types.js';
import { isCorsSafelistedMethod } from './safelist.js';
import type { Rule } from './trace.js';
import { corsCheckInput } from './cors-check.js';

export interface PreflightQuery {
	readonly method: string;
	/** CORS-unsafe header names in the order a browser checks them. */
	readonly headers: readonly string[];
	/** Serialized request origin ("null" when tainted). */
	readonly origin: string;
	readonly include: boolean;
}

export interface PreflightResponse {
	readonly status: number;
	readonly headers: HeaderList;
}

export interface CheckRecord {
	readonly name: PreflightCheck;
	readonly ok: boolean;
	readonly text: string;
	readonly rule: Rule;
}

export interface PreflightGrantParsed {
	readonly methods: string[];
	readonly headers: string[];
	readonly maxAge: MaxAge;
}

export interface PreflightProblem {
	readonly code: FailureCode;
	readonly header?: string;
	readonly value?: string;
	readonly lines?: number;
	readonly status?: number;
}

export type PreflightOutcome =
	| { readonly ok: true; readonly grant: PreflightGrantParsed; readonly checks: CheckRecord[] }
	| { readonly ok: false; readonly problem: PreflightProblem; readonly checks: CheckRecord[]; readonly storable: PreflightGrantParsed | null };

/** How each check is named in the trace. */
export const PREFLIGHT_CHECK_NAMES: Record<PreflightCheck, string> = {
	status: 'preflight HTTP status',
	cors: 'preflight CORS check',
	'parse-methods': 'parse Access-Control-Allow-Methods',
	'parse-headers': 'parse Access-Control-Allow-Headers',
	method: 'method allowed',
	headers: 'request headers allowed',
};

const RULES: Record<PreflightCheck, Rule> = {
	status: { id: 'preflight-ok-status', source: 'cors-facts §2.2' },
	cors: { id: 'cors-check', source: 'cors-facts §3.1, §2.2' },
	'parse-methods': { id: 'allow-list-parse', source: 'cors-facts §2.3' },
	'parse-headers': { id: 'allow-list-parse', source: 'cors-facts §2.3' },
	method: { id: 'method-check', source: 'cors-facts §2.4' },
	headers: { id: 'header-check', source: 'cors-facts §2.5' },
};

/** The checks a browser runs on a (non-redirect) preflight response, in its order. */
export function evaluatePreflight(profile: BrowserProfile, res: PreflightResponse, q: PreflightQuery): PreflightOutcome {
	const checks: CheckRecord[] = [];
	let methods: string[] = [];
	let headers: string[] = [];
	let parsed = 0;
	const grant = (): PreflightGrantParsed => ({ methods, headers, maxAge: profile.parseMaxAge(getHeader(res.headers, 'access-control-max-age')) });
	const record = (name: PreflightCheck, ok: boolean, text: string) => checks.push({ name, ok, text, rule: RULES[name] });
	const failed = (name: PreflightCheck, text: string, problem: PreflightProblem): PreflightOutcome => {
		record(name, false, text);
		const storable = profile.storesBeforeMethodCheck && parsed === 2 ? grant() : null;
		return { ok: false, problem, checks, storable };
	};

	for (const step of profile.preflightChecks) {
		switch (step) {
			case 'status': {
				if (res.status < 200 || res.status > 299)
					return failed(step, `the preflight answered ${res.status}; it must be 2xx`, { code: 'preflight-bad-status', status: res.status });
				record(step, true, `status ${res.status} is 2xx`);
				break;
			}
			case 'cors': {
				const c = profile.corsCheck(corsCheckInput(res.headers, q.origin, q.include));
				if (!c.ok) return failed(step, c.text, { code: c.code, ...checkFailure(c, res.status) });
				record(step, true, c.text);
				break;
			}
			case 'parse-methods':
			case 'parse-headers': {
				const name = step === 'parse-methods' ? 'Access-Control-Allow-Methods' : 'Access-Control-Allow-Headers';
				const lines = headerLines(res.headers, name);
				const list = parseTokenList(lines);
				if (!list.ok)
					return failed(step, `${name} '${lines.join(', ')}' is not a comma-separated list of tokens ('${list.badItem}' is not a token)`, {
						code: step === 'parse-methods' ? 'allow-methods-unparseable' : 'allow-headers-unparseable',
						header: name, value: list.badItem,
					});
				if (step === 'parse-methods') methods = list.items;
				else headers = list.items;
				parsed++;
				record(step, true, lines.length === 0 ? `no ${name} header (an empty list)` : `${name} lists [${list.items.join(', ')}]`);
				break;
			}
			case 'method': {
				const m = q.method;
				if (methods.includes(m)) record(step, true, `method ${m} is listed in Access-Control-Allow-Methods (exact, case-sensitive match)`);
				else if (isCorsSafelistedMethod(m)) record(step, true, `method ${m} is CORS-safelisted, so it needs no listing`);
				else if (!q.include && methods.includes('*')) record(step, true, `'*' in Access-Control-Allow-Methods allows ${m} because the request is not credentialed`);
				else {
					const hint = methods.some((x) => x.toLowerCase() === m.toLowerCase())
						? ` (only a different letter case is listed: the match is case-sensitive)`
						: q.include && methods.includes('*') ? " ('*' is only a literal name when credentials are included)" : '';
					return failed(step, `method ${m} is not in Access-Control-Allow-Methods [${methods.join(', ')}]${hint}`, {
						code: 'method-not-allowed', header: 'Access-Control-Allow-Methods', value: m,
					});
				}
				break;
			}
			case 'headers': {
				const allowed = headers.map((h) => h.toLowerCase());
				const star = !q.include && allowed.includes('*');
				for (const h of q.headers) {
					if (allowed.includes(h)) continue;
					if (star && (h !== 'authorization' || profile.starCoversAuthorization)) continue;
					const hint = q.include && allowed.includes('*') ? " ('*' is only a literal name when credentials are included)" : '';
					return failed(step, `request header ${h} is not in Access-Control-Allow-Headers [${headers.join(', ')}]${hint}`, {
						code: 'header-not-allowed', header: 'Access-Control-Allow-Headers', value: h,
					});
				}
				record(step, true, q.headers.length === 0 ? 'no CORS-unsafe request headers to allow' : `every unsafe header is allowed (${q.headers.join(', ')})${star ? " ('*' covers the rest)" : ''}`);
				break;
			}
		}
	}
	return { ok: true, grant: grant(), checks };
}
