// Caddy 2 (Caddyfile): a `(cors)` snippet with named matchers for allowed origins and
// preflights, `header` directives (deferred where they must replace the app's own CORS
// headers), and a `respond` that answers preflights, all inside one `route` so that they run
// in the order written.

import type { Policy } from '../policy/model.js';
import { commentLines, policySummary } from './policy-notes.js';
import { CORS_RESPONSE_HEADERS, assertSafeForServers, commonWarnings, headComment, ruleRegex, serverPlan } from './server-common.js';
import type { GenerateOptions, Generated, Target } from './types.js';

/** A double-quoted Caddyfile token: no placeholders (braces) or quotes can occur (checked before). */
const q = (s: string): string => {
	if (/["\\{}\n]/.test(s)) throw new Error(`caddy: refusing to quote ${JSON.stringify(s)}`);
	return `"${s}"`;
};

/** One anchored, case-sensitive regular expression for all the allowed origins (RE2 syntax). */
const originsRegex = (rules: Parameters<typeof ruleRegex>[0][]): string => {
	const alts = rules.map((r) => ruleRegex(r).slice(1, -1));
	return alts.length === 1 ? `^${alts[0]}$` : `^(?:${alts.join('|')})$`;
};

function snippet(p: Policy): string {
	const plan = serverPlan(p);
	const T = '\t';
	const out: string[] = [];
	const block = (head: string, lines: readonly string[]) => {
		out.push(`${T}${head} {`, ...lines.map((l) => `${T}${T}${l}`), `${T}}`);
	};
	const isPreflight = ['method OPTIONS', 'header Access-Control-Request-Method *'];
	const notPreflight = ['not {', `${T}method OPTIONS`, `${T}header Access-Control-Request-Method *`, '}'];

	// Which requests the origin allows: a matcher line, or null for "every request" ("*").
	let originOk: string | null = null;
	let originNotOk: string | null = null;
	const comments: string[] = [];
	if (plan.mode === 'reflect') {
		originOk = 'header Origin *';
		originNotOk = 'not header Origin *';
	} else if (plan.mode === 'list' && plan.rules.length) {
		const re = originsRegex([...plan.rules]);
		originOk = `header_regexp Origin ${re}`;
		originNotOk = `not header_regexp Origin ${re}`;
		comments.push(
			'# Allowed origins: one anchored, case-sensitive regular expression, so that',
			'# "https://example.com.evil.net" and "https://evilexample.com" never match.',
			...(plan.patterns.length ? [`# ${plan.patterns.map((r) => r.text).join(', ')}: one or more whole DNS labels before the suffix.`] : []),
		);
	}
	const acao = plan.mode === 'any' ? q('*') : '{http.request.header.Origin}';
	const anyOrigin = plan.mode === 'any';
	const noneAllowed = plan.mode === 'list' && plan.rules.length === 0;

	block('@cors_preflight', isPreflight);
	if (!noneAllowed) {
		out.push(...comments.map((c) => `${T}${c}`));
		block('@cors_allowed_preflight', [...(originOk ? [originOk] : []), ...isPreflight]);
		block('@cors_allowed_actual', [...(originOk ? [originOk] : []), ...notPreflight]);
		if (originNotOk) block('@cors_denied', [originNotOk]);
	}
	out.push('');

	const preflightHeaders = [
		`Access-Control-Allow-Origin ${acao}`,
		...(plan.credentials ? ['Access-Control-Allow-Credentials true'] : []),
		...(plan.methods ? [`Access-Control-Allow-Methods ${q(plan.methods)}`] : []),
		...(plan.allowHeaders?.kind === 'static' ? [`Access-Control-Allow-Headers ${q(plan.allowHeaders.value)}`] : []),
		...(plan.maxAge ? [`Access-Control-Max-Age ${plan.maxAge}`] : []),
	];
	const actualHeaders = [
		`Access-Control-Allow-Origin ${acao}`,
		plan.credentials ? 'Access-Control-Allow-Credentials true' : '-Access-Control-Allow-Credentials',
		plan.expose ? `Access-Control-Expose-Headers ${q(plan.expose)}` : '-Access-Control-Expose-Headers',
		'-Access-Control-Allow-Methods',
		'-Access-Control-Allow-Headers',
		'-Access-Control-Max-Age',
		'defer',
	];
	if (noneAllowed) {
		out.push(`${T}# No origin is allowed: only remove the app's own CORS headers.`);
		block('header', [...CORS_RESPONSE_HEADERS.map((h) => `-${h}`), 'defer']);
	} else {
		out.push(
			`${T}# Actual requests: "defer" applies these to the app's answer, replacing or removing the app's`,
			`${T}# own CORS headers so that none is sent twice.`,
		);
		block('header @cors_allowed_actual', actualHeaders);
		if (!anyOrigin) block('header @cors_denied', [...CORS_RESPONSE_HEADERS.map((h) => `-${h}`), 'defer']);
		out.push(`${T}# Preflights from allowed origins (answered below, never seen by the app).`);
		block('header @cors_allowed_preflight', preflightHeaders);
		if (plan.allowHeaders?.kind === 'mirror') {
			out.push(`${T}# allowHeaders "mirror": echo Access-Control-Request-Headers when the preflight has one.`);
			block('@cors_allowed_preflight_headers', [...(originOk ? [originOk] : []), ...isPreflight, 'header Access-Control-Request-Headers *']);
			out.push(`${T}header @cors_allowed_preflight_headers Access-Control-Allow-Headers {http.request.header.Access-Control-Request-Headers}`);
		}
	}
	if (plan.varyOrigin) out.push(`${T}header +Vary Origin`);
	if (plan.varyRequestHeaders) out.push(`${T}header @cors_preflight +Vary Access-Control-Request-Headers`);
	out.push('', `${T}# Answer every preflight here, with no body.`, `${T}respond @cors_preflight ${plan.preflightStatus}`);
	return ['(cors) {', `${T}route {`, ...out.map((l) => (l ? `${T}${l}` : l)), `${T}}`, '}'].join('\n');
}

function generate(policy: Policy, options: GenerateOptions = {}): Generated {
	assertSafeForServers(policy, 'Caddy');
	const warnings = commonWarnings(policy);
	const body = snippet(policy);
	const head = headComment('CORS for Caddy 2 (Caddyfile), generated by cors-tutor. Policy:', policySummary(policy), warnings);
	if (options.demo) {
		const port = options.demo.port;
		const text = [
			commentLines('#', [
				...head,
				'',
				`Demo: a standalone Caddy listening on 127.0.0.1:${port} that answers every path with 200 "ok"`,
				'(/status/404 and /status/500 with that status) behind the policy. Start it in the foreground from',
				'the directory holding this file (Caddy keeps its data there too):',
				'',
				'  XDG_DATA_HOME="$PWD" XDG_CONFIG_HOME="$PWD" caddy run --config Caddyfile --adapter caddyfile',
			]),
			'{',
			'\tadmin off',
			'\tauto_https off',
			'}',
			'',
			body,
			'',
			`http://:${port} {`,
			'\tbind 127.0.0.1',
			'\timport cors',
			'',
			'\t# The application stand-in.',
			'\trespond /status/404 "404" 404',
			'\trespond /status/500 "500" 500',
			'\trespond "ok" 200',
			'}',
			'',
		].join('\n');
		return { text, warnings };
	}
	const text = [
		commentLines('#', [
			...head,
			'',
			'Where it goes: paste the (cors) snippet at the top level of your Caddyfile and write `import cors`',
			'in the site block that proxies your app. The `route` inside runs before `reverse_proxy`, but after',
			'`handle`: if your reverse_proxy sits inside a handle {} block, write `import cors` inside that block.',
			'',
			'\texample.com {',
			'\t\timport cors',
			'\t\treverse_proxy 127.0.0.1:3000',
			'\t}',
			'',
			'Then check with `caddy validate --config Caddyfile --adapter caddyfile` and reload.',
		]),
		body,
		'',
	].join('\n');
	return { text, warnings };
}

export const caddyTarget: Target = {
	id: 'caddy',
	name: 'Caddy',
	summary: 'a (cors) Caddyfile snippet to import in the site block that proxies your app',
	fileName: 'Caddyfile',
	demo: {
		file: 'Caddyfile',
		command: ['caddy', 'run', '--config', '{file}', '--adapter', 'caddyfile'],
		env: { XDG_DATA_HOME: '{dir}', XDG_CONFIG_HOME: '{dir}' },
		needs: { apt: ['caddy'] },
	},
	generate,
};
