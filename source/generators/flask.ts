// Flask with flask-cors (Debian python3-flask-cors 3.0). What the extension cannot be told,
// measured on the real server: it answers preflights with 200, sends the preflight headers only
// when the requested method is listed, with only the requested headers that are allowed, and
// with Expose-Headers; it sends Vary: Origin only for some configurations, and sends `*` (or a
// listed origin) to requests without Origin unless always_send is off; it refuses `*` with
// credentials. The generated code configures it as closely as it can and adds one after_request
// hook that completes preflights as the policy says.

import type { Policy } from '../policy/model.js';
import { assertSafeForApps, DEMO_APP_NOTE, commentLines, joined, lookalikes, originPlan, patternRegex, policySummary, pyEscape, pyList, pyRaw, q, varyWarning } from './app-shared.js';
import type { GenerateOptions, Generated, Target } from './types.js';

const REGEX_CHARS = /[*\\\]?$^[()]/; // what makes flask-cors treat an origin string as a regular expression

function corsPart(p: Policy): string[] {
	const plan = originPlan(p);
	const star = plan.mode === '*';
	const out: string[] = [];
	// ── the hook ──
	const allow =
		p.allowHeaders === 'mirror' ? null : p.allowHeaders === '*' ? '*' : joined(p.allowHeaders);
	out.push('# Registered before CORS(app) so that it runs after flask-cors (Flask runs after_request hooks');
	out.push('# last-registered first): it completes what flask-cors answers.');
	out.push('@app.after_request');
	out.push('def cors_policy(response):');
	out.push('    """What flask-cors cannot be told: a preflight from an allowed origin gets the full lists');
	out.push('    (flask-cors sends them only for a listed method, and only the requested headers), no');
	out.push(`    Expose-Headers${p.preflightStatus === 204 ? ', and status 204 (flask-cors answers 200)' : ''}."""`);
	out.push('    preflight = request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers');
	out.push('    allowed = "Access-Control-Allow-Origin" in response.headers');
	if (!star) out.push('    response.vary.add("Origin")  # the answer depends on Origin, allowed or not');
	if (star && p.credentials) {
		out.push('    if allowed:');
		out.push('        # `*` with credentials (browsers refuse this pair), which flask-cors refuses to configure');
		out.push('        response.headers["Access-Control-Allow-Credentials"] = "true"');
	}
	out.push('    if preflight:');
	if (p.preflightStatus === 204) out.push('        response.status_code = 204');
	if (p.exposeHeaders.length) out.push('        response.headers.pop("Access-Control-Expose-Headers", None)');
	if (p.allowHeaders === 'mirror') out.push('        response.vary.add("Access-Control-Request-Headers")');
	out.push('        if allowed:');
	out.push(p.methods.length ? `            response.headers["Access-Control-Allow-Methods"] = ${q(joined(p.methods))}` : '            response.headers.pop("Access-Control-Allow-Methods", None)');
	if (allow === null) {
		out.push('            asked = request.headers.get("Access-Control-Request-Headers")');
		out.push('            if asked:');
		out.push('                response.headers["Access-Control-Allow-Headers"] = asked');
		out.push('            else:');
		out.push('                response.headers.pop("Access-Control-Allow-Headers", None)');
	} else if (allow) out.push(`            response.headers["Access-Control-Allow-Headers"] = ${q(allow)}`);
	else out.push('            response.headers.pop("Access-Control-Allow-Headers", None)');
	if (p.maxAge !== null) out.push(`            response.headers["Access-Control-Max-Age"] = ${q(String(p.maxAge))}`);
	out.push('    return response');
	out.push('');
	out.push('');
	// ── CORS(app, …) ──
	const args: [string, string?][] = [];
	if (star) {
		args.push(['origins="*"'], ['send_wildcard=True', '"*" itself, not the request\'s origin']);
	} else if (plan.mode === 'reflect') {
		args.push(['origins="*"', 'without send_wildcard, flask-cors echoes the request\'s origin ("reflect")']);
	} else {
		const items: [string, string?][] = [
			...plan.exact.map((o): [string, string?] => (REGEX_CHARS.test(o) ? [`re.compile(${pyRaw(`^${pyEscape(o)}\\Z`)})`, o] : [q(o)])),
			...plan.patterns.map((r): [string, string?] => [`re.compile(${pyRaw(patternRegex(r, '\\Z'))})`, r.text]),
		];
		if (items.length) {
			args.push(['origins=[']);
			for (const [code, comment] of items) args.push([`    ${code}`, comment]);
			args.push([']']);
		} else args.push(['origins=[]']);
	}
	args.push([`methods=${pyList(p.methods)}`]);
	args.push([`allow_headers=${p.allowHeaders === 'mirror' || p.allowHeaders === '*' ? '"*"' : pyList(p.allowHeaders)}`]);
	if (p.exposeHeaders.length) args.push([`expose_headers=${pyList(p.exposeHeaders)}`]);
	if (p.credentials && !star) args.push(['supports_credentials=True']);
	if (p.maxAge !== null) args.push([`max_age=${p.maxAge}`]);
	if (!star) args.push(['always_send=False', 'no CORS headers without Origin'], ['vary_header=False', 'cors_policy adds Vary: Origin to every response']);
	if (plan.patterns.length)
		out.push(
			'# "*." patterns are compiled (so flask-cors matches them case-sensitively) and anchored at both',
			`# ends: one or more whole subdomain labels, so ${lookalikes(plan)} never match.`,
		);
	out.push('CORS(');
	out.push('    app,');
	for (const [code, comment] of args) out.push(`    ${code}${code.endsWith('[') ? '' : ','}${comment ? `  # ${comment}` : ''}`);
	out.push(')');
	return out;
}

function imports(p: Policy): string[] {
	const plan = originPlan(p);
	const re = plan.patterns.length > 0 || plan.exact.some((o) => REGEX_CHARS.test(o));
	return [...(re ? ['import re', ''] : []), 'from flask import request', 'from flask_cors import CORS'];
}

function generate(p: Policy, options: GenerateOptions = {}): Generated {
	assertSafeForApps(p, 'Flask (flask-cors)');
	const warnings = varyWarning(p);
	const head = ['CORS for Flask with flask-cors (pip install flask-cors; Debian: python3-flask-cors), generated by cors-tutor.', ...policySummary(p), ...warnings.map((w) => `WARNING: ${w}`)];
	if (!options.demo) {
		const text = [
			commentLines([...head, '', 'Put this in the module that creates the app, right after `app = Flask(__name__)`.'], '#'),
			...imports(p),
			'',
			...corsPart(p),
			'',
		].join('\n');
		return { text, warnings };
	}
	const { port } = options.demo;
	const text = [
		commentLines([...head, '', `A standalone demo on 127.0.0.1:${port}. ${DEMO_APP_NOTE}`, 'Start it with:', '    python3 flask_app.py'], '#'),
		...imports(p).map((l) => (l === 'from flask import request' ? 'from flask import Flask, request' : l)),
		'',
		'app = Flask(__name__)',
		'',
		...corsPart(p),
		'',
		'',
		'# The application.',
		'@app.route("/", defaults={"path": ""}, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])',
		'@app.route("/<path:path>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])',
		'def demo(path):',
		'    if path in ("status/404", "status/500"):',
		'        return path[-3:], int(path[-3:]), {"Content-Type": "text/plain"}',
		'    return "ok", 200, {"Content-Type": "text/plain"}',
		'',
		'',
		'if __name__ == "__main__":',
		`    app.run(host="127.0.0.1", port=${port})`,
		'',
	].join('\n');
	return { text, warnings };
}

export const flaskTarget: Target = {
	id: 'flask',
	name: 'Flask (flask-cors)',
	summary: 'flask-cors configuration plus one after_request hook; goes right after `app = Flask(__name__)`',
	fileName: 'cors_setup.py',
	demo: {
		file: 'flask_app.py',
		command: ['/usr/bin/python3', '{file}'],
		needs: { apt: ['python3-flask', 'python3-flask-cors'] },
	},
	generate,
};
