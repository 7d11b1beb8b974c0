// Spring Boot (Spring MVC): a @Configuration WebMvcConfigurer with one CorsRegistry mapping.
// Spring's DefaultCorsProcessor differs from the policy model in ways no setting changes:
// preflights get 200, requests it does not allow get 403 "Invalid CORS request", "*" cannot
// go with credentials, and "*" for headers or methods echoes the request. Those are warnings.

import type { Policy } from '../policy/model.js';
import { bullet, commentLines, exactOrigins, type patternComment, policySummary, quoted, subdomainRules, warn, withSafelistedMethods, wrap } from './policy-notes.js';
import type { Generated, Target } from './types.js';

const P = 'Spring';
const args = (xs: readonly string[]) => xs.map(quoted).join(', ');

/** One link of the registry.addMapping(...) chain, with an optional comment above or after it. */
interface Call {
	readonly code: string;
	readonly above?: readonly string[];
	readonly after?: string;
}

function chain(calls: readonly Call[], indent: string): string[] {
	return calls.flatMap((c, i) => [
		...(c.above ?? []).map((l) => `${indent}// ${l}`),
		`${indent}${c.code}${i === calls.length - 1 ? ';' : ''}${c.after ? ` // ${c.after}` : ''}`,
	]);
}

/** Spring's "*" matches any characters (not only whole labels), but the match stays anchored. */
function springPatternComment(rules: Parameters<typeof patternComment>[0]): string[] {
	const [first] = rules;
	if (!first) return [];
	const port = first.port ? `:${first.port}` : '';
	return wrap(
		`In a pattern Spring's "*" matches any characters, and the match is anchored at both ends, so ${first.scheme}://${first.suffix}.evil.net${port} and ${first.scheme}://evil${first.suffix}${port} never match.`,
		88,
	);
}

function generate(p: Policy): Generated {
	const warnings: string[] = [];
	const notes: string[] = [];
	const calls: Call[] = [];
	let credentials = p.credentials;

	if (p.origins === '*') {
		calls.push({ code: '.allowedOrigins("*")' });
		warnings.push(warn.noOriginStar(P));
		if (p.credentials) {
			credentials = false;
			warnings.push(warn.starCredentials(P));
		}
	} else if (p.origins === 'reflect') {
		calls.push({ code: '.allowedOriginPatterns("*")', after: 'echoes any Origin back' });
	} else {
		const exact = exactOrigins(p.origins);
		const patterns = subdomainRules(p.origins);
		if (exact.length || !patterns.length)
			calls.push({ code: `.allowedOrigins(${args(exact)})`, ...(exact.length ? {} : { after: 'none: every cross-origin request is refused' }) });
		if (patterns.length)
			calls.push({
				code: `.allowedOriginPatterns(${args(patterns.map((r) => r.text))})`,
				above: springPatternComment(patterns),
			});
	}

	if (p.methods.includes('*')) {
		calls.push({ code: '.allowedMethods("*")' });
		if (credentials) warnings.push(warn.echoesStarMethods(P));
	} else {
		const { methods, added } = withSafelistedMethods(p.methods);
		if (added.length) notes.push(`${added.join(', ')} ${added.length > 1 ? 'are' : 'is'} listed too: Spring checks the method of simple requests as well and answers 403 to one it does not list; browsers send them without asking.`);
		calls.push({ code: `.allowedMethods(${args(methods)})` });
	}

	if (p.allowHeaders === 'mirror') calls.push({ code: '.allowedHeaders("*")', after: 'echoes the requested headers' });
	else if (p.allowHeaders === '*') {
		calls.push({ code: '.allowedHeaders("*")' });
		if (credentials) warnings.push(warn.echoesStarHeaders(P));
	} else calls.push({ code: `.allowedHeaders(${args(p.allowHeaders)})`, ...(p.allowHeaders.length ? {} : { after: 'none beyond the CORS-safelisted ones' }) });

	if (p.exposeHeaders.length) calls.push({ code: `.exposedHeaders(${args(p.exposeHeaders)})` });
	if (credentials) calls.push({ code: '.allowCredentials(true)' });
	if (p.maxAge !== null) calls.push({ code: `.maxAge(${p.maxAge})` });
	else calls.push({ code: '.maxAge(5)', after: 'Spring would send 1800; browsers assume 5 s when the policy sends none' });

	if (p.preflightStatus !== 200) warnings.push(warn.preflightStatus(P, 200, p));
	warnings.push(
		`Spring answers 403 "Invalid CORS request" to ${Array.isArray(p.origins) ? 'requests from origins the policy does not allow and to ' : ''}preflights asking for a method or header it does not list; the policy answers those without CORS headers and lets the browser refuse, so browsers block them either way`,
	);
	if (!p.vary && p.origins !== '*') warnings.push('Spring always sends Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers; the policy\'s "vary": false is not reproduced');
	notes.push('Spring also sends Access-Control-Expose-Headers on preflights and Vary on every response; browsers ignore the first, and the second only keeps caches apart.');

	const text = [
		commentLines('//', [
			'CorsConfig.java: Spring MVC CORS for this policy (Spring Framework 5.3+ / Spring Boot 2.4+).',
			'Put it in a package your @SpringBootApplication scans, e.g. src/main/java/com/example/config/,',
			'and change the package line to match. With Spring Security, also enable http.cors() so its',
			'filter chain hands preflights to this configuration.',
			'',
			'Policy (generated by cors-tutor):',
			...policySummary(p).map((l) => `  ${l}`),
			'',
			'Where Spring differs from the policy:',
			...warnings.flatMap((w) => bullet(`${w}.`)),
			...notes.flatMap((n) => bullet(n)),
		]),
		'',
		'package com.example.config;',
		'',
		'import org.springframework.context.annotation.Configuration;',
		'import org.springframework.web.servlet.config.annotation.CorsRegistry;',
		'import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;',
		'',
		'@Configuration',
		'public class CorsConfig implements WebMvcConfigurer {',
		'',
		'\t@Override',
		'\tpublic void addCorsMappings(CorsRegistry registry) {',
		'\t\tregistry.addMapping("/**")',
		...chain(calls, '\t\t\t'),
		'\t}',
		'}',
		'',
	].join('\n');
	return { text, warnings };
}

export const springTarget: Target = {
	id: 'spring',
	name: 'Spring Boot (WebMvcConfigurer)',
	summary: 'CorsConfig.java: a @Configuration WebMvcConfigurer with CorsRegistry mappings',
	fileName: 'CorsConfig.java',
	demo: null,
	generate,
};
