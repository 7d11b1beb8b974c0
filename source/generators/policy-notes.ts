// What several generators say alike: the policy in a few comment lines, a subdomain pattern
// compiled to an anchored regular expression, and the warnings for platforms that only
// answer requests carrying Origin or that check the method of simple requests too.

import type { OriginRule, Policy } from '../policy/model.js';

/** The origins as written in the policy file. */
export const originTexts = (rules: readonly OriginRule[]): string[] => rules.map((r) => (r.kind === 'exact' ? r.origin : r.text));

export const exactOrigins = (rules: readonly OriginRule[]): string[] => rules.flatMap((r) => (r.kind === 'exact' ? [r.origin] : []));

export const subdomainRules = (rules: readonly OriginRule[]) => rules.flatMap((r) => (r.kind === 'subdomains' ? [r] : []));

/**
 * A regular expression for a subdomain pattern in the syntax JavaScript, Java, .NET, Go and
 * Python share. The `*` becomes one or more whole DNS labels and both ends are anchored, so
 * `https://*.example.com` never matches `https://example.com.evil.net` or
 * `https://evilexample.com` (the policy model's matchesRule). `end` is `$` by default; .NET
 * and Python need `\z` / `\Z`, where `$` also matches before a final newline.
 */
export function originPatternRegex(rule: Extract<OriginRule, { kind: 'subdomains' }>, end = '$'): string {
	const suffix = rule.suffix.replaceAll('.', '\\.');
	return `^${rule.scheme}://(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+${suffix}${rule.port ? `:${rule.port}` : ''}${end}`;
}

/** Comment lines explaining how the patterns are compiled, with this policy's own lookalikes. */
export function patternComment(rules: readonly Extract<OriginRule, { kind: 'subdomains' }>[]): string[] {
	const [first] = rules;
	if (!first) return [];
	const port = first.port ? `:${first.port}` : '';
	return wrap(
		`${rules.map((r) => r.text).join(', ')}: "*" stands for one or more whole DNS labels, and the match is anchored at both ends, so ${first.scheme}://${first.suffix}.evil.net${port} and ${first.scheme}://evil${first.suffix}${port} never match.`,
	);
}

/** Greedy word wrap for comments. */
export function wrap(text: string, width = 92): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}

/** A bulleted item, wrapped, continuation lines indented under the text. */
export const bullet = (text: string): string[] => wrap(text, 90).map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`));

/** The policy in a few lines, for the comment at the top of generated code. */
export function policySummary(p: Policy): string[] {
	const origins =
		p.origins === '*' ? '"*" (any origin, answered with a literal *)'
		: p.origins === 'reflect' ? '"reflect" (any origin, echoed back)'
		: p.origins.length === 0 ? 'none (every cross-origin request is blocked)'
		: originTexts(p.origins).join(', ');
	const headers =
		p.allowHeaders === '*' ? '"*"'
		: p.allowHeaders === 'mirror' ? 'whatever the preflight asks for (mirrored)'
		: p.allowHeaders.length ? p.allowHeaders.join(', ') : 'none beyond the CORS-safelisted ones';
	return [
		`origins:         ${origins}`,
		`methods:         ${p.methods.length ? p.methods.join(', ') : 'none'}`,
		`request headers: ${headers}`,
		`exposed headers: ${p.exposeHeaders.length ? p.exposeHeaders.join(', ') : 'none'}`,
		`credentials:     ${p.credentials ? 'allowed' : 'not allowed'}`,
		`preflight:       ${p.preflightStatus}${p.maxAge === null ? ', no Access-Control-Max-Age' : `, cached for ${p.maxAge} s`}`,
		`Vary: Origin:    ${p.origins === '*' ? 'not needed (the answer never depends on Origin)' : p.vary ? 'on every response' : 'off'}`,
	];
}

/** Prefix every line (comment syntax), without trailing spaces on empty lines. */
export const commentLines = (prefix: string, lines: readonly string[]): string => lines.map((l) => (l ? `${prefix} ${l}` : prefix)).join('\n');

/**
 * Methods for platforms that check the method of every CORS request, simple ones included:
 * the policy's methods plus the safelisted ones browsers send without asking (which the
 * policy answers whatever its method list says). Returns the list and what was added.
 */
export function withSafelistedMethods(methods: readonly string[]): { methods: string[]; added: string[] } {
	const added = ['GET', 'HEAD', 'POST'].filter((m) => !methods.includes(m));
	return { methods: [...methods, ...added], added };
}

export const warn = {
	/** The platform leaves requests without Origin alone, so `*` is missing from them. */
	noOriginStar: (platform: string) =>
		`${platform} adds CORS headers only to requests that carry Origin; the policy sends "Access-Control-Allow-Origin: *" on every response. A shared cache that stored a response fetched without Origin would serve it without the header`,
	preflightStatus: (platform: string, status: number, p: Policy) =>
		`${platform} answers preflights with ${status}, not ${p.preflightStatus} (browsers accept any 2xx status)`,
	starCredentials: (platform: string) =>
		`${platform} refuses "*" together with credentials, so credentials are left off; browsers treat both the same ("*" never admits a credentialed request)`,
	echoesStarHeaders: (platform: string) =>
		`${platform} answers allowHeaders "*" by echoing the requested headers, so with credentials it admits any header, where browsers read a literal "*" as a header named "*"`,
	echoesStarMethods: (platform: string) =>
		`${platform} answers methods "*" by echoing the requested method, so with credentials it admits any method, where browsers read a literal "*" as a method named "*"`,
	addedMethods: (platform: string, added: readonly string[]) =>
		`${added.join(', ')} added to the allowed methods: ${platform} only adds CORS headers to requests whose method is listed, and browsers send ${added.length > 1 ? 'these' : 'this one'} without a preflight`,
};

/**
 * A double-quoted string literal valid in Java, C#, JavaScript, TypeScript, Go, Python and
 * JSON alike. Policy values are origins and HTTP tokens, validated long before; anything
 * else reaching a generator is a bug, and failing here beats emitting it.
 */
export function quoted(s: string): string {
	if (!/^[\x20-\x7e]*$/.test(s) || s.includes('"') || s.includes('\\')) throw new Error(`refusing to put ${JSON.stringify(s)} into generated code`);
	return `"${s}"`;
}
