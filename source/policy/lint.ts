// What is wrong or risky in a policy, each with a severity and a one-line fix. Sources:
// cors-facts §2.5 (Authorization and `*`), §2.6 (Max-Age caps), §3.1 (`*` with credentials),
// §5.3 (Set-Cookie), §9 (Vary, reflection, null); what-users-use.md (scanner classes).

import { lower } from '../core/headers.js';
import type { Policy } from './model.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
	readonly id: string;
	readonly severity: Severity;
	readonly message: string;
	readonly fix: string;
}

/** Browser caps on Access-Control-Max-Age, in seconds (cors-facts §2.6). */
export const MAX_AGE_CAPS = { chromium: 7200, firefox: 86400, safari: 600 } as const;

/** Hosts where anyone can publish a site: trusting all their subdomains trusts strangers. */
export const SHARED_HOSTING = [
	'github.io', 'gitlab.io', 'herokuapp.com', 'netlify.app', 'vercel.app', 'pages.dev', 'workers.dev', 'web.app',
	'firebaseapp.com', 'azurewebsites.net', 'cloudfront.net', 'amazonaws.com', 'appspot.com', 'glitch.me', 'onrender.com',
	'fly.dev', 'ngrok.io', 'ngrok-free.app', 'blogspot.com', 'wordpress.com', 'repl.co',
];

const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];

export function lintPolicy(p: Policy): Finding[] {
	const out: Finding[] = [];
	const add = (id: string, severity: Severity, message: string, fix: string) => out.push({ id, severity, message, fix });
	const list = typeof p.origins === 'string' ? [] : p.origins;

	if (p.origins === '*' && p.credentials)
		add('wildcard-with-credentials', 'error', "origins '*' with credentials: browsers refuse 'Access-Control-Allow-Origin: *' on credentialed requests", 'list the origins that may send credentials, or set "credentials": false');
	if (p.origins === 'reflect')
		add(p.credentials ? 'reflect-any-origin-credentials' : 'reflect-any-origin', p.credentials ? 'error' : 'warning',
			p.credentials ? 'every origin is echoed back with credentials allowed: any website can read your users\' data' : "every origin is echoed back: the same as '*', but needs Vary: Origin and hides intent",
			p.credentials ? 'replace "reflect" with the list of origins you trust' : 'use "*" if the data is public, or list the origins you trust');
	if (Array.isArray(p.origins) && p.origins.length === 0)
		add('blocks-everything', 'error', 'no origin is allowed: every cross-origin request will be blocked', 'add the origins of your front-end, e.g. "https://app.example.com"');
	if (list.some((r) => r.kind === 'exact' && r.origin === 'null'))
		add('null-origin', 'error', "'null' is allowed: sandboxed iframes, data: documents and redirected requests of any site carry Origin: null", 'remove "null"; serve the page from a real origin instead');
	const https = list.some((r) => (r.kind === 'exact' ? r.origin.startsWith('https://') : r.scheme === 'https'));
	for (const r of list) {
		const scheme = r.kind === 'exact' ? r.origin.split(':')[0] : r.scheme;
		const text = r.kind === 'exact' ? r.origin : r.text;
		if (https && scheme === 'http')
			add('http-next-to-https', 'warning', `${text} is plain http next to https origins: anyone on the network path can forge a page there`, `use ${text.replace(/^http:/, 'https:')} unless this is local development`);
		if (r.kind === 'subdomains') {
			if (!r.suffix.includes('.'))
				add('pattern-too-broad', 'error', `${r.text} matches every site under the top-level domain .${r.suffix}`, 'name your own domain, e.g. "https://*.example.com"');
			else if (SHARED_HOSTING.some((h) => r.suffix === h || r.suffix.endsWith(`.${h}`)))
				add('pattern-shared-hosting', 'error', `${r.text} trusts every site on ${r.suffix}, where anyone can publish`, 'list your exact origins on that host instead of a pattern');
			else add('pattern-any-subdomain', 'info', `${r.text} trusts every subdomain of ${r.suffix}, including ones that may host user content or be taken over`, 'list the subdomains you use if there are only a few');
		}
	}
	if (p.maxAge === null)
		add('max-age-absent', 'info', 'no Access-Control-Max-Age: browsers cache each preflight for only 5 s, so most non-simple requests pay for a preflight', 'set "maxAge": 600 (Safari\'s cap) or up to 7200 (Chromium\'s)');
	else
		for (const [browser, cap] of Object.entries(MAX_AGE_CAPS))
			if (p.maxAge > cap) add(`max-age-above-${browser}-cap`, 'info', `maxAge ${p.maxAge} s is above ${browser}'s cap of ${cap} s; it uses ${cap} s`, `set "maxAge": ${cap} or lower if you rely on the exact lifetime`);
	if (!p.vary && p.origins !== '*')
		add('missing-vary-origin', 'error', 'the answer depends on Origin but Vary: Origin is off: a cache can serve one origin\'s answer to another, which then fails or leaks', 'set "vary": true');
	if (p.allowHeaders === '*') {
		add('star-authorization', 'warning', "allowHeaders '*' does not cover Authorization in the standard (browsers still allow it, with a deprecation warning), and with credentials '*' is just a literal name", 'list the headers, e.g. ["Content-Type", "Authorization"]');
	} else if (Array.isArray(p.allowHeaders) && p.credentials && p.allowHeaders.length === 0)
		add('credentials-no-headers', 'info', 'credentials are allowed but no request headers: a request with Authorization or a JSON Content-Type will fail its preflight', 'add the headers your front-end sends, e.g. "Authorization", "Content-Type"');
	if (p.methods.includes('*') && p.credentials)
		add('star-method-credentials', 'warning', "methods '*' is a literal method name for credentialed requests", 'list the methods, e.g. ["GET", "POST", "PUT", "DELETE"]');
	for (const m of p.methods)
		if (m !== '*' && m !== m.toUpperCase() && ['get', 'head', 'post', 'put', 'delete', 'options', 'patch'].includes(lower(m)))
			add('method-case', 'warning', `method "${m}" is matched case-sensitively: a browser sends ${m.toUpperCase()}${lower(m) === 'patch' ? ' (unless the page wrote "patch")' : ''}`, `write "${m.toUpperCase()}"`);
	if (p.exposeHeaders.some((h) => ['set-cookie', 'set-cookie2'].includes(lower(h))))
		add('expose-set-cookie', 'warning', 'Set-Cookie is never exposed to scripts, whatever Access-Control-Expose-Headers says', 'remove it from exposeHeaders; cookies are handled by the browser');
	if (p.appMethods) {
		const extra = p.methods.filter((m) => m !== '*' && !SAFELISTED_METHODS.includes(m) && !p.appMethods?.includes(m));
		if (extra.length)
			add('methods-not-served', 'warning', `methods ${extra.join(', ')} are allowed but the application does not serve them`, `remove ${extra.join(', ')} from methods`);
	}
	const dup = (xs: readonly string[]) => xs.filter((x, i) => xs.findIndex((y) => lower(y) === lower(x)) !== i);
	const dups = [...dup(p.methods), ...(Array.isArray(p.allowHeaders) ? dup(p.allowHeaders) : []), ...dup(p.exposeHeaders)];
	if (dups.length) add('duplicates', 'info', `listed twice: ${[...new Set(dups)].join(', ')}`, 'remove the duplicates');
	return out;
}
