// HAProxy 2.2+: `http-request` rules read the request into transaction variables (request
// headers cannot be read in response rules), answer preflights with `http-request return`,
// and `http-after-response` rules, which also run on HAProxy's own answers, set the CORS
// headers. Header names come out lowercase (HTX), which HTTP allows.

import type { Policy } from '../policy/model.js';
import { commentLines, policySummary } from './policy-notes.js';
import { CORS_RESPONSE_HEADERS, assertSafeForServers, commonWarnings, headComment, ruleRegex, serverPlan } from './server-common.js';
import type { GenerateOptions, Generated, Target } from './types.js';

/** A double-quoted log-format string: `%` is doubled; quotes, `$` and `\` cannot occur (checked before). */
const fq = (s: string): string => {
	if (/["\\$\n#]/.test(s)) throw new Error(`haproxy: refusing to quote ${JSON.stringify(s)}`);
	return `"${s.replaceAll('%', '%%')}"`;
};

/** A single-quoted word: nothing inside is interpreted (for regular expressions and origins). */
const sq = (s: string): string => {
	if (/['\n]/.test(s)) throw new Error(`haproxy: refusing to quote ${JSON.stringify(s)}`);
	return `'${s}'`;
};

function snippet(p: Policy, pad: string): string {
	const plan = serverPlan(p);
	const out: string[] = [];
	const PRE = '{ var(txn.cors_preflight) -m bool }';
	const ALLOWED = '{ var(txn.cors_origin) -m found }';
	out.push(
		'# A CORS preflight: OPTIONS with Access-Control-Request-Method.',
		'http-request set-var(txn.cors_preflight) bool(true) if METH_OPTIONS { req.fhdr(access-control-request-method) -m found }',
	);
	if (plan.mode === 'reflect') {
		out.push('', '# Every Origin is allowed and echoed back.', 'http-request set-var(txn.cors_origin) req.fhdr(origin) if { req.fhdr(origin) -m found }');
	} else if (plan.mode === 'list') {
		out.push(
			'',
			'# The allowed origins (same-name ACLs are ORed): exact, case-sensitive strings, and anchored regular',
			'# expressions for subdomain patterns, so "https://example.com.evil.net" never matches.',
		);
		if (plan.rules.length === 0) out.push('# (no origin is allowed)');
		if (plan.exact.length) out.push(`acl cors_origin_allowed req.fhdr(origin) -m str ${plan.exact.map(sq).join(' ')}`);
		for (const r of plan.patterns) out.push(`acl cors_origin_allowed req.fhdr(origin) -m reg ${sq(ruleRegex(r))}  # ${r.text}`);
		if (plan.rules.length) out.push('http-request set-var(txn.cors_origin) req.fhdr(origin) if cors_origin_allowed');
	}
	if (plan.allowHeaders?.kind === 'mirror')
		out.push(
			'',
			'# allowHeaders "mirror": the preflight\'s Access-Control-Request-Headers, echoed back.',
			`http-request set-var(txn.cors_request_headers) req.fhdr(access-control-request-headers) if ${PRE} { req.fhdr(access-control-request-headers) -m found }`,
		);
	out.push(
		'',
		`# Answer preflights here with ${plan.preflightStatus} and no body; the app never sees them.`,
		`http-request return status ${plan.preflightStatus} if ${PRE}`,
		'',
		'# http-after-response (not http-response): it also runs on the preflight answer above and on',
		'# HAProxy\'s own error pages. The app\'s own CORS headers go first, so that none is sent twice.',
		...CORS_RESPONSE_HEADERS.map((h) => `http-after-response del-header ${h}`),
	);
	const any = plan.mode === 'any';
	const none = plan.mode === 'list' && plan.rules.length === 0;
	if (!none) {
		const allowed = any ? '' : ` if ${ALLOWED}`;
		const onPreflight = any ? ` if ${PRE}` : ` if ${ALLOWED} ${PRE}`;
		const onActual = any ? ` unless ${PRE}` : ` if ${ALLOWED} !${PRE}`;
		out.push(`http-after-response set-header Access-Control-Allow-Origin ${any ? '"*"' : '"%[var(txn.cors_origin)]"'}${allowed}`);
		if (plan.credentials) out.push(`http-after-response set-header Access-Control-Allow-Credentials "true"${allowed}`);
		if (plan.methods) out.push(`http-after-response set-header Access-Control-Allow-Methods ${fq(plan.methods)}${onPreflight}`);
		if (plan.allowHeaders?.kind === 'static') out.push(`http-after-response set-header Access-Control-Allow-Headers ${fq(plan.allowHeaders.value)}${onPreflight}`);
		if (plan.allowHeaders?.kind === 'mirror')
			out.push(`http-after-response set-header Access-Control-Allow-Headers "%[var(txn.cors_request_headers)]"${onPreflight} { var(txn.cors_request_headers) -m found }`);
		if (plan.maxAge) out.push(`http-after-response set-header Access-Control-Max-Age ${fq(plan.maxAge)}${onPreflight}`);
		if (plan.expose) out.push(`http-after-response set-header Access-Control-Expose-Headers ${fq(plan.expose)}${onActual}`);
	}
	if (plan.varyOrigin) out.push('http-after-response add-header Vary Origin');
	if (plan.varyRequestHeaders) out.push(`http-after-response add-header Vary Access-Control-Request-Headers if ${PRE}`);
	return out.map((l) => (l ? pad + l : l)).join('\n');
}

function generate(policy: Policy, options: GenerateOptions = {}): Generated {
	assertSafeForServers(policy, 'HAProxy');
	const warnings = commonWarnings(policy);
	const head = headComment('CORS for HAProxy 2.2 or later, generated by cors-tutor. Policy:', policySummary(policy), warnings);
	if (options.demo) {
		const port = options.demo.port;
		const text = [
			commentLines('#', [
				...head,
				'',
				`Demo: a standalone HAProxy listening on 127.0.0.1:${port} that answers every path with 200 "ok"`,
				'(/status/404 and /status/500 with that status) behind the policy. Start it in the foreground:',
				'',
				'  haproxy -db -f haproxy.cfg',
			]),
			'',
			'global',
			'    log stderr format raw local0 warning',
			'',
			'defaults',
			'    mode http',
			'    log global',
			'    timeout connect 5s',
			'    timeout client 30s',
			'    timeout server 30s',
			'',
			'frontend cors_demo',
			`    bind 127.0.0.1:${port}`,
			'',
			snippet(policy, '    '),
			'',
			'    # The application stand-in.',
			'    http-request return status 404 content-type text/plain string "404" if { path /status/404 }',
			'    http-request return status 500 content-type text/plain string "500" if { path /status/500 }',
			'    http-request return status 200 content-type text/plain string "ok"',
			'',
		].join('\n');
		return { text, warnings };
	}
	const text = [
		commentLines('#', [
			...head,
			'',
			'Where it goes: inside the frontend (or listen) section that routes to your app, before its',
			'use_backend / default_backend lines:',
			'',
			'  frontend www',
			'      bind :80',
			'      <these lines>',
			'      default_backend app',
			'',
			'HAProxy sends header names in lowercase (HTTP/2-style), which HTTP/1.1 clients accept: names are',
			'case-insensitive. Then check with `haproxy -c -f /etc/haproxy/haproxy.cfg` and reload.',
		]),
		'',
		snippet(policy, '    '),
		'',
	].join('\n');
	return { text, warnings };
}

export const haproxyTarget: Target = {
	id: 'haproxy',
	name: 'HAProxy',
	summary: 'http-request and http-after-response rules for the frontend that routes to your app',
	fileName: 'haproxy-cors.cfg',
	demo: {
		file: 'haproxy.cfg',
		command: ['haproxy', '-db', '-f', '{file}'],
		needs: { apt: ['haproxy'] },
	},
	generate,
};
