// What the web-server and proxy targets (nginx, Apache, Caddy, HAProxy, lighttpd) share: the
// policy reduced to the header values a configuration file sets, the anchored regular
// expressions for the allowed origins, and a last check that every value is safe to write
// into a configuration file.

import type { OriginRule, Policy } from '../policy/model.js';
import { unsafeForGenerators } from './safety.js';

/**
 * A serialized origin whose every character is plain in every configuration syntax: the
 * URL parser lets `"`, `$`, `{`, `;`, `'` and more through in host names, so the schema's
 * origin check alone does not keep them out of generated files.
 */
const PLAIN_ORIGIN = /^(?:null|https?:\/\/(?:[a-z0-9_.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?)$/;

/** Throw before any text is generated when a value could change the meaning of a configuration file. */
export function assertSafeForServers(p: Policy, server: string): void {
	const problems = unsafeForGenerators(p);
	if (Array.isArray(p.origins))
		p.origins.forEach((r, i) => {
			if (r.kind === 'exact' && !PLAIN_ORIGIN.test(r.origin))
				problems.push(`origins[${i}]: ${JSON.stringify(r.origin)} has characters that are not plain in a host name (letters, digits, dots, dashes)`);
		});
	// Header names and methods reach quoted strings: refuse what the shared gate let through
	// but a quoted string would still have to escape.
	// (The shared gate refuses $ # ' and `; this one stands alone as well.)
	const values = [...p.methods, ...(Array.isArray(p.allowHeaders) ? p.allowHeaders : []), ...p.exposeHeaders];
	for (const v of values)
		if (!/^[A-Za-z0-9!%&*+.^_|~-]+$/.test(v) && !problems.some((x) => x.includes(JSON.stringify(v))))
			problems.push(`${JSON.stringify(v)}: a method or header name may use letters, digits and !%&*+-.^_|~ only`);
	if (problems.length) throw new Error(`${server}: refusing to generate configuration: ${problems.join('; ')}`);
}

/** Escape every regular-expression metacharacter (PCRE, RE2 and POSIX ERE alike). */
export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An anchored, case-sensitive regular expression matching exactly the origins this rule
 * allows (PCRE, RE2 and POSIX ERE alike). In a pattern the `*` becomes one or more whole DNS
 * labels, so `https://*.example.com` never matches `https://example.com.evil.net`,
 * `https://evilexample.com` or `https://example.com` (the policy model's matchesRule).
 */
export function ruleRegex(rule: OriginRule): string {
	if (rule.kind === 'exact') return `^${escapeRegex(rule.origin)}$`;
	return `^${rule.scheme}://(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+${escapeRegex(rule.suffix)}${rule.port ? `:${rule.port}` : ''}$`;
}

export type OriginMode = 'any' | 'reflect' | 'list';

/** The policy as the values a server configuration sets. */
export interface ServerPlan {
	/** `any`: a literal `*` on every response; `reflect`: echo any Origin; `list`: echo the allowed ones. */
	readonly mode: OriginMode;
	readonly rules: readonly OriginRule[];
	readonly exact: readonly string[];
	readonly patterns: readonly Extract<OriginRule, { kind: 'subdomains' }>[];
	readonly credentials: boolean;
	/** Access-Control-Allow-Methods on preflights, or null when there is none to send. */
	readonly methods: string | null;
	/** Access-Control-Allow-Headers on preflights: a fixed value, the mirror of the request's, or none. */
	readonly allowHeaders: { readonly kind: 'static'; readonly value: string } | { readonly kind: 'mirror' } | null;
	readonly maxAge: string | null;
	/** Access-Control-Expose-Headers on actual responses, or null. */
	readonly expose: string | null;
	/** `Vary: Origin` on every response. */
	readonly varyOrigin: boolean;
	/** `Vary: Access-Control-Request-Headers` on preflights (the mirrored list depends on it). */
	readonly varyRequestHeaders: boolean;
	readonly preflightStatus: 200 | 204;
}

export function serverPlan(p: Policy): ServerPlan {
	const rules = Array.isArray(p.origins) ? (p.origins as readonly OriginRule[]) : [];
	return {
		mode: p.origins === '*' ? 'any' : p.origins === 'reflect' ? 'reflect' : 'list',
		rules,
		exact: rules.flatMap((r) => (r.kind === 'exact' ? [r.origin] : [])),
		patterns: rules.flatMap((r) => (r.kind === 'subdomains' ? [r] : [])),
		credentials: p.credentials,
		methods: p.methods.length ? p.methods.join(', ') : null,
		allowHeaders:
			p.allowHeaders === 'mirror' ? { kind: 'mirror' }
			: p.allowHeaders === '*' ? { kind: 'static', value: '*' }
			: p.allowHeaders.length ? { kind: 'static', value: p.allowHeaders.join(', ') }
			: null,
		maxAge: p.maxAge === null ? null : String(p.maxAge),
		expose: p.exposeHeaders.length ? p.exposeHeaders.join(', ') : null,
		varyOrigin: p.vary && p.origins !== '*',
		varyRequestHeaders: p.vary && p.allowHeaders === 'mirror',
		preflightStatus: p.preflightStatus,
	};
}

/** The CORS response headers a proxy must strip from the application's answers so that none is sent twice. */
export const CORS_RESPONSE_HEADERS = [
	'Access-Control-Allow-Origin',
	'Access-Control-Allow-Credentials',
	'Access-Control-Allow-Methods',
	'Access-Control-Allow-Headers',
	'Access-Control-Max-Age',
	'Access-Control-Expose-Headers',
] as const;

/** Warnings every server target gives alike. */
export function commonWarnings(p: Policy): string[] {
	const out: string[] = [];
	if (p.methods.length === 0)
		out.push('methods is empty: no Access-Control-Allow-Methods header is sent at all (the policy model sends an empty one; browsers treat both alike and allow only GET, HEAD and POST)');
	return out;
}

/** Word-wrap one line of prose to `width` columns, continuation lines indented by `hang`. */
export function wrap(text: string, width = 96, hang = '    '): string[] {
	const indent = /^ */.exec(text)?.[0] ?? '';
	const out: string[] = [];
	let line = indent;
	for (const word of text.slice(indent.length).split(' ')) {
		if (line.trim() && line.length + 1 + word.length > width) {
			out.push(line);
			line = indent + hang + word;
		} else line = line.trim() ? `${line} ${word}` : line + word;
	}
	if (line.trim()) out.push(line);
	return out;
}

/** The head comment every server target writes: the policy, then what cannot be expressed. */
export function headComment(title: string, summary: readonly string[], warnings: readonly string[], warningsTitle = 'Cannot be expressed exactly:'): string[] {
	return [title, ...summary.map((l) => `  ${l}`), ...(warnings.length ? ['', warningsTitle, ...warnings.flatMap((w) => wrap(`  - ${w}`))] : [])];
}
