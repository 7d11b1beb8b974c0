// nginx: `map` blocks (http {} context) that compute every CORS header value from the request,
// and `add_header … always` lines plus a preflight `return` for the server {} that proxies the
// application. An empty value makes add_header send nothing, so one set of add_header lines
// covers allowed, disallowed and absent origins, preflights and actual requests alike.

import type { Policy } from '../policy/model.js';
import { commentLines, policySummary } from './policy-notes.js';
import { CORS_RESPONSE_HEADERS, assertSafeForServers, commonWarnings, headComment, ruleRegex, serverPlan } from './server-common.js';
import type { GenerateOptions, Generated, Target } from './types.js';

/** The line that starts the second part of the non-demo output (the server {} / location {} part). */
export const NGINX_PART_2 = '# ---- part 2:';

/** A double-quoted nginx string: origins, anchored regexes and HTTP tokens without `$` (checked before). */
const q = (s: string): string => {
	if (/["\n]/.test(s)) throw new Error(`nginx: refusing to quote ${JSON.stringify(s)}`);
	return `"${s}"`;
};

const indent = (text: string, by: string): string =>
	text
		.split('\n')
		.map((l) => (l ? by + l : l))
		.join('\n');

function parts(p: Policy): { http: string; server: string } {
	const plan = serverPlan(p);
	const http: string[] = [];
	const server: string[] = [];
	// "1" when the request is a CORS preflight: OPTIONS carrying Access-Control-Request-Method.
	http.push(
		'# 1 when the request is a CORS preflight (OPTIONS with Access-Control-Request-Method).',
		'map "$request_method:$http_access_control_request_method" $cors_preflight {',
		'    default       0;',
		'    "~^OPTIONS:." 1;',
		'}',
	);
	// The key every preflight-only or actual-only value is looked up with: "<preflight><ACAO>".
	let key: string;
	if (plan.mode === 'any') {
		key = '$cors_preflight';
	} else {
		const origin = plan.mode === 'reflect' ? '$http_origin' : '$cors_allow_origin';
		if (plan.mode === 'list') {
			http.push(
				'',
				'# Access-Control-Allow-Origin: the request\'s Origin when it is allowed, else empty (not sent).',
				'# Anchored, case-sensitive regular expressions: "https://example.com.evil.net" never matches.',
				'map $http_origin $cors_allow_origin {',
				'    default "";',
				...plan.rules.map((r) => `    ${q(`~${ruleRegex(r)}`)} $http_origin;${r.kind === 'subdomains' ? `  # ${r.text}` : ''}`),
				'}',
			);
		}
		key = `"$cors_preflight:${origin}"`;
		if (plan.credentials)
			http.push('', `map ${origin} $cors_allow_credentials {`, '    default "";', '    "~."    "true";', '}');
	}
	// For "*" every request is allowed: key is "0"/"1". Otherwise "1:<origin>" is an allowed preflight.
	const preflightKey = plan.mode === 'any' ? '1' : '"~^1:."';
	const actualKey = plan.mode === 'any' ? '0' : '"~^0:."';
	const preflightMaps: string[][] = [];
	const preflightMap = (name: string, value: string) => preflightMaps.push([`map ${key} ${name} {`, '    default "";', `    ${preflightKey} ${value};`, '}']);
	if (plan.methods) preflightMap('$cors_allow_methods', q(plan.methods));
	if (plan.allowHeaders) preflightMap('$cors_allow_headers', plan.allowHeaders.kind === 'mirror' ? '$http_access_control_request_headers' : q(plan.allowHeaders.value));
	if (plan.maxAge) preflightMap('$cors_max_age', q(plan.maxAge));
	if (preflightMaps.length) http.push('', '# Sent only on preflights from allowed origins:', ...preflightMaps.flatMap((m, i) => (i ? ['', ...m] : m)));
	if (plan.expose) http.push('', '# Sent only on actual responses to allowed origins:', `map ${key} $cors_expose_headers {`, '    default "";', `    ${actualKey} ${q(plan.expose)};`, '}');
	if (plan.varyRequestHeaders) {
		const base = plan.varyOrigin ? 'Origin' : '';
		const pre = [base, 'Access-Control-Request-Headers'].filter(Boolean).join(', ');
		http.push('', '# Vary: the mirrored Access-Control-Allow-Headers also depends on the request\'s headers.', 'map $cors_preflight $cors_vary {', `    default ${q(base)};`, `    1       ${q(pre)};`, '}');
	}

	server.push(
		'# The application\'s own CORS headers would be sent twice: drop them (use fastcgi_hide_header,',
		'# uwsgi_hide_header or grpc_hide_header instead if the app is not behind proxy_pass).',
		...CORS_RESPONSE_HEADERS.map((h) => `proxy_hide_header ${h};`),
		'',
		'# "always": also on 4xx/5xx answers. An empty value sends no header. Any add_header written',
		'# inside a location {} or if {} below this level discards these: include this file there too.',
	);
	if (plan.mode === 'any') server.push(`add_header Access-Control-Allow-Origin "*" always;`);
	else server.push(`add_header Access-Control-Allow-Origin ${plan.mode === 'reflect' ? '$http_origin' : '$cors_allow_origin'} always;`);
	if (plan.credentials) server.push(plan.mode === 'any' ? 'add_header Access-Control-Allow-Credentials "true" always;' : 'add_header Access-Control-Allow-Credentials $cors_allow_credentials always;');
	if (plan.methods) server.push('add_header Access-Control-Allow-Methods $cors_allow_methods always;');
	if (plan.allowHeaders) server.push('add_header Access-Control-Allow-Headers $cors_allow_headers always;');
	if (plan.maxAge) server.push('add_header Access-Control-Max-Age $cors_max_age always;');
	if (plan.expose) server.push('add_header Access-Control-Expose-Headers $cors_expose_headers always;');
	if (plan.varyRequestHeaders) server.push('add_header Vary $cors_vary always;');
	else if (plan.varyOrigin) server.push('add_header Vary "Origin" always;');
	server.push(
		'',
		`# Answer preflights here with ${plan.preflightStatus} and no body; the app never sees them. Only`,
		'# "return" inside "if": the add_header lines above are inherited by it.',
		'if ($cors_preflight) {',
		`    return ${plan.preflightStatus}${plan.preflightStatus === 200 ? ' ""' : ''};`,
		'}',
	);
	return { http: http.join('\n'), server: server.join('\n') };
}

function generate(policy: Policy, options: GenerateOptions = {}): Generated {
	assertSafeForServers(policy, 'nginx');
	const warnings = commonWarnings(policy);
	const { http, server } = parts(policy);
	const head = headComment('CORS for nginx, generated by cors-tutor. Policy:', policySummary(policy), warnings);
	if (options.demo) {
		const port = options.demo.port;
		const text = [
			commentLines('#', [
				...head,
				'',
				`Demo: a standalone nginx listening on 127.0.0.1:${port} that answers every path with 200 "ok"`,
				'(/status/404 and /status/500 with that status) behind the policy. Start it in the foreground from',
				'the directory holding this file (temporary files and the pid file go there too):',
				'',
				'  nginx -p "$PWD" -c "$PWD/nginx.conf" -e stderr',
			]),
			'',
			'daemon off;',
			'worker_processes 1;',
			'pid nginx.pid;',
			'error_log stderr warn;',
			'',
			'events {',
			'    worker_connections 64;',
			'}',
			'',
			'http {',
			'    access_log off;',
			'    default_type text/plain;',
			'    # Relative to the -p prefix, so that nginx needs no write access to /var/lib/nginx.',
			'    client_body_temp_path client_body_temp;',
			'    proxy_temp_path proxy_temp;',
			'    fastcgi_temp_path fastcgi_temp;',
			'    uwsgi_temp_path uwsgi_temp;',
			'    scgi_temp_path scgi_temp;',
			'',
			indent(http, '    '),
			'',
			'    server {',
			`        listen 127.0.0.1:${port};`,
			'',
			indent(server, '        '),
			'',
			'        # The application stand-in.',
			'        location / {',
			'            return 200 "ok";',
			'        }',
			'        location = /status/404 {',
			'            return 404 "404";',
			'        }',
			'        location = /status/500 {',
			'            return 500 "500";',
			'        }',
			'    }',
			'}',
			'',
		].join('\n');
		return { text, warnings };
	}
	const text = [
		commentLines('#', [
			...head,
			'',
			'Two parts:',
			'  1. The map blocks go in the http {} context, e.g. saved as /etc/nginx/conf.d/cors-maps.conf',
			'     (nginx.conf includes conf.d/*.conf inside http {} on Debian and Ubuntu).',
			'  2. The rest goes inside the server {} that proxies your app, e.g. saved as',
			'     /etc/nginx/snippets/cors.conf and included there:',
			'',
			'       server {',
			'           include snippets/cors.conf;',
			'           location / { proxy_pass http://127.0.0.1:3000; }',
			'       }',
			'',
			'     A location {} with add_header lines of its own does not inherit these: include the snippet',
			'     in that location {} as well. Then check with `nginx -t` and reload.',
		]),
		'',
		'# ---- part 1: http {} context ----',
		http,
		'',
		`${NGINX_PART_2} server {} or location {} context ----`,
		server,
		'',
	].join('\n');
	return { text, warnings };
}

export const nginxTarget: Target = {
	id: 'nginx',
	name: 'nginx',
	summary: 'map blocks for the http {} context and add_header lines for the server {} that proxies your app',
	fileName: 'cors.conf',
	demo: {
		file: 'nginx.conf',
		command: ['nginx', '-p', '{dir}', '-c', '{file}', '-e', 'stderr'],
		needs: { apt: ['nginx'] },
	},
	generate,
};
