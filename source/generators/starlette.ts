// FastAPI / Starlette with Starlette's CORSMiddleware (FastAPI's is a re-export; Debian
// python3-starlette 0.26). What its options cannot say, measured on the real server: preflights
// are answered with 200, or 400 when the origin, the method or a header is not allowed (with some
// CORS headers all the same); Allow-Headers gains the CORS-safelisted names; Max-Age is always
// sent; Allow-Credentials and Expose-Headers go to every origin; Vary: Origin only to allowed
// ones; `*` is not sent without Origin and becomes the request's origin with credentials or a
// cookie. A small ASGI middleware added after it (so outside it) completes its answers.

import type { Policy } from '../policy/model.js';
import { assertSafeForApps, DEMO_APP_NOTE, commentLines, joined, lookalikes, originPlan, patternBody, policySummary, pyBool, pyList, pyRaw, q, varyWarning } from './app-shared.js';
import type { GenerateOptions, Generated, Target } from './types.js';

function fixups(p: Policy): string[] {
	const plan = originPlan(p);
	const star = plan.mode === '*';
	const allow = p.allowHeaders === 'mirror' ? null : p.allowHeaders === '*' ? '*' : joined(p.allowHeaders);
	const out = [
		'class CORSPolicyFixups:',
		'    """What CORSMiddleware cannot be told. Added after it, so it runs outside it and sees its answers:',
		`    preflights get status ${p.preflightStatus}, no body and exactly the policy's lists (CORSMiddleware answers`,
		'    200, or 400 when the method or a header is not listed, and adds the safelisted headers to the list);',
		'    origins that are not allowed get no CORS headers at all (it sends some to every origin)."""',
		'',
		'    def __init__(self, app):',
		'        self.app = app',
		'',
		'    async def __call__(self, scope, receive, send):',
		'        if scope["type"] != "http":',
		'            return await self.app(scope, receive, send)',
		'        request_headers = Headers(scope=scope)',
		'        preflight = scope["method"] == "OPTIONS" and "access-control-request-method" in request_headers',
		'',
		'        async def send_fixed(message):',
		'            if message["type"] == "http.response.start":',
		'                headers = MutableHeaders(scope=message)',
	];
	if (star) {
		out.push('                # "*" itself, on every response (CORSMiddleware skips requests without Origin, and');
		out.push('                # answers with the origin when the request has a cookie or credentials are on).');
		out.push('                headers["Access-Control-Allow-Origin"] = "*"');
		out.push('                allowed = True');
		if (p.credentials) out.push('                headers["Access-Control-Allow-Credentials"] = "true"  # browsers refuse this pair with "*"');
		if (p.exposeHeaders.length) out.push('                if not preflight:', `                    headers["Access-Control-Expose-Headers"] = ${q(joined(p.exposeHeaders))}`);
	} else {
		out.push('                allowed = "access-control-allow-origin" in headers');
		out.push('                headers.add_vary_header("Origin")  # the answer depends on Origin, allowed or not');
		out.push('                if not allowed:');
		out.push('                    for name in ("Credentials", "Methods", "Headers"):');
		out.push('                        del headers[f"Access-Control-Allow-{name}"]');
		out.push('                    del headers["Access-Control-Expose-Headers"]');
		out.push('                    del headers["Access-Control-Max-Age"]');
	}
	out.push('                if preflight:');
	out.push(`                    message["status"] = ${p.preflightStatus}`);
	out.push(p.preflightStatus === 204 ? '                    del headers["Content-Length"]' : '                    headers["Content-Length"] = "0"');
	out.push('                    del headers["Content-Type"]');
	if (p.allowHeaders === 'mirror') out.push('                    headers.add_vary_header("Access-Control-Request-Headers")');
	out.push('                    if allowed:');
	out.push(p.methods.length ? `                        headers["Access-Control-Allow-Methods"] = ${q(joined(p.methods))}` : '                        del headers["Access-Control-Allow-Methods"]');
	if (allow === null) {
		out.push('                        if "access-control-request-headers" in request_headers:');
		out.push('                            headers["Access-Control-Allow-Headers"] = request_headers["access-control-request-headers"]');
	} else if (allow) {
		out.push(`                        headers["Access-Control-Allow-Headers"] = ${q(allow)}`);
	} else out.push('                        del headers["Access-Control-Allow-Headers"]');
	if (p.maxAge === null) out.push('                        del headers["Access-Control-Max-Age"]  # CORSMiddleware always sends one');
	else out.push(`                        headers["Access-Control-Max-Age"] = ${q(String(p.maxAge))}`);
	out.push('            elif preflight and message["type"] == "http.response.body":');
	out.push('                message = {**message, "body": b""}  # no body (CORSMiddleware writes "OK")');
	out.push('            await send(message)');
	out.push('');
	out.push('        await self.app(scope, receive, send_fixed)');
	return out;
}

function addMiddleware(p: Policy): string[] {
	const plan = originPlan(p);
	const args: [string, string?][] = [];
	if (plan.mode === '*') args.push(['allow_origins=["*"]']);
	else if (plan.mode === 'reflect') args.push(['allow_origin_regex=r".*"', 'every origin, echoed back ("reflect")']);
	else {
		args.push([`allow_origins=${pyList(plan.exact)}`]);
		if (plan.patterns.length) args.push([`allow_origin_regex=${pyRaw(`^(?:${plan.patterns.map(patternBody).join('|')})\\Z`)}`, plan.patterns.map((r) => r.text).join(' ')]);
	}
	args.push([`allow_methods=${pyList(p.methods)}`]);
	if (p.allowHeaders === 'mirror') args.push(['allow_headers=["*"]', 'echoes the requested headers ("mirror")']);
	else args.push([`allow_headers=${pyList(p.allowHeaders === '*' ? ['*'] : p.allowHeaders)}`]);
	if (p.exposeHeaders.length) args.push([`expose_headers=${pyList(p.exposeHeaders)}`]);
	if (p.credentials) args.push([`allow_credentials=${pyBool(true)}`]);
	if (p.maxAge !== null) args.push([`max_age=${p.maxAge}`]);
	const out: string[] = [];
	if (plan.mode === 'list' && plan.patterns.length) out.push('# allow_origin_regex is matched in full: one or more whole subdomain labels, so', `# ${lookalikes(plan)} never match.`);
	out.push('app.add_middleware(');
	out.push('    CORSMiddleware,');
	for (const [code, comment] of args) out.push(`    ${code},${comment ? `  # ${comment}` : ''}`);
	out.push(')');
	out.push('app.add_middleware(CORSPolicyFixups)  # added last: the outermost, it sees what CORSMiddleware answers');
	return out;
}

const IMPORTS = ['from starlette.datastructures import Headers, MutableHeaders', 'from starlette.middleware.cors import CORSMiddleware'];

function generate(p: Policy, options: GenerateOptions = {}): Generated {
	assertSafeForApps(p, 'FastAPI / Starlette (CORSMiddleware)');
	const warnings = varyWarning(p);
	const head = ['CORS for FastAPI / Starlette with CORSMiddleware, generated by cors-tutor.', ...policySummary(p), ...warnings.map((w) => `WARNING: ${w}`)];
	if (!options.demo) {
		const text = [
			commentLines([...head, '', 'Put this in the module that creates the app, right after `app = FastAPI()` (or', '`app = Starlette(...)`). FastAPI\'s fastapi.middleware.cors.CORSMiddleware is this same class.'], '#'),
			...IMPORTS,
			'',
			'',
			...fixups(p),
			'',
			'',
			...addMiddleware(p),
			'',
		].join('\n');
		return { text, warnings };
	}
	const { port } = options.demo;
	const text = [
		commentLines([...head, '', `A standalone demo on 127.0.0.1:${port} (Starlette served by uvicorn). ${DEMO_APP_NOTE}`, 'Start it with:', '    python3 starlette_app.py'], '#'),
		'import uvicorn',
		'from starlette.applications import Starlette',
		...IMPORTS,
		'from starlette.responses import PlainTextResponse',
		'from starlette.routing import Route',
		'',
		'',
		...fixups(p),
		'',
		'',
		'# The application.',
		'async def demo(request):',
		'    if request.url.path in ("/status/404", "/status/500"):',
		'        return PlainTextResponse(request.url.path[-3:], status_code=int(request.url.path[-3:]))',
		'    return PlainTextResponse("ok")',
		'',
		'',
		'app = Starlette(routes=[Route("/{path:path}", demo, methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])])',
		...addMiddleware(p),
		'',
		'if __name__ == "__main__":',
		`    uvicorn.run(app, host="127.0.0.1", port=${port})`,
		'',
	].join('\n');
	return { text, warnings };
}

export const starletteTarget: Target = {
	id: 'starlette',
	name: 'FastAPI / Starlette (CORSMiddleware)',
	summary: "Starlette's CORSMiddleware (also FastAPI's) plus a small ASGI fix-up middleware; goes after `app = FastAPI()`",
	fileName: 'cors_setup.py',
	demo: {
		file: 'starlette_app.py',
		command: ['/usr/bin/python3', '{file}'],
		needs: { apt: ['python3-starlette', 'python3-uvicorn'] },
	},
	generate,
};
