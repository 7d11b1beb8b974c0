// Apache httpd: SetEnvIf marks allowed origins and preflights as soon as the request is read,
// `Header always` sets the CORS headers on every answer (errors included), and mod_rewrite
// answers preflights with 204 before mod_proxy sees them (mod_reflector answers them with 200).

import type { Policy } from '../policy/model.js';
import { commentLines, policySummary } from './policy-notes.js';
import { CORS_RESPONSE_HEADERS, assertSafeForServers, commonWarnings, headComment, ruleRegex, serverPlan } from './server-common.js';
import type { GenerateOptions, Generated, Target } from './types.js';

const MODULES = '/usr/lib/apache2/modules';

/** A double-quoted mod_headers value: `%` starts a format specifier, so it is doubled. */
const hv = (s: string): string => {
	if (/["\\\n]/.test(s)) throw new Error(`apache: refusing to quote ${JSON.stringify(s)}`);
	return `"${s.replaceAll('%', '%%')}"`;
};

/** A double-quoted regular expression (origins only: no quotes or backslashes but the escapes). */
const rq = (s: string): string => {
	if (/["\n]/.test(s)) throw new Error(`apache: refusing to quote ${JSON.stringify(s)}`);
	return `"${s}"`;
};

function snippet(p: Policy): { text: string; modules: string[] } {
	const plan = serverPlan(p);
	const out: string[] = [];
	const modules = ['headers', 'setenvif', 'rewrite', ...(plan.preflightStatus === 200 ? ['reflector'] : [])];
	out.push(
		'# CORS_PREFLIGHT: the request is a CORS preflight (OPTIONS with Access-Control-Request-Method).',
		`# ${plan.preflightStatus === 200 ? '"no-proxy" keeps mod_proxy from passing it to the app.' : 'It never reaches the app: see the RewriteRule below.'}`,
		`SetEnvIfExpr "%{REQUEST_METHOD} == 'OPTIONS' && -n req('Access-Control-Request-Method')" CORS_PREFLIGHT${plan.preflightStatus === 200 ? ' no-proxy' : ''}`,
	);
	let allowed: string; // the Header condition for "the origin is allowed"
	if (plan.mode === 'any') {
		allowed = '';
	} else {
		out.push(
			'',
			'# CORS_ALLOW_ORIGIN: the request\'s Origin, when it is allowed. Anchored, case-sensitive regular',
			'# expressions: "https://example.com.evil.net" and "https://evilexample.com" never match.',
		);
		if (plan.mode === 'reflect') out.push('SetEnvIf Origin "^.+$" CORS_ALLOW_ORIGIN=$0');
		else if (plan.rules.length === 0) out.push('# (no origin is allowed)');
		// (Apache has no end-of-line comments: a "#" there would be one more argument.)
		else for (const r of plan.rules) out.push(...(r.kind === 'subdomains' ? [`# ${r.text}`] : []), `SetEnvIf Origin ${rq(ruleRegex(r))} CORS_ALLOW_ORIGIN=$0`);
		allowed = "-n reqenv('CORS_ALLOW_ORIGIN')";
	}
	const cond = (...parts: string[]): string => {
		const all = [allowed, ...parts].filter(Boolean);
		return all.length ? ` "expr=${all.join(' && ')}"` : '';
	};
	const preflight = "-n reqenv('CORS_PREFLIGHT')";
	const actual = "-z reqenv('CORS_PREFLIGHT')";
	out.push(
		'',
		'# The app\'s own CORS headers (in the "onsuccess" table) would be sent next to ours: drop them.',
		...CORS_RESPONSE_HEADERS.map((h) => `Header unset ${h}`),
		'',
		'# "always": also on error answers and on the preflight answered below.',
	);
	if (plan.mode === 'any') out.push('Header always set Access-Control-Allow-Origin "*"');
	else out.push('Header always set Access-Control-Allow-Origin "%{CORS_ALLOW_ORIGIN}e" env=CORS_ALLOW_ORIGIN');
	if (plan.credentials) out.push(`Header always set Access-Control-Allow-Credentials "true"${plan.mode === 'any' ? '' : ' env=CORS_ALLOW_ORIGIN'}`);
	if (plan.methods) out.push(`Header always set Access-Control-Allow-Methods ${hv(plan.methods)}${cond(preflight)}`);
	if (plan.allowHeaders?.kind === 'static') out.push(`Header always set Access-Control-Allow-Headers ${hv(plan.allowHeaders.value)}${cond(preflight)}`);
	if (plan.allowHeaders?.kind === 'mirror')
		out.push(`Header always set Access-Control-Allow-Headers "expr=%{req:Access-Control-Request-Headers}"${cond(preflight, "-n req('Access-Control-Request-Headers')")}`);
	if (plan.maxAge) out.push(`Header always set Access-Control-Max-Age ${hv(plan.maxAge)}${cond(preflight)}`);
	if (plan.expose) out.push(`Header always set Access-Control-Expose-Headers ${hv(plan.expose)}${cond(actual)}`);
	if (plan.varyOrigin) out.push('Header always merge Vary "Origin"');
	if (plan.varyRequestHeaders) out.push('Header always merge Vary "Access-Control-Request-Headers" env=CORS_PREFLIGHT');
	out.push('');
	if (plan.preflightStatus === 204)
		out.push(
			'# Answer preflights here with 204 and no body, before mod_proxy or the app see them. Put this',
			'# before your own RewriteRules (mod_rewrite is per virtual host: RewriteEngine On is needed here).',
			'RewriteEngine On',
			'RewriteCond %{ENV:CORS_PREFLIGHT} =1',
			'RewriteRule ^ - [R=204,L]',
		);
	else
		out.push(
			'# Answer preflights here with 200 and no body. (mod_rewrite\'s [R=200] would send Apache\'s',
			'# error page as the body; mod_reflector answers OPTIONS with an empty 200.)',
			'<If "-n reqenv(\'CORS_PREFLIGHT\')">',
			'    SetHandler reflector',
			'</If>',
		);
	return { text: out.join('\n'), modules };
}

function generate(policy: Policy, options: GenerateOptions = {}): Generated {
	assertSafeForServers(policy, 'Apache');
	const warnings = commonWarnings(policy);
	const { text: body, modules } = snippet(policy);
	const head = headComment('CORS for Apache httpd 2.4, generated by cors-tutor. Policy:', policySummary(policy), warnings);
	if (options.demo) {
		const port = options.demo.port;
		const text = [
			commentLines('#', [
				...head,
				'',
				`Demo: a standalone Apache listening on 127.0.0.1:${port} that answers every path with 200 "ok"`,
				'(/status/404 and /status/500 with that status) behind the policy. Start it in the foreground from',
				'the directory holding this file (the pid file goes there too):',
				'',
				'  apache2 -d "$PWD" -f "$PWD/httpd.conf" -DFOREGROUND',
			]),
			'',
			`LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so`,
			`LoadModule authz_core_module ${MODULES}/mod_authz_core.so`,
			...modules.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
			'',
			'ServerName 127.0.0.1',
			`Listen 127.0.0.1:${port}`,
			'# Relative to the -d server root: the directory holding this file.',
			'PidFile apache2.pid',
			'DefaultRuntimeDir .',
			'# A piped logger: opening /dev/stderr fails when stderr is a socket (as under many supervisors).',
			'ErrorLog "|/bin/cat"',
			'LogLevel warn',
			'# Children drop root privileges when started as root (ignored otherwise).',
			'User nobody',
			'Group nogroup',
			'StartServers 1',
			'',
			body,
			'',
			'# The application stand-in: every path answers 200 "ok", /status/404 and /status/500 with',
			'# that status (string ErrorDocuments, so no files are needed).',
			'<Location "/">',
			'    RewriteEngine On',
			'    RewriteCond %{ENV:CORS_PREFLIGHT} !=1',
			'    RewriteRule ^ - [R=200]',
			'    ErrorDocument 200 "ok"',
			'</Location>',
			'<Location "/status/404">',
			'    RewriteEngine On',
			'    RewriteCond %{ENV:CORS_PREFLIGHT} !=1',
			'    RewriteRule ^ - [R=404]',
			'    ErrorDocument 404 "404"',
			'</Location>',
			'<Location "/status/500">',
			'    RewriteEngine On',
			'    RewriteCond %{ENV:CORS_PREFLIGHT} !=1',
			'    RewriteRule ^ - [R=500]',
			'    ErrorDocument 500 "500"',
			'</Location>',
			'',
		].join('\n');
		return { text, warnings };
	}
	const text = [
		commentLines('#', [
			...head,
			'',
			'Where it goes: inside the <VirtualHost> that serves or proxies your app (server-config context, not',
			'inside <Location> or <Directory>: SetEnvIf there runs after the RewriteRule), e.g. saved as',
			'/etc/apache2/conf-available/cors.conf and written as `Include conf-available/cors.conf` in the',
			'<VirtualHost>, before ProxyPass. Modules:',
			'',
			`  a2enmod ${modules.join(' ')}`,
			'',
			'Then check with `apachectl configtest` and reload.',
		]),
		'',
		body,
		'',
	].join('\n');
	return { text, warnings };
}

export const apacheTarget: Target = {
	id: 'apache',
	name: 'Apache httpd',
	summary: 'SetEnvIf, Header always and a preflight rule for the <VirtualHost> that serves or proxies your app',
	fileName: 'cors.conf',
	demo: {
		file: 'httpd.conf',
		command: ['apache2', '-d', '{dir}', '-f', '{file}', '-DFOREGROUND'],
		needs: { apt: ['apache2'] },
	},
	generate,
};
