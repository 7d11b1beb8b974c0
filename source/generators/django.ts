// Django with django-cors-headers (Debian python3-django-cors-headers 3.14): settings, plus one
// small middleware right before corsheaders' own. What the settings cannot say, measured on the
// real server: preflights are answered with 200; Allow-Credentials goes to every origin, allowed
// or not; Expose-Headers goes on preflights too and the preflight headers on every OPTIONS
// response; an empty header list becomes an empty header; Max-Age 0 means "none"; `*` is not
// sent to requests without Origin, and with credentials it becomes the request's origin; there
// is no "mirror".

import type { Policy } from '../policy/model.js';
import { assertSafeForApps, DEMO_APP_NOTE, commentLines, joined, lookalikes, originPlan, patternRegex, policySummary, pyList, pyRaw, q, varyWarning } from './app-shared.js';
import type { GenerateOptions, Generated, Target } from './types.js';

const SETTINGS = ['CORS_ALLOW_ALL_ORIGINS', 'CORS_ALLOWED_ORIGINS', 'CORS_ALLOWED_ORIGIN_REGEXES', 'CORS_ALLOW_METHODS', 'CORS_ALLOW_HEADERS', 'CORS_EXPOSE_HEADERS', 'CORS_ALLOW_CREDENTIALS', 'CORS_PREFLIGHT_MAX_AGE'] as const;

/** The CORS_* settings, as Python assignments (name → source). */
function settings(p: Policy): { lines: string[]; names: string[] } {
	const plan = originPlan(p);
	const lines: string[] = [];
	const names: string[] = [];
	const set = (name: (typeof SETTINGS)[number], value: string, comment?: string) => {
		if (comment) lines.push(`# ${comment}`);
		lines.push(`${name} = ${value}`);
		names.push(name);
	};
	if (plan.mode === '*') set('CORS_ALLOW_ALL_ORIGINS', 'True');
	else if (plan.mode === 'reflect') set('CORS_ALLOWED_ORIGIN_REGEXES', '[r"^.+\\Z"]', 'Every origin is allowed and echoed back ("reflect").');
	else {
		set('CORS_ALLOWED_ORIGINS', pyList(plan.exact));
		if (plan.patterns.length) {
			lines.push('# "*." patterns: one or more whole subdomain labels, anchored at both ends (re.match), so');
			lines.push(`# ${lookalikes(plan)} never match.`);
			lines.push('CORS_ALLOWED_ORIGIN_REGEXES = [');
			for (const r of plan.patterns) lines.push(`    ${pyRaw(patternRegex(r, '\\Z'))},  # ${r.text}`);
			lines.push(']');
			names.push('CORS_ALLOWED_ORIGIN_REGEXES');
		}
	}
	set('CORS_ALLOW_METHODS', pyList(p.methods));
	if (p.allowHeaders === 'mirror') set('CORS_ALLOW_HEADERS', '[]', 'CorsPolicyMiddleware echoes the requested headers ("mirror"): no setting can.');
	else set('CORS_ALLOW_HEADERS', pyList(p.allowHeaders === '*' ? ['*'] : p.allowHeaders));
	set('CORS_EXPOSE_HEADERS', pyList(p.exposeHeaders));
	if (p.credentials) set('CORS_ALLOW_CREDENTIALS', 'True', plan.mode === '*' ? '`*` with credentials: browsers refuse this pair (see CorsPolicyMiddleware).' : undefined);
	if (p.maxAge === null) set('CORS_PREFLIGHT_MAX_AGE', '0', '0: no Access-Control-Max-Age (the default is 86400).');
	else if (p.maxAge === 0) set('CORS_PREFLIGHT_MAX_AGE', '0', 'CorsPolicyMiddleware sends Max-Age 0 (the setting 0 means "none").');
	else set('CORS_PREFLIGHT_MAX_AGE', String(p.maxAge));
	return { lines, names };
}

function middleware(p: Policy): string[] {
	const plan = originPlan(p);
	const star = plan.mode === '*';
	const emptyHeaders = Array.isArray(p.allowHeaders) && p.allowHeaders.length === 0;
	const out: string[] = [
		'class CorsPolicyMiddleware:',
		'    """What django-cors-headers cannot be told. Goes in MIDDLEWARE right before',
		'    corsheaders.middleware.CorsMiddleware, so that it sees (and completes) its answers."""',
		'',
		'    def __init__(self, get_response):',
		'        self.get_response = get_response',
		'',
		'    def __call__(self, request):',
		'        response = self.get_response(request)',
		'        preflight = request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers',
	];
	if (star) {
		out.push('        if "Origin" not in request.headers:');
		out.push('            # "*" goes on every response, also to requests without Origin (corsheaders skips them)');
		out.push('            response["Access-Control-Allow-Origin"] = "*"');
		if (p.credentials) out.push('            response["Access-Control-Allow-Credentials"] = "true"');
		const pre: string[] = p.methods.length ? [`response["Access-Control-Allow-Methods"] = ${q(joined(p.methods))}`] : [];
		if (p.allowHeaders === '*' || (Array.isArray(p.allowHeaders) && p.allowHeaders.length)) pre.push(`response["Access-Control-Allow-Headers"] = ${q(p.allowHeaders === '*' ? '*' : joined(p.allowHeaders))}`);
		if (p.maxAge) pre.push(`response["Access-Control-Max-Age"] = ${q(String(p.maxAge))}`);
		const expose = p.exposeHeaders.length ? [`response["Access-Control-Expose-Headers"] = ${q(joined(p.exposeHeaders))}`] : [];
		if (pre.length) {
			out.push('            if preflight:', ...pre.map((l) => `                ${l}`));
			if (expose.length) out.push('            else:', ...expose.map((l) => `                ${l}`));
		} else if (expose.length) out.push('            if not preflight:', ...expose.map((l) => `                ${l}`));
		if (p.credentials) {
			out.push('        elif response.has_header("Access-Control-Allow-Origin"):');
			out.push('            response["Access-Control-Allow-Origin"] = "*"  # corsheaders sends the origin instead when credentials are on');
		}
	}
	out.push('        allowed = response.has_header("Access-Control-Allow-Origin")');
	if (plan.mode === 'list' && p.credentials) {
		out.push('        if not allowed:');
		out.push('            del response["Access-Control-Allow-Credentials"]  # corsheaders sends it to every origin');
	}
	out.push('        if preflight:');
	if (p.preflightStatus === 204) out.push('            response.status_code = 204  # corsheaders answers 200');
	if (p.exposeHeaders.length) out.push('            del response["Access-Control-Expose-Headers"]  # corsheaders sends it on preflights too');
	if (emptyHeaders) out.push('            del response["Access-Control-Allow-Headers"]  # corsheaders sends an empty one');
	if (!p.methods.length) out.push('            del response["Access-Control-Allow-Methods"]  # corsheaders sends an empty one');
	if (p.allowHeaders === 'mirror') {
		out.push('            patch_vary_headers(response, ["Access-Control-Request-Headers"])');
		out.push('            asked = request.headers.get("Access-Control-Request-Headers")');
		out.push('            if allowed and asked:');
		out.push('                response["Access-Control-Allow-Headers"] = asked  # "mirror"');
		out.push('            else:');
		out.push('                del response["Access-Control-Allow-Headers"]');
	}
	if (p.maxAge === 0) {
		out.push('            if allowed:');
		out.push('                response["Access-Control-Max-Age"] = "0"');
	}
	out.push('        elif request.method == "OPTIONS":');
	out.push('            # Not a preflight (no Access-Control-Request-Method): corsheaders still adds these.');
	out.push('            for name in ("Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age"):');
	out.push('                del response[name]');
	out.push('        return response');
	return out;
}

function generate(p: Policy, options: GenerateOptions = {}): Generated {
	assertSafeForApps(p, 'Django (django-cors-headers)');
	const warnings = varyWarning(p);
	const head = ['CORS for Django with django-cors-headers (pip install django-cors-headers; Debian:', 'python3-django-cors-headers), generated by cors-tutor.', ...policySummary(p), ...warnings.map((w) => `WARNING: ${w}`)];
	const { lines, names } = settings(p);
	const needsVary = p.allowHeaders === 'mirror';
	if (!options.demo) {
		const text = [
			commentLines(
				[
					...head,
					'',
					'Save as yourproject/cors_settings.py, then in settings.py:',
					'    from .cors_settings import *  # noqa: F401,F403 (the CORS_* settings)',
					'    INSTALLED_APPS += ["corsheaders"]',
					'    MIDDLEWARE = [',
					'        "yourproject.cors_settings.CorsPolicyMiddleware",',
					'        "corsheaders.middleware.CorsMiddleware",',
					'        *MIDDLEWARE,  # CommonMiddleware and the rest come after the two',
					'    ]',
				],
				'#',
			),
			...(needsVary ? ['from django.utils.cache import patch_vary_headers', ''] : []),
			'__all__ = [',
			...names.map((n) => `    ${q(n)},`),
			']',
			'',
			...lines,
			'',
			'',
			...middleware(p),
			'',
		].join('\n');
		return { text, warnings };
	}
	const { port } = options.demo;
	const text = [
		commentLines([...head, '', `A standalone demo on 127.0.0.1:${port} (one file, Django's development server). ${DEMO_APP_NOTE}`, 'Start it with:', '    python3 django_app.py'], '#'),
		'import sys',
		'',
		'from django.conf import settings',
		'from django.core.management import execute_from_command_line',
		'from django.http import HttpResponse',
		'from django.urls import re_path',
		...(needsVary ? ['from django.utils.cache import patch_vary_headers'] : []),
		'',
		...lines,
		'',
		'',
		...middleware(p),
		'',
		'',
		'# The application.',
		'def demo(request):',
		'    status = int(request.path[-3:]) if request.path in ("/status/404", "/status/500") else 200',
		'    body = "ok" if status == 200 else str(status)',
		'    # Django 3.2\'s runserver would send the body to HEAD requests too.',
		'    return HttpResponse("" if request.method == "HEAD" else body, status=status, content_type="text/plain")',
		'',
		'',
		'urlpatterns = [re_path(r"^", demo)]',
		'',
		'settings.configure(',
		'    DEBUG=False,',
		'    ALLOWED_HOSTS=["*"],  # a demo: any Host',
		'    SECRET_KEY="cors-tutor-demo",',
		'    ROOT_URLCONF=__name__,',
		'    INSTALLED_APPS=["corsheaders"],',
		'    MIDDLEWARE=[',
		'        "__main__.CorsPolicyMiddleware",',
		'        "corsheaders.middleware.CorsMiddleware",',
		'        "django.middleware.common.CommonMiddleware",',
		'    ],',
		...names.map((n) => `    ${n}=${n},`),
		')',
		'',
		'if __name__ == "__main__":',
		`    execute_from_command_line([sys.argv[0], "runserver", "127.0.0.1:${port}", "--noreload"])`,
		'',
	].join('\n');
	return { text, warnings };
}

export const djangoTarget: Target = {
	id: 'django',
	name: 'Django (django-cors-headers)',
	summary: 'django-cors-headers settings plus a small middleware before CorsMiddleware (a cors_settings.py module)',
	fileName: 'cors_settings.py',
	demo: {
		file: 'django_app.py',
		command: ['/usr/bin/python3', '{file}'],
		needs: { apt: ['python3-django', 'python3-django-cors-headers'] },
	},
	generate,
};
