// From a recognised console message to advice: what failed and where, the headers that fix
// it, the policy that produces them (for --target), and the traps that make a correct fix
// look broken. Rules cited from cors-facts.md.

import type { Policy } from '../policy/model.js';
import { parseOriginRule } from '../policy/model.js';
import type { Recognized } from './recognize.js';

/** The lesson (by id) that teaches each failure. */
export const LESSON_FOR: Record<string, string> = {
	'missing-allow-origin': 'allow-origin', 'allow-origin-mismatch': 'allow-origin', 'invalid-allow-origin': 'allow-origin',
	'multiple-allow-origin': 'configuring-servers', 'wildcard-with-credentials': 'credentials', 'invalid-allow-credentials': 'credentials',
	'preflight-bad-status': 'preflight', 'preflight-redirect': 'redirects-and-null', 'allow-methods-unparseable': 'allow-methods-headers',
	'allow-headers-unparseable': 'allow-methods-headers', 'method-not-allowed': 'allow-methods-headers', 'header-not-allowed': 'allow-methods-headers',
	'same-origin-mode': 'request-modes', 'redirect-has-credentials': 'redirects-and-null', 'redirect-unsafe-scheme': 'redirects-and-null',
	'too-many-redirects': 'redirects-and-null', 'request-did-not-succeed': 'reading-errors', 'request-not-http': 'origins',
	'cors-disabled': 'reading-errors', 'origin-header-not-added': 'reading-errors',
};

export interface Advice {
	/** Which check failed, at which step, and why, in two or three sentences. */
	readonly explanation: string;
	/** Header lines the server must send, per response. */
	readonly headers: { readonly preflight: string[]; readonly actual: string[] };
	/** What to change, step by step. */
	readonly steps: string[];
	/** Why a correct fix may still look broken. */
	readonly traps: string[];
	/** cors-facts sections behind the explanation. */
	readonly sources: string[];
	/** A policy that fixes it, when the message names enough (origin, method, header). */
	readonly policy: Policy | null;
}

const where = (r: Recognized): string =>
	r.stage === 'preflight' ? 'the preflight (the OPTIONS request the browser sent first)'
		: r.stage === 'redirect' ? 'a redirect response'
		: r.stage === 'preflight-or-redirect' ? 'the preflight or a redirect response (Firefox adds "CORS request did not succeed" after either)'
		: r.stage === 'actual' ? (r.redirectedFrom ? `the response of ${r.url ?? 'the final URL'}, reached by a redirect from ${r.redirectedFrom}` : 'the actual response')
		: r.stage === 'request' ? 'the request itself, before anything was sent'
		: 'a response (the pasted part does not say whether it was the preflight)';

const TRAP_ERRORS = 'Error responses need the CORS headers too: a 401, 404 or 500 without Access-Control-Allow-Origin shows up as this CORS error and hides the real status (nginx: add_header … always; Apache: Header always set).';
const TRAP_PROXY = 'If a reverse proxy and the application both add CORS headers, the browser sees two values and fails with "multiple values": configure CORS in exactly one layer.';
const TRAP_CACHE = 'Browsers cache a successful preflight for Access-Control-Max-Age (Chromium at most 2 h, Firefox 24 h, Safari 10 min): after changing allowed methods or headers, a page may keep using the old answer until it expires (DevTools "Disable cache" skips it).';
const TRAP_VARY = 'When the answer depends on Origin, send Vary: Origin, or a browser or CDN cache may serve one origin\'s answer to another, which then fails with a mismatch.';
const TRAP_NONBROWSER = 'curl and Postman ignore CORS: they will show the response, which proves the server answered, not that the browser may read it.';

const originOfUrl = (u: string | null): string | null => {
	try {
		return u ? new URL(u).origin : null;
	} catch {
		return null;
	}
};

/**
 * The failing response was reached by a redirect to another origin, so the browser sent
 * `Origin: null` (the tainted origin, cors-facts §6.5). Known exactly when the whole URL chain
 * was seen (`check`); from a console message, which names only the first and the final URL:
 * true when those differ in origin and the page is not same-origin with the first.
 */
export function taintedRedirect(r: Recognized): boolean {
	if (r.stage !== 'actual') return false;
	if (r.tainted !== undefined) return r.tainted;
	if (!r.redirectedFrom) return false;
	const first = originOfUrl(r.redirectedFrom);
	const last = originOfUrl(r.url);
	return first !== null && last !== null && first !== last && first !== r.origin;
}

/** The fix when the request arrived with Origin: null because of a cross-origin redirect. */
function taintedAdvice(r: Recognized, what: string): Advice {
	const target = r.url ?? 'the final URL';
	return {
		explanation: `${what} After a redirect to another origin the browser sends Origin: null to ${target}, not your page's origin, so an answer naming your origin cannot match.`,
		headers: { preflight: [], actual: ['Access-Control-Allow-Origin: *'] },
		steps: [
			`Call ${target} directly from the page: without the cross-origin redirect the browser sends your page's origin, and that server's usual CORS answer applies.`,
			"If the redirect must stay and the request carries no credentials, the final server can answer Access-Control-Allow-Origin: *. With credentials there is no safe answer: remove the redirect.",
		],
		traps: ["Do not allow the origin 'null' to make this work: sandboxed iframes and documents of any site send it too, so it lets every site read the answer."],
		sources: ['cors-facts §6.5', '§3.1', '§9.4'],
		policy: null,
	};
}

export function advise(r: Recognized): Advice {
	const o = r.origin && r.origin !== 'null' ? r.origin : null;
	const origin = o ?? '<your page origin>';
	const acao = `Access-Control-Allow-Origin: ${origin}`;
	const vary = 'Vary: Origin';
	const policy = (extra: Partial<Policy> = {}): Policy | null => {
		if (!o) return null;
		const rule = parseOriginRule(o);
		if ('error' in rule) return null;
		return { origins: [rule], methods: ['GET', 'HEAD', 'POST'], allowHeaders: [], exposeHeaders: [], credentials: false, maxAge: 600, preflightStatus: 204, vary: true, appMethods: null, ...extra };
	};
	const v = r.value ?? '';
	const pre = r.stage === 'preflight' || r.stage === 'preflight-or-redirect';
	if (taintedRedirect(r) && r.code === 'missing-allow-origin') return taintedAdvice(r, `The browser blocked ${where(r)}: it carried no Access-Control-Allow-Origin header.`);
	if (taintedRedirect(r) && (r.code === 'allow-origin-mismatch' || r.code === 'invalid-allow-origin')) return taintedAdvice(r, `Access-Control-Allow-Origin in ${where(r)} was '${v}', which is not the request's origin.`);
	switch (r.code) {
		case 'missing-allow-origin':
			return {
				explanation: `The browser blocked ${where(r)}: it carried no Access-Control-Allow-Origin header, so the page may not read it.${!pre ? ' The request did reach the server (any side effect happened); only the answer is hidden.' : ' Often the server does not handle OPTIONS at all (404/405), or an authentication layer rejects the preflight, which never carries cookies or Authorization.'}${r.status ? ` The response status was ${r.status}.` : ''}`,
				headers: pre ? { preflight: [acao, vary], actual: [acao, vary] } : { preflight: [], actual: [acao, vary] },
				steps: [
					`Send ${acao} on ${pre ? 'the OPTIONS answer (status 204) and on ' : ''}every response to that origin, including errors.`,
					...(pre ? ['Let OPTIONS requests through before any authentication or routing that would reject them.'] : []),
				],
				traps: [TRAP_ERRORS, TRAP_NONBROWSER, ...(r.redirectedFrom ? ['After a cross-origin redirect the request origin is "null": the final server must allow "null" or "*", or call it directly without the redirect.'] : [])],
				sources: ['cors-facts §3.1', '§2.2'],
				policy: policy(),
			};
		case 'wildcard-with-credentials':
			return {
				explanation: `The request was credentialed (credentials: 'include' or withCredentials), and ${where(r)} answered Access-Control-Allow-Origin: *. With credentials the browser accepts only the exact origin, never '*'.`,
				headers: { preflight: pre ? [acao, 'Access-Control-Allow-Credentials: true', vary] : [], actual: [acao, 'Access-Control-Allow-Credentials: true', vary] },
				steps: ['Echo the allowed origin instead of *, add Access-Control-Allow-Credentials: true and Vary: Origin.', "Or, if no cookies or HTTP auth are needed, drop credentials: 'include' from the request."],
				traps: [TRAP_VARY, 'Never echo every Origin together with Access-Control-Allow-Credentials: true: that lets any site read your users\' data.'],
				sources: ['cors-facts §3.1', '§3.3'],
				policy: policy({ credentials: true }),
			};
		case 'multiple-allow-origin':
			return {
				explanation: `Access-Control-Allow-Origin arrived with more than one value${v ? ` ('${v}')` : ''} in ${where(r)}. It must hold exactly one origin or '*'; a list is never accepted, and two header lines are joined into a list.`,
				headers: { preflight: pre ? [acao, vary] : [], actual: [acao, vary] },
				steps: ['Send one Access-Control-Allow-Origin line: pick the request\'s Origin from your allow-list and echo it.', 'If a proxy (nginx, a CDN, an API gateway) and the application both add it, remove it from one of them.'],
				traps: [TRAP_PROXY, TRAP_VARY],
				sources: ['cors-facts §3.1', '§3.3'],
				policy: policy(),
			};
		case 'invalid-allow-origin':
		case 'allow-origin-mismatch':
			return {
				explanation: `${r.value === null ? `${where(r).replace(/^./, (c) => c.toUpperCase())} did not allow the origin${o ? ` '${o}'` : ''}: its Access-Control-Allow-Origin was missing or named another origin (Safari reports both the same way).` : `Access-Control-Allow-Origin in ${where(r)} was '${v}', which is not byte-for-byte the request's origin${o ? ` '${o}'` : ''}.`} The comparison is exact: scheme, host, port and case must match, with no trailing slash and no path.${v === 'null' ? " 'null' matches only sandboxed pages and redirected requests." : ''}${r.redirectedFrom ? ' After a cross-origin redirect the request origin becomes "null", so a fixed origin no longer matches.' : ''}`,
				headers: { preflight: pre ? [acao, vary] : [], actual: [acao, vary] },
				steps: [`Send ${acao} exactly as the browser serialises the origin (e.g. "https://app.example.com", no trailing slash).`, 'If several origins may call you, compare the request\'s Origin against your list and echo the match.'],
				traps: [TRAP_VARY, 'A value from a config file per environment often names another environment\'s origin (staging vs production, http vs https, a port).'],
				sources: ['cors-facts §3.1', '§3.3', '§6.5'],
				policy: policy(),
			};
		case 'invalid-allow-credentials':
			return {
				explanation: `The request was credentialed, so ${where(r)} also needs Access-Control-Allow-Credentials with exactly the value 'true'${r.browser === 'chromium' ? `; it was '${v}'` : ''}. 'True', '1' or a missing header all fail.`,
				headers: { preflight: pre ? [acao, 'Access-Control-Allow-Credentials: true', vary] : [], actual: [acao, 'Access-Control-Allow-Credentials: true', vary] },
				steps: ['Add Access-Control-Allow-Credentials: true (lowercase true) next to the exact origin, on the preflight and on the actual response.'],
				traps: [TRAP_ERRORS],
				sources: ['cors-facts §3.1'],
				policy: policy({ credentials: true }),
			};
		case 'preflight-bad-status':
			return {
				explanation: `The preflight (OPTIONS) was answered with status ${r.status ?? 'other than 2xx'}. A preflight must get a 2xx answer, whatever its headers say. Typical causes: no route for OPTIONS, a framework answering 405, or authentication rejecting OPTIONS (preflights never carry credentials).`,
				headers: { preflight: [acao, 'Access-Control-Allow-Methods: <the method>', 'Access-Control-Allow-Headers: <the headers>', vary], actual: [acao, vary] },
				steps: ['Answer OPTIONS with 204 (or 200) before authentication and routing.', 'Include the CORS headers on that answer.'],
				traps: [TRAP_ERRORS],
				sources: ['cors-facts §2.2'],
				policy: policy(),
			};
		case 'preflight-redirect':
			return {
				explanation: 'The preflight (OPTIONS) was answered with a redirect. Browsers never follow redirects for preflights. Typical causes: http → https, a missing or extra trailing slash, a login redirect.',
				headers: { preflight: [acao, vary], actual: [acao, vary] },
				steps: ['Call the final URL directly (https, exact path), or make the server answer OPTIONS at this URL without redirecting.'],
				traps: [],
				sources: ['cors-facts §2.2'],
				policy: policy(),
			};
		case 'allow-methods-unparseable':
		case 'allow-headers-unparseable': {
			const name = r.code === 'allow-methods-unparseable' ? 'Access-Control-Allow-Methods' : 'Access-Control-Allow-Headers';
			return {
				explanation: `${name} in the preflight answer is not a comma-separated list of tokens${v ? ` ('${v}' is not a token)` : ''}. A parse failure blocks the request even when the header was not needed.`,
				headers: { preflight: [acao, `${name}: ${r.code === 'allow-methods-unparseable' ? 'GET, POST, PUT, DELETE' : 'Content-Type, Authorization'}`, vary], actual: [] },
				steps: [`Separate the items with commas: "PUT, DELETE", not "PUT DELETE"; no quotes, no slashes.`],
				traps: [TRAP_CACHE],
				sources: ['cors-facts §2.3'],
				policy: policy(),
			};
		}
		case 'method-not-allowed':
			return {
				explanation: `The preflight answer does not allow the method${v ? ` ${v}` : ''}. Access-Control-Allow-Methods must list it, matched case-sensitively (fetch upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT: 'patch' stays 'patch'). With credentials, '*' is only a literal name.`,
				headers: { preflight: [acao, `Access-Control-Allow-Methods: ${v && !['GET', 'HEAD', 'POST'].includes(v) ? `GET, POST, ${v}` : 'GET, POST, PUT, DELETE'}`, vary], actual: [acao, vary] },
				// A method in lower case is best fixed in the page: servers such as nginx and Node's
				// http module answer "patch" with 400 even once the preflight allows it.
				steps: v && v !== v.toUpperCase()
					? [`Write the method in upper case in the page: method: '${v.toUpperCase()}'. Browsers send '${v}' exactly as written, and servers such as nginx and Node answer a lower-case method with 400 even after the preflight allows it.`, `Or add ${v} to Access-Control-Allow-Methods on the OPTIONS answer (it must match letter for letter).`]
					: [`Add ${v || 'the method'} to Access-Control-Allow-Methods on the OPTIONS answer.`],
				traps: [TRAP_CACHE],
				sources: ['cors-facts §2.4', '§1.9'],
				policy: policy({ methods: ['GET', 'HEAD', 'POST', ...(v && !['GET', 'HEAD', 'POST'].includes(v) ? [v] : [])] }),
			};
		case 'header-not-allowed':
			return {
				explanation: `The request sends the header '${v || '…'}', which is not CORS-safelisted, and the preflight answer's Access-Control-Allow-Headers does not list it.${v === 'content-type' ? ' Content-Type is safelisted only for text/plain, multipart/form-data and application/x-www-form-urlencoded: application/json needs this permission.' : ''}${v === 'authorization' ? ' Authorization must be listed by name to be safe: the standard no longer lets * cover it.' : ''}`,
				headers: { preflight: [acao, `Access-Control-Allow-Headers: ${v || '<the header>'}`, vary], actual: [acao, vary] },
				steps: [`Add ${v || 'the header'} to Access-Control-Allow-Headers on the OPTIONS answer (names are case-insensitive).`],
				traps: [TRAP_CACHE],
				sources: ['cors-facts §2.5', '§1.2'],
				policy: policy({ allowHeaders: v ? [v] : [] }),
			};
		case 'redirect-has-credentials':
			return {
				explanation: 'A redirect pointed to a URL with a username and password in it (https://user:pass@host/). Cross-origin requests may not follow such a redirect.',
				headers: { preflight: [], actual: [] }, steps: ['Redirect to a URL without credentials; send credentials in a header instead.'], traps: [], sources: ['cors-facts §6.2'], policy: null,
			};
		case 'redirect-unsafe-scheme':
			return {
				explanation: 'A redirect pointed to a non-HTTP(S) URL (data:, file:, a custom scheme). Fetch follows only http and https redirects.',
				headers: { preflight: [], actual: [] }, steps: ['Redirect to an http(s) URL, or fetch the final resource directly.'], traps: [], sources: ['cors-facts §6.1'], policy: null,
			};
		case 'too-many-redirects':
			return {
				explanation: 'The request was redirected more than 20 times.', headers: { preflight: [], actual: [] },
				steps: ['Find the redirect loop (often http ↔ https or a trailing-slash rule) and break it.'], traps: [], sources: ['cors-facts §6.1'], policy: null,
			};
		case 'same-origin-mode':
			return {
				explanation: `The page called fetch() with mode: 'same-origin', which forbids any request to another origin${r.url ? ` (${r.url})` : ''}. No server change can allow it.`,
				headers: { preflight: [], actual: [] }, steps: ["Use mode: 'cors' (the default) and allow the page's origin on the server."], traps: [], sources: ['cors-facts §5.1', '§5.6'], policy: policy(),
			};
		case 'request-did-not-succeed':
			return {
				explanation: 'The request failed before the browser got an HTTP answer it could check (connection refused, DNS, TLS, a blocked redirect such as to data:), or this is the follow-up line after another CORS error. Look for another message just before it.',
				headers: { preflight: [], actual: [] },
				steps: ['Check that the server is reachable from the browser (the exact URL, https and certificate).', 'Paste the other CORS line of the same request, if there is one.'],
				traps: [TRAP_NONBROWSER], sources: ['cors-facts §8.2'], policy: null,
			};
		case 'cors-disabled':
			return {
				explanation: 'Firefox has CORS disabled (the preference content.cors.disable is true), so every cross-origin request is blocked.',
				headers: { preflight: [], actual: [] }, steps: ['Set content.cors.disable back to false in about:config.'], traps: [], sources: ['cors-facts §8.2'], policy: null,
			};
		case 'request-not-http':
			return {
				explanation: 'The request or the page is not http(s): a page opened as file:// or a request to a non-HTTP URL cannot use CORS.',
				headers: { preflight: [], actual: [] }, steps: ['Serve the page from a local web server (e.g. npx serve) and fetch http(s) URLs.'], traps: [], sources: ['cors-facts §5.1'], policy: null,
			};
		case 'origin-header-not-added':
			return {
				explanation: 'Firefox could not add the Origin header to the request (an add-on or a proxy interfered).',
				headers: { preflight: [], actual: [] }, steps: ['Disable extensions that rewrite requests and retry.'], traps: [], sources: ['cors-facts §8.2'], policy: null,
			};
		default:
			return {
				explanation: 'fetch() rejected the request before sending it.', headers: { preflight: [], actual: [] }, steps: [], traps: [], sources: ['cors-facts §1'], policy: null,
			};
	}
}
