// The site an audit protects, and the crafted Origin values derived from it. Each crafted
// origin is aimed at one kind of broken origin check (Corsy core/tests.py, CORScanner
// common/corscheck.py, PortSwigger "Exploiting CORS misconfigurations"), and chosen so that a
// correct allowlist or a correct "*.example.com" pattern admits none of them.

import { parsePageOrigin } from '../core/origin.js';
import { SHARED_HOSTING } from '../policy/lint.js';

export interface Site {
	/** The serialized origin the site's front-end runs on, e.g. https://app.example.com. */
	readonly origin: string;
	readonly scheme: 'http' | 'https';
	/** Host name without port. */
	readonly host: string;
	/** ":8080", or "" for the default port. */
	readonly port: string;
	/** The registrable part an attacker cannot buy, e.g. example.com (a heuristic, no public-suffix list). */
	readonly domain: string;
}

const IP = /^(\d+\.){3}\d+$|^\[/;

/** The site behind a serialized http(s) origin, or null if it is not one; `domain` overrides the guess. */
export function siteOf(origin: string, domain?: string): Site | null {
	const o = parsePageOrigin(origin);
	if ('error' in o || o.kind !== 'tuple' || (o.scheme !== 'http' && o.scheme !== 'https')) return null;
	return { origin, scheme: o.scheme, host: o.host, port: o.port ? `:${o.port}` : '', domain: domain ?? registrable(o.host) };
}

/** example.com for app.example.com; example.co.uk; me.github.io; the host itself for IPs and one-label names. */
export function registrable(host: string): string {
	if (IP.test(host)) return host;
	const labels = host.split('.');
	if (labels.length <= 2) return host;
	const hosting = SHARED_HOSTING.find((h) => host.endsWith(`.${h}`));
	if (hosting) return labels.slice(-(hosting.split('.').length + 1)).join('.');
	const [sld = '', tld = ''] = labels.slice(-2);
	// co.uk, com.au, ac.jp …: a two-letter country code under a short second level.
	const n = tld.length === 2 && sld.length <= 3 ? 3 : 2;
	return labels.slice(-n).join('.');
}

/** An unrelated site the attacker owns (only ever sent as a header value). */
export const attackerDomain = (s: Site): string => (s.domain === 'evil.com' ? 'attacker.net' : 'evil.com');

/** Characters that lax origin parsers stop at or skip (Corsy "unrecognised underscore", "broken parser"). */
export const SPECIAL_CHARS = ['_', '`', '%60', '}', '!', '~', '$', '&', "'", '(', '*', '+', ',', ';', '=', '|'];

/** The last dot of the host turned into a letter: what an unescaped "." in a regex also matches. */
function undotted(host: string): string | null {
	const i = host.lastIndexOf('.');
	return i < 0 || IP.test(host) ? null : `${host.slice(0, i)}x${host.slice(i + 1)}`;
}

export type OriginClassId =
	| 'reflect-any-origin' | 'prefix-match' | 'suffix-match' | 'substring-match' | 'unescaped-dot' | 'special-chars'
	| 'null-origin' | 'http-origin' | 'any-subdomain' | 'third-party-hosting';

/**
 * The crafted origins per class for one site; an empty list means the class cannot apply
 * (http-origin for an http site, unescaped-dot for a host without a dot).
 */
export function craftedOrigins(s: Site): Record<OriginClassId, string[]> {
	const { scheme: sc, host, port, domain } = s;
	const evil = attackerDomain(s);
	const dot = undotted(host);
	return {
		'reflect-any-origin': [`${sc}://${evil}`],
		// startsWith("https://app.example.com"), /^https:\/\/app\.example\.com/ without "$".
		'prefix-match': [`${sc}://${host}.${evil}`],
		// endsWith("example.com"): a domain the attacker can register.
		'suffix-match': [`${sc}://evil${domain}${port}`],
		// origin.includes("app.example.com"), or allowed.includes(origin) (the origin is a piece of an allowed one).
		'substring-match': [`${sc}://evil-${host}.${evil}`, ...(host.length > 3 && !IP.test(host) ? [`${sc}://${host.slice(0, -1)}${port}`] : [])],
		// /^https:\/\/app.example.com$/: the dot matches any character.
		'unescaped-dot': dot ? [`${sc}://${dot}${port}`] : [],
		// A parser that ends the host at a character browsers allow in subdomains (Safari) or skips.
		'special-chars': SPECIAL_CHARS.map((c) => `${sc}://${host}${c}.${evil}`),
		'null-origin': ['null'],
		'http-origin': sc === 'https' ? [`http://${host}${port}`] : [],
		'any-subdomain': [...new Set([`${sc}://evil.${host}${port}`, `${sc}://evil.${domain}${port}`])],
		'third-party-hosting': SHARED_HOSTING.map((h) => `https://evil-cors-audit.${h}`),
	};
}
