// lighttpd 1.4.60+ (mod_magnet's lighty.r API): conditional blocks on the method,
// Access-Control-Request-Method and Origin choose complete `setenv.set-response-header` lists
// (one block per exact origin: mod_setenv has no variable substitution). What core lighttpd
// cannot do is left to mod_magnet and small, policy-independent Lua files: answering a
// preflight (no directive sends a 204 or an empty 200), and echoing Origin (subdomain
// patterns, "reflect") or Access-Control-Request-Headers ("mirror") back.

import type { Policy } from '../policy/model.js';
import { commentLines, policySummary } from './policy-notes.js';
import { CORS_RESPONSE_HEADERS, assertSafeForServers, commonWarnings, headComment, ruleRegex, serverPlan } from './server-common.js';
import type { GenerateOptions, Generated, Target } from './types.js';

/** The Lua helpers, by file name (the same for every policy). */
export const LIGHTTPD_LUA: Readonly<Record<string, string>> = {
	'cors-preflight-204.lua': '-- Answer a CORS preflight with 204 and no body.\nreturn 204\n',
	'cors-preflight-200.lua': '-- Answer a CORS preflight with 200 and no body.\nreturn 200\n',
	'cors-echo-origin.lua': [
		'-- Access-Control-Allow-Origin: the request\'s Origin (the config only runs this for allowed ones).',
		'local origin = lighty.r.req_header["Origin"]',
		'if origin then lighty.r.resp_header["Access-Control-Allow-Origin"] = origin end',
		'',
	].join('\n'),
	'cors-echo-request-headers.lua': [
		'-- Access-Control-Allow-Headers: the preflight\'s Access-Control-Request-Headers, when it has any.',
		'local asked = lighty.r.req_header["Access-Control-Request-Headers"]',
		'if asked and asked ~= "" then lighty.r.resp_header["Access-Control-Allow-Headers"] = asked end',
		'',
	].join('\n'),
};

/** The demo's application stand-in. */
const DEMO_APP_LUA = [
	'-- The application stand-in: 200 "ok" for every path, /status/404 and /status/500 with that status.',
	'local r = lighty.r',
	'local status = ({ ["/status/404"] = 404, ["/status/500"] = 500 })[r.req_attr["uri.path"]] or 200',
	'r.resp_header["Content-Type"] = "text/plain"',
	'r.resp_body:set({ status == 200 and "ok" or tostring(status) })',
	'return status',
	'',
].join('\n');

const sh = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/** Writes the Lua files into the working directory, then runs lighttpd in the foreground. */
const DEMO_SCRIPT = [
	...Object.entries({ ...LIGHTTPD_LUA, 'cors-demo-app.lua': DEMO_APP_LUA }).map(([name, code]) => `printf '%s' ${sh(code)} > ${name} &&`),
	'exec lighttpd -D -f "$1"',
].join('\n');

/** A double-quoted lighttpd string: quotes and backslashes other than regex escapes cannot occur (checked before). */
const q = (s: string): string => {
	if (/["\n]/.test(s) || /\\[^.[\]]/.test(s)) throw new Error(`lighttpd: refusing to quote ${JSON.stringify(s)}`);
	return `"${s}"`;
};

type Kind = 'preflight' | 'actual';

function config(p: Policy): { text: string; lua: string[] } {
	const plan = serverPlan(p);
	const lua = new Set<string>([`cors-preflight-${plan.preflightStatus}.lua`]);
	const T = '\t';

	/** The settings of one leaf block: complete lists, as a nested block replaces its parent's. */
	const leaf = (kind: Kind, origin: 'literal' | 'echo' | 'denied', value: string, depth: number): string[] => {
		const set = new Map<string, string>(CORS_RESPONSE_HEADERS.map((h) => [h, '']));
		const echo: string[] = [];
		if (origin !== 'denied') {
			if (origin === 'literal') set.set('Access-Control-Allow-Origin', value);
			else {
				set.delete('Access-Control-Allow-Origin');
				echo.push('cors-echo-origin.lua');
			}
			if (plan.credentials) set.set('Access-Control-Allow-Credentials', 'true');
			if (kind === 'preflight') {
				if (plan.methods) set.set('Access-Control-Allow-Methods', plan.methods);
				if (plan.allowHeaders?.kind === 'static') set.set('Access-Control-Allow-Headers', plan.allowHeaders.value);
				if (plan.allowHeaders?.kind === 'mirror') {
					set.delete('Access-Control-Allow-Headers');
					echo.push('cors-echo-request-headers.lua');
				}
				if (plan.maxAge) set.set('Access-Control-Max-Age', plan.maxAge);
			} else if (plan.expose) set.set('Access-Control-Expose-Headers', plan.expose);
		}
		const pad = T.repeat(depth);
		const entries = [...set].map(([h, v]) => `${pad}${T}${q(h)} => ${q(v)},`);
		const lines = [`${pad}setenv.set-response-header = (`, ...entries, `${pad})`];
		for (const f of echo) lua.add(f);
		if (echo.length) lines.push(`${pad}magnet.attract-response-start-to = ( ${echo.map((f) => `var.cors_lua + "/${f}"`).join(', ')} )`);
		return lines;
	};

	/** The chain of Origin conditions for one kind of request; denied origins keep the outer values. */
	const originChain = (kind: Kind, depth: number): string[] => {
		const pad = T.repeat(depth);
		if (plan.mode === 'any') return leaf(kind, 'literal', '*', depth);
		const out: string[] = [];
		const branch = (cond: string, body: string[], note = '') => out.push(`${pad}${out.length ? 'else ' : ''}${cond} {${note}`, ...body, `${pad}}`);
		if (plan.mode === 'reflect') branch('$REQUEST_HEADER["Origin"] != ""', leaf(kind, 'echo', '', depth + 1));
		else
			for (const r of plan.rules) {
				if (r.kind === 'exact') branch(`$REQUEST_HEADER["Origin"] == ${q(r.origin)}`, leaf(kind, 'literal', r.origin, depth + 1));
				else branch(`$REQUEST_HEADER["Origin"] =~ ${q(ruleRegex(r))}`, leaf(kind, 'echo', '', depth + 1), `  # ${r.text}`);
			}
		return out.length ? out : [`${pad}# (no origin is allowed)`];
	};

	const varyBase = plan.varyOrigin ? 'Origin' : '';
	const varyPre = [varyBase, plan.varyRequestHeaders ? 'Access-Control-Request-Headers' : ''].filter(Boolean).join(', ');
	const out: string[] = [
		'server.modules += ( "mod_setenv", "mod_magnet" )',
		'',
		...(varyBase ? ['# The answer depends on Origin: say so on every response.', `setenv.add-response-header = ( "Vary" => ${q(varyBase)} )`, ''] : []),
		...(plan.mode === 'any'
			? ['# Every request but a preflight: "*". An empty value removes the app\'s own copy, so that none is', '# sent twice.']
			: [
					'# Disallowed or absent Origin: no CORS headers. An empty value also removes the app\'s own copy,',
					'# so that none is sent twice. (A block below that matches replaces the whole list.)',
					...leaf('actual', 'denied', '', 0),
					'',
					'# Actual requests from allowed origins (exact strings; anchored, case-sensitive regexes).',
				]),
		...originChain('actual', 0),
		'',
		'# A CORS preflight (OPTIONS with Access-Control-Request-Method) is answered by mod_magnet with',
		`# ${plan.preflightStatus} and no body; the app never sees it.`,
		'$HTTP["request-method"] == "OPTIONS" {',
		`${T}$REQUEST_HEADER["Access-Control-Request-Method"] != "" {`,
		`${T}${T}magnet.attract-raw-url-to = ( var.cors_lua + "/cors-preflight-${plan.preflightStatus}.lua" )`,
		...(varyPre !== varyBase ? [`${T}${T}setenv.add-response-header = ( "Vary" => ${q(varyPre)} )`] : []),
		...originChain('preflight', 2),
		`${T}}`,
		'}',
	];
	return { text: out.join('\n'), lua: [...lua].sort() };
}

function luaComment(files: readonly string[], where: string): string[] {
	return files.flatMap((f) => ['', `${where}/${f}:`, ...(LIGHTTPD_LUA[f] ?? '').trimEnd().split('\n').map((l) => `  ${l}`)]);
}

function generate(policy: Policy, options: GenerateOptions = {}): Generated {
	assertSafeForServers(policy, 'lighttpd');
	const plan = serverPlan(policy);
	const { text: body, lua } = config(policy);
	const warnings = [
		...commonWarnings(policy),
		`lighttpd has no directive that answers a request with ${plan.preflightStatus === 204 ? 'a 204' : 'an empty 200'} by itself: preflights are answered by mod_magnet (Debian package lighttpd-modules-lua) running ${lua.includes('cors-echo-origin.lua') || lua.includes('cors-echo-request-headers.lua') ? 'the Lua files' : 'a one-line Lua file'} shown in the comments`,
		...(lua.includes('cors-echo-origin.lua') ? [`mod_setenv cannot echo a request header: ${plan.mode === 'reflect' ? '"reflect" also uses' : 'subdomain patterns also use'} mod_magnet (cors-echo-origin.lua)`] : []),
		...(lua.includes('cors-echo-request-headers.lua') ? ['mod_setenv cannot echo a request header: allowHeaders "mirror" also uses mod_magnet (cors-echo-request-headers.lua)'] : []),
	];
	const head = headComment('CORS for lighttpd 1.4.60 or later, generated by cors-tutor. Policy:', policySummary(policy), warnings, 'Cannot be expressed with core directives:');
	if (options.demo) {
		const port = options.demo.port;
		const text = [
			commentLines('#', [
				...head,
				'',
				`Demo: a standalone lighttpd listening on 127.0.0.1:${port} that answers every path with 200 "ok"`,
				'(/status/404 and /status/500 with that status, from cors-demo-app.lua) behind the policy. Save the',
				'Lua files below in the directory holding this file, then start it in the foreground from there:',
				'',
				'  lighttpd -D -f lighttpd.conf',
				...luaComment(lua, '.'),
				'',
				'./cors-demo-app.lua:',
				...DEMO_APP_LUA.trimEnd().split('\n').map((l) => `  ${l}`),
			]),
			'',
			'server.bind = "127.0.0.1"',
			`server.port = ${port}`,
			'server.document-root = var.CWD',
			'# The Lua files sit next to this file (var.CWD: the directory lighttpd was started in).',
			'var.cors_lua = var.CWD',
			'# The application stand-in.',
			'magnet.attract-physical-path-to = ( var.CWD + "/cors-demo-app.lua" )',
			'',
			body,
			'',
		].join('\n');
		return { text, warnings };
	}
	const text = [
		commentLines('#', [
			...head,
			'',
			'Where it goes: the top level of lighttpd.conf (or a $HTTP["host"] block that proxies your app), e.g.',
			'saved as /etc/lighttpd/conf-available/50-cors.conf and enabled with `lighty-enable-mod cors`.',
			'If your configuration already sets setenv.set-response-header or setenv.add-response-header at',
			'the same level, merge the lists: a second assignment would replace the first. The Lua files',
			'(needs `apt install lighttpd-modules-lua`):',
			...luaComment(lua, '/etc/lighttpd/cors'),
			'',
			'Then check with `lighttpd -tt -f /etc/lighttpd/lighttpd.conf` and restart.',
		]),
		'',
		'var.cors_lua = "/etc/lighttpd/cors"',
		body,
		'',
	].join('\n');
	return { text, warnings };
}

export const lighttpdTarget: Target = {
	id: 'lighttpd',
	name: 'lighttpd',
	summary: 'conditional setenv blocks plus mod_magnet Lua for the preflight answer, for lighttpd.conf',
	fileName: '50-cors.conf',
	demo: {
		file: 'lighttpd.conf',
		// The Lua files are the same for every policy: the command writes them next to the config.
		command: ['sh', '-c', DEMO_SCRIPT, 'sh', '{file}'],
		needs: { apt: ['lighttpd', 'lighttpd-modules-lua'] },
	},
	generate,
};
