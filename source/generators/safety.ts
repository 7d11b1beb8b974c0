// A second gate before any text is generated. The policy schema accepts every HTTP token
// for methods and header names, and tokens may contain $ # ' and `: legal in HTTP, but
// variables, comments or quotes in nginx, Apache, Caddy, HAProxy, shells and templates. It
// also accepts any host the URL parser does, and that parser lets " ; $ { } ' ( ) and more
// through (https://a"b;c.test is a serialized origin). No real method, header name or host
// uses them, so the generators refuse them outright.

import type { Policy } from '../policy/model.js';

/** Characters of an HTTP token that no generator lets through. */
const SPECIAL_IN_CONFIG = /[$#'`]/;

/** A host name of letters, digits, hyphens, underscores and dots, or an IP address. */
const SAFE_HOST = /^(?:[a-z0-9_-]+\.)*[a-z0-9_-]+$|^\[[0-9a-f:.]+\]$/;

/** Problems as "json.path: what is wrong" lines; empty when every value is safe to generate. */
export function unsafeForGenerators(p: Policy): string[] {
	const problems: string[] = [];
	if (Array.isArray(p.origins))
		p.origins.forEach((r, i) => {
			if (r.kind !== 'exact' || r.origin === 'null') return; // patterns are checked label by label already
			const host = r.origin.replace(/^https?:\/\//, '').replace(/:\d+$/, '');
			if (!SAFE_HOST.test(host)) {
				const bad = /[^a-z0-9_.\-[\]:]/.exec(host)?.[0] ?? host;
				problems.push(`origins[${i}]: ${JSON.stringify(r.origin)} has ${JSON.stringify(bad)} in its host name; a host name may use letters, digits, hyphens and dots only`);
			}
		});
	const check = (path: string, values: readonly string[], what: string) =>
		values.forEach((v, i) => {
			const bad = SPECIAL_IN_CONFIG.exec(v);
			if (bad)
				problems.push(`${path}[${i}]: ${JSON.stringify(v)} contains ${JSON.stringify(bad[0])}, which configuration files treat specially; a ${what} may use letters, digits and !%&*+-.^_|~ only`);
		});
	check('methods', p.methods, 'method');
	if (Array.isArray(p.allowHeaders)) check('allowHeaders', p.allowHeaders, 'header name');
	check('exposeHeaders', p.exposeHeaders, 'header name');
	if (p.appMethods) check('appMethods', p.appMethods, 'method');
	return problems;
}
