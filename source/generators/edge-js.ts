// The policy as Fetch-API JavaScript or TypeScript (Request, Headers, Response), shared by
// the Cloudflare Worker and the Next.js middleware: constants, corsHeaders() that
// reproduces evaluatePolicy line by line, and mergeVary(). Every policy value enters the
// code through quoted() (a checked double-quoted literal) or a regular expression built
// from validated DNS labels, so no value can break out of its literal.

import { type Policy, dependsOnOrigin } from '../policy/model.js';
import { exactOrigins, originPatternRegex, patternComment, quoted as str, subdomainRules } from './policy-notes.js';

const T = (ts: boolean, type: string) => (ts ? `: ${type}` : '');

/** The header names the response must list in Vary, for actual requests and preflights. */
export function varyNames(p: Policy): { actual: string[]; preflight: string[] } {
	const actual = p.vary && dependsOnOrigin(p) ? ['Origin'] : [];
	return { actual, preflight: [...actual, ...(p.vary && p.allowHeaders === 'mirror' ? ['Access-Control-Request-Headers'] : [])] };
}

export const CORS_RESPONSE_HEADER_NAMES = [
	'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods',
	'Access-Control-Allow-Headers', 'Access-Control-Max-Age', 'Access-Control-Expose-Headers',
];

function originCheck(p: Policy, ts: boolean): { constants: string[]; lines: string[] } {
	if (p.origins === '*') return { constants: [], lines: [`headers.set("Access-Control-Allow-Origin", "*");`] };
	const get = `const origin = request.headers.get("Origin");`;
	if (p.origins === 'reflect')
		return { constants: [], lines: [get, 'if (origin === null) return headers;', `headers.set("Access-Control-Allow-Origin", origin);`] };
	const exact = exactOrigins(p.origins);
	const patterns = subdomainRules(p.origins);
	const constants: string[] = [];
	const tests: string[] = [];
	if (exact.length) {
		constants.push(`const ALLOWED_ORIGINS = new Set${ts ? '<string>' : ''}([${exact.map(str).join(', ')}]);`);
		tests.push('ALLOWED_ORIGINS.has(origin)');
	}
	if (patterns.length) {
		const literals = patterns.map((r) => `/${originPatternRegex(r).replaceAll('/', '\\/')}/`);
		constants.push(
			...patternComment(patterns).map((l) => `// ${l}`),
			literals.length === 1
				? `const ORIGIN_PATTERNS${T(ts, 'RegExp[]')} = [${literals[0]}];`
				: [`const ORIGIN_PATTERNS${T(ts, 'RegExp[]')} = [`, ...literals.map((l) => `\t${l},`), '];'].join('\n'),
		);
		tests.push('ORIGIN_PATTERNS.some((pattern) => pattern.test(origin))');
	}
	return { constants, lines: [get, `if (origin === null || !${tests.length > 1 ? `(${tests.join(' || ')})` : tests[0]}) return headers;`, `headers.set("Access-Control-Allow-Origin", origin);`] };
}

/** Constants, corsHeaders(request, preflight) and, when Vary is needed, mergeVary(headers, names). */
export function emitCorsFunctions(p: Policy, ts: boolean): string {
	const out: string[] = [];
	const params = `request${T(ts, 'Request')}, preflight${T(ts, 'boolean')}`;
	const doc = '/** The CORS headers this policy answers `request` with (none when its origin is not allowed). */';
	if (Array.isArray(p.origins) && p.origins.length === 0) {
		out.push(doc, `function corsHeaders(_request${T(ts, 'Request')}, _preflight${T(ts, 'boolean')})${T(ts, 'Headers')} {`,
			'\t// The policy allows no origin: every cross-origin request is blocked.', '\treturn new Headers();', '}');
	} else {
		const { constants, lines } = originCheck(p, ts);
		if (constants.length) out.push(...constants, '');
		const pre: string[] = p.methods.length ? [`headers.set("Access-Control-Allow-Methods", ${str(p.methods.join(', '))});`] : [];
		if (p.allowHeaders === 'mirror')
			pre.push(`const requested = request.headers.get("Access-Control-Request-Headers");`, `if (requested) headers.set("Access-Control-Allow-Headers", requested);`);
		else if (p.allowHeaders === '*') pre.push(`headers.set("Access-Control-Allow-Headers", "*");`);
		else if (p.allowHeaders.length) pre.push(`headers.set("Access-Control-Allow-Headers", ${str(p.allowHeaders.join(', '))});`);
		if (p.maxAge !== null) pre.push(`headers.set("Access-Control-Max-Age", ${str(String(p.maxAge))});`);
		const actual = p.exposeHeaders.length ? [`headers.set("Access-Control-Expose-Headers", ${str(p.exposeHeaders.join(', '))});`] : [];
		out.push(doc, `function corsHeaders(${params})${T(ts, 'Headers')} {`, '\tconst headers = new Headers();', ...lines.map((l) => `\t${l}`));
		if (p.credentials) out.push(`\theaders.set("Access-Control-Allow-Credentials", "true");`);
		out.push('\tif (preflight) {', ...pre.map((l) => `\t\t${l}`));
		if (actual.length) out.push('\t} else {', ...actual.map((l) => `\t\t${l}`));
		out.push('\t}', '\treturn headers;', '}');
	}
	const vary = varyNames(p);
	if (vary.preflight.length)
		out.push(
			'',
			'/** Add names to Vary, keeping what is there and naming each once ("*" already covers all). */',
			`function mergeVary(headers${T(ts, 'Headers')}, names${T(ts, 'readonly string[]')})${T(ts, 'void')} {`,
			'\tconst tokens = (headers.get("Vary") ?? "").split(",").map((t) => t.trim()).filter(Boolean);',
			'\tif (tokens.includes("*")) return;',
			'\tconst missing = names.filter((name) => !tokens.some((t) => t.toLowerCase() === name.toLowerCase()));',
			'\tif (missing.length) headers.set("Vary", [...tokens, ...missing].join(", "));',
			'}',
		);
	return out.join('\n');
}

/** The mergeVary call for a response (indented), or nothing when no Vary is needed. */
export function varyCall(names: readonly string[], target: string, indent: string): string[] {
	return names.length ? [`${indent}mergeVary(${target}, [${names.map(str).join(', ')}]);`] : [];
}
