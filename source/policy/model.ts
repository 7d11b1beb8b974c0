// A CORS policy, normalised: what a server allows, from which the response headers for any
// request follow (evaluate.ts), the configuration for every target (generators/) and the
// warnings (lint.ts).

import { isToken } from '../core/headers.js';
import { parsePageOrigin, parseUrl, serializeOrigin } from '../core/origin.js';

/** One entry of `origins`: an exact serialized origin, "null", or a subdomain pattern. */
export type OriginRule =
	| { readonly kind: 'exact'; readonly origin: string }
	| { readonly kind: 'subdomains'; readonly scheme: string; readonly suffix: string; readonly port: string; readonly text: string };

export interface Policy {
	/** "*" (any origin, literally `*`), "reflect" (echo any Origin), or a list of rules. */
	readonly origins: '*' | 'reflect' | readonly OriginRule[];
	readonly methods: readonly string[];
	readonly allowHeaders: '*' | 'mirror' | readonly string[];
	readonly exposeHeaders: readonly string[];
	readonly credentials: boolean;
	/** Seconds, or null to send no Access-Control-Max-Age. */
	readonly maxAge: number | null;
	readonly preflightStatus: 200 | 204;
	/** Send `Vary: Origin` when the answer depends on Origin (true unless a policy models a server that forgets it). */
	readonly vary: boolean;
	/** The methods the application really serves, if known (for the lint). */
	readonly appMethods: readonly string[] | null;
}

export const DEFAULT_POLICY: Policy = {
	origins: [],
	methods: ['GET', 'HEAD', 'POST'],
	allowHeaders: [],
	exposeHeaders: [],
	credentials: false,
	maxAge: null,
	preflightStatus: 204,
	vary: true,
	appMethods: null,
};

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * Parse one `origins` entry. A pattern is `scheme://*.suffix[:port]`: the `*` stands for one
 * or more whole DNS labels, so `https://*.example.com` matches `https://a.b.example.com` but
 * never `https://example.com.evil.net`, `https://evilexample.com` or `https://example.com`.
 */
export function parseOriginRule(s: string): OriginRule | { error: string } {
	if (s === 'null') return { kind: 'exact', origin: 'null' };
	const m = /^(https?):\/\/\*\.([^/:]+)(?::(\d{1,5}))?$/.exec(s);
	if (m) {
		const [, scheme = '', suffix = '', port = ''] = m;
		const labels = suffix.split('.');
		if (!labels.every((l) => LABEL.test(l)))
			return { error: `"${s}": after "*." write a lowercase domain name (letters, digits, dashes, dots), e.g. "https://*.example.com"` };
		const u = parseUrl(`${scheme}://x.${suffix}${port ? `:${port}` : ''}`);
		if (!u) return { error: `"${s}" is not a valid origin pattern` };
		return { kind: 'subdomains', scheme, suffix, port: u.port, text: s };
	}
	if (s.includes('*')) return { error: `"${s}": a wildcard may only stand for whole subdomain labels at the start, as in "https://*.example.com"` };
	const o = parsePageOrigin(s);
	if ('error' in o) return { error: o.error };
	// The URL parser lets through hosts with characters such as " ; $ { } ' ( ): nothing a real
	// origin needs, and everything a configuration-injection needs.
	if (o.kind === 'tuple' && !/^([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$|^\[[0-9a-f:.]+\]$/.test(o.host))
		return { error: `"${s}": a host name may only contain letters, digits, dashes, underscores and dots` };
	return { kind: 'exact', origin: serializeOrigin(o) };
}

/** Does the serialized request origin match this rule? */
export function matchesRule(rule: OriginRule, origin: string): boolean {
	if (rule.kind === 'exact') return rule.origin === origin;
	if (origin === 'null') return false;
	const u = parseUrl(origin);
	if (!u || `${u.protocol}//${u.host}` !== origin) return false;
	if (u.protocol !== `${rule.scheme}:` || u.port !== rule.port) return false;
	const host = u.hostname;
	if (!host.endsWith(`.${rule.suffix}`)) return false;
	const sub = host.slice(0, -rule.suffix.length - 1);
	return sub.split('.').every((l) => LABEL.test(l));
}

/** Whether the policy allows this serialized origin, and the ACAO value it answers with. */
export function allowOrigin(p: Policy, origin: string): string | null {
	if (p.origins === '*') return '*';
	if (p.origins === 'reflect') return origin;
	return p.origins.some((r) => matchesRule(r, origin)) ? origin : null;
}

/** Whether the answer depends on the request's Origin (and so needs `Vary: Origin`). */
export const dependsOnOrigin = (p: Policy): boolean => p.origins !== '*';

export const isMethodToken = isToken;
