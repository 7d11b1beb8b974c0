// Helpers shared by the application-framework targets (Express, Fastify, Koa, Hono, Go, Flask,
// Django, Starlette): the policy split into the pieces those emitters need, origin patterns as
// anchored regular expressions, string literals, and where a Node demo finds its packages.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OriginRule, Policy } from '../policy/model.js';
import type { GenerateOptions, Generated } from './types.js';
import { unsafeForGenerators } from './safety.js';

type PatternRule = Extract<OriginRule, { kind: 'subdomains' }>;

/** The policy's origins, split the way code checks them. */
export interface OriginPlan {
	readonly mode: '*' | 'reflect' | 'list';
	/** Exact serialized origins (may include "null"). */
	readonly exact: string[];
	/** Subdomain patterns. */
	readonly patterns: PatternRule[];
}

export function originPlan(p: Policy): OriginPlan {
	if (p.origins === '*' || p.origins === 'reflect') return { mode: p.origins, exact: [], patterns: [] };
	return {
		mode: 'list',
		exact: p.origins.filter((r) => r.kind === 'exact').map((r) => r.origin),
		patterns: p.origins.filter((r): r is PatternRule => r.kind === 'subdomains'),
	};
}

/** Escape everything outside [A-Za-z0-9-] (the validated suffix only has dots to escape). */
const reEscape = (s: string): string => s.replace(/[^A-Za-z0-9-]/g, (c) => `\\${c}`);

/**
 * A subdomain pattern as an anchored regular expression source (the same in JavaScript, Go's
 * RE2 and Python): one or more whole DNS labels before the suffix, nothing after it, so
 * `https://*.example.com` never matches `https://example.com.evil.net`, `https://evilexample.com`
 * or `https://example.com`. `end` is the end anchor (`$`, or `\Z` for Python's re.match).
 */
export function patternRegex(rule: PatternRule, end = '$'): string {
	return `^${patternBody(rule)}${end}`;
}

/** The pattern without anchors (for alternations that are anchored, or matched in full, as a whole). */
export function patternBody(rule: PatternRule): string {
	const port = rule.port ? `:${rule.port}` : '';
	return `${rule.scheme}://(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+${reEscape(rule.suffix)}${reEscape(port)}`;
}

/** A Python raw string literal (r"..."): regex sources here never contain a quote or end in a backslash. */
export const pyRaw = (s: string): string => (/["\n]|\\$/.test(s) ? q(s) : `r"${s}"`);

/** A Python literal for a list of strings (JSON's syntax is Python's). */
export const pyList = (items: readonly string[]): string => qList(items);

/** Python's True/False. */
export const pyBool = (b: boolean): string => (b ? 'True' : 'False');

/** Python regex metacharacters escaped as re.escape does, for exact origins such as http://[::1]:3000. */
export const pyEscape = (s: string): string => s.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (c) => `\\${c}`);

/** A JavaScript regular expression literal. */
export const jsRegex = (source: string): string => `/${source.replace(/\//g, '\\/')}/`;

/** A quoted string literal valid in JavaScript, Go and Python (JSON escapes are valid in all three). */
export const q = (s: string): string => JSON.stringify(s);

/** A single-quoted JavaScript string literal (the usual style of Express, Fastify, Koa and Hono code). */
export const js = (s: string): string => `'${s.replace(/[\\']/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}'`;

/** A JavaScript array of single-quoted strings. */
export const jsList = (items: readonly string[]): string => `[${items.map(js).join(', ')}]`;

/** `[a, b]` with quoted items. */
export const qList = (items: readonly string[]): string => `[${items.map(q).join(', ')}]`;

/** How a list header is written (the model's separator). */
export const joined = (items: readonly string[]): string => items.join(', ');

/** Comment lines naming the policy, for the top of every generated file. */
export function policySummary(p: Policy): string[] {
	const origins = p.origins === '*' || p.origins === 'reflect' ? p.origins : p.origins.map((r) => (r.kind === 'exact' ? r.origin : r.text)).join(' ') || '(none)';
	const allow = typeof p.allowHeaders === 'string' ? p.allowHeaders : p.allowHeaders.join(', ') || '(none)';
	return [
		`origins: ${origins}`,
		`methods: ${p.methods.join(', ') || '(none)'} · headers: ${allow} · expose: ${p.exposeHeaders.join(', ') || '(none)'}`,
		`credentials: ${p.credentials} · max-age: ${p.maxAge ?? '(not sent)'} · preflight status: ${p.preflightStatus}`,
	];
}

/** Prefix each line with a line-comment marker. */
export const commentLines = (lines: readonly string[], marker: string): string => lines.map((l) => (l ? `${marker} ${l}` : marker)).join('\n');

/** The warning every target gives for `vary: false` (they always send Vary: Origin when the answer depends on Origin). */
export function varyWarning(p: Policy): string[] {
	return !p.vary && p.origins !== '*'
		? ['vary: false is not reproduced: the generated code still sends Vary: Origin, because the answer depends on Origin and caches must know it']
		: [];
}

/**
 * The node_modules folder that holds `pkg`, found by walking up from this module (works from
 * source/ and from dist/, wherever the repository is cloned), or undefined when the packages
 * are not installed next to cors-tutor (the user then runs the demo in their own project).
 */
export function nodeModulesWith(pkg: string): string | undefined {
	let dir = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const candidate = join(dir, 'node_modules');
		if (existsSync(join(candidate, pkg, 'package.json'))) return candidate;
		const up = dirname(dir);
		if (up === dir) return undefined;
		dir = up;
	}
}

/** The env for a CommonJS Node demo: NODE_PATH pointing at the packages (require() honours it). */
export function nodeDemoEnv(pkg: string): Record<string, string> | undefined {
	const dir = nodeModulesWith(pkg);
	return dir ? { NODE_PATH: dir } : undefined;
}

/** Two origins the first pattern must never match, for the comments: "https://example.com.evil.net and https://evilexample.com". */
export function lookalikes(plan: OriginPlan): string {
	const [r] = plan.patterns;
	if (!r) return '';
	const port = r.port ? `:${r.port}` : '';
	return `${r.scheme}://${r.suffix}.evil.net${port} and ${r.scheme}://evil${r.suffix}${port}`;
}

/**
 * JavaScript that defines `isAllowedOrigin(origin)` (origin: the Origin header value, or
 * undefined when the request has none), for the list and reflect modes.
 */
export function jsOriginCheck(plan: OriginPlan): string[] {
	if (plan.mode === 'reflect') return ['// Every origin is allowed, and echoed back ("reflect").', 'const isAllowedOrigin = (origin) => origin !== undefined;'];
	if (!plan.patterns.length)
		return [
			'// Allowed origins, matched exactly (a browser sends the serialized origin).',
			`const allowedOrigins = ${jsList(plan.exact)};`,
			'const isAllowedOrigin = (origin) => origin !== undefined && allowedOrigins.includes(origin);',
		];
	const lines = [
		'// Allowed origins: exact matches, and "*." patterns compiled to anchored regular expressions',
		`// (one or more whole subdomain labels: ${lookalikes(plan)} never match).`,
		`const allowedOrigins = ${jsList(plan.exact)};`,
		'const allowedOriginPatterns = [',
		...plan.patterns.map((r) => `  ${jsRegex(patternRegex(r))}, // ${r.text}`),
		'];',
		'const isAllowedOrigin = (origin) =>',
		'  origin !== undefined && (allowedOrigins.includes(origin) || allowedOriginPatterns.some((re) => re.test(origin)));',
	];
	return lines;
}

/** The demo application's routes, described once for every framework's comment. */
export const DEMO_APP_NOTE = 'The app answers every path with 200 "ok", except /status/404 and /status/500.';

/**
 * Refuse values no generator lets through (the shared gate in safety.ts). The generated code
 * quotes every value as a string literal anyway; this keeps all targets refusing the same policies.
 */
export function assertSafeForApps(p: Policy, target: string): void {
	const problems = unsafeForGenerators(p);
	if (problems.length) throw new Error(`${target}: the policy has values no configuration may contain:\n${problems.join('\n')}`);
}

/** What differs between the Node.js framework targets; `nodeTarget` builds the rest. */
export interface NodeTargetParts {
	/** The name given to the safety check and to errors, e.g. "Koa (@koa/cors)". */
	readonly name: string;
	/** The first line of the head comment. */
	readonly title: string;
	/** Where the snippet goes (comment lines). */
	readonly placement: readonly string[];
	/** The require line(s) of the CORS library, in the snippet and the demo. */
	readonly requires: readonly string[];
	/** The CORS code itself. */
	corsPart(p: Policy): string[];
	/** The demo: what follows "A standalone demo on 127.0.0.1:PORT", the npm command, setup lines, the app, the listen call. */
	readonly demo: {
		readonly served?: string;
		readonly install: string;
		readonly setup: readonly string[];
		readonly app: readonly string[];
		listen(port: number, message: string): string[];
	};
}

/** One Node.js framework target's text: the snippet, or the standalone demo app. */
export function nodeTarget(parts: NodeTargetParts, p: Policy, options: GenerateOptions = {}): Generated {
	assertSafeForApps(p, parts.name);
	const warnings = varyWarning(p);
	const head = [parts.title, ...policySummary(p), ...warnings.map((w) => `WARNING: ${w}`)];
	if (!options.demo) {
		const text = [commentLines([...head, '', ...parts.placement], '//'), ...parts.requires, '', ...parts.corsPart(p), ''].join('\n');
		return { text, warnings };
	}
	const { port } = options.demo;
	const d = parts.demo;
	const text = [
		"'use strict';",
		commentLines([...head, '', `A standalone demo on 127.0.0.1:${port}${d.served ? `, ${d.served}` : ''}. ${DEMO_APP_NOTE}`, 'Start it with:', `    ${d.install}`], '//'),
		...d.setup,
		'',
		...parts.corsPart(p),
		'',
		...d.app,
		'',
		...d.listen(port, js(`listening on http://127.0.0.1:${port}`)),
		'',
	].join('\n');
	return { text, warnings };
}
