// ASP.NET Core: AddCors with one named policy and UseCors, in a minimal Program.cs. The CORS
// middleware skips requests without Origin and adds Vary: Origin only for several origins or a
// custom check, so a small middleware puts Vary on every response, as the policy does.

import type { Policy } from '../policy/model.js';
import { dependsOnOrigin } from '../policy/model.js';
import { bullet, commentLines, exactOrigins, originPatternRegex, patternComment, policySummary, quoted, subdomainRules, warn } from './policy-notes.js';
import type { Generated, Target } from './types.js';

const P = 'ASP.NET Core';
const args = (xs: readonly string[]) => xs.map(quoted).join(', ');

/** A C# verbatim string (backslashes are literal); the regex is built from validated DNS labels. */
function verbatim(s: string): string {
	if (!/^[\x20-\x7e]*$/.test(s) || s.includes('"')) throw new Error(`refusing to put ${JSON.stringify(s)} into generated code`);
	return `@"${s}"`;
}

function generate(p: Policy): Generated {
	const warnings: string[] = [];
	const builder: string[] = [];
	const before: string[] = [];
	let credentials = p.credentials;
	let usesRegex = false;

	if (p.origins === '*') {
		builder.push('.AllowAnyOrigin()');
		warnings.push(warn.noOriginStar(P));
		if (p.credentials) {
			credentials = false;
			warnings.push(warn.starCredentials(P));
		}
	} else if (p.origins === 'reflect') builder.push('.SetIsOriginAllowed(_ => true) // echoes any Origin back');
	else {
		const exact = exactOrigins(p.origins);
		const patterns = subdomainRules(p.origins);
		if (!patterns.length) builder.push(`.WithOrigins(${args(exact)})${exact.length ? '' : ' // none: every cross-origin request is refused'}`);
		else {
			usesRegex = true;
			before.push(
				`var allowedOrigins = new HashSet<string>(StringComparer.Ordinal) { ${args(exact)} };`,
				...patternComment(patterns).map((l) => `// ${l}`),
				'var originPatterns = new[]',
				'{',
				...patterns.map((r) => `    new Regex(${verbatim(originPatternRegex(r, '\\z'))}, RegexOptions.CultureInvariant),`),
				'};',
				'',
			);
			builder.push('.SetIsOriginAllowed(origin => allowedOrigins.Contains(origin) || originPatterns.Any(p => p.IsMatch(origin)))');
		}
	}

	if (p.methods.includes('*')) {
		builder.push('.AllowAnyMethod()');
		if (credentials) warnings.push(warn.echoesStarMethods(P));
	} else builder.push(`.WithMethods(${args(p.methods)})`);

	if (p.allowHeaders === 'mirror') builder.push('.AllowAnyHeader() // echoes the requested headers');
	else if (p.allowHeaders === '*') {
		builder.push('.AllowAnyHeader()');
		if (credentials) warnings.push(warn.echoesStarHeaders(P));
	} else if (p.allowHeaders.length) builder.push(`.WithHeaders(${args(p.allowHeaders)})`);

	if (p.exposeHeaders.length) builder.push(`.WithExposedHeaders(${args(p.exposeHeaders)})`);
	if (credentials) builder.push('.AllowCredentials()');
	if (p.maxAge !== null) builder.push(`.SetPreflightMaxAge(TimeSpan.FromSeconds(${p.maxAge}))`);
	if (p.preflightStatus !== 204) warnings.push(warn.preflightStatus(P, 204, p));
	if (!p.vary && dependsOnOrigin(p))
		warnings.push('ASP.NET Core adds Vary: Origin itself when several origins or a custom origin check are configured; there the policy\'s "vary": false is not reproduced');

	const varyNames = [...(p.vary && dependsOnOrigin(p) ? ['Origin'] : [])];
	const mirrorVary = p.vary && p.allowHeaders === 'mirror';
	const varyMiddleware =
		varyNames.length || mirrorVary
			? [
				'// Vary on every response, also those to requests without Origin, which the CORS middleware',
				'// skips: a cache must not hand one origin\'s answer to another. Runs after the CORS',
				'// middleware has set its headers, and names each header once.',
				'app.Use(async (context, next) =>',
				'{',
				'    context.Response.OnStarting(() =>',
				'    {',
				...(varyNames.length ? ['        AddVary(context.Response, "Origin");'] : []),
				...(mirrorVary
					? [
						'        if (HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.ContainsKey("Access-Control-Request-Method"))',
						'            AddVary(context.Response, "Access-Control-Request-Headers");',
					]
					: []),
				'        return Task.CompletedTask;',
				'    });',
				'    await next(context);',
				'});',
				'',
			]
			: [];
	const addVary = varyMiddleware.length
		? [
			'',
			'static void AddVary(HttpResponse response, string name)',
			'{',
			'    var tokens = response.Headers.Vary.ToString().Split(\',\', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);',
			'    if (!tokens.Any(t => t == "*" || t.Equals(name, StringComparison.OrdinalIgnoreCase)))',
			'        response.Headers.Append("Vary", name);',
			'}',
		]
		: [];

	const text = [
		commentLines('//', [
			'Program.cs: ASP.NET Core CORS for this policy (.NET 6+, minimal hosting).',
			'Merge it into your Program.cs: AddCors before builder.Build(); UseCors after UseRouting (if',
			'you call it) and before UseAuthentication, UseAuthorization and your endpoints.',
			'',
			'Policy (generated by cors-tutor):',
			...policySummary(p).map((l) => `  ${l}`),
			...(warnings.length ? ['', 'Where ASP.NET Core differs from the policy:', ...warnings.flatMap((w) => bullet(`${w}.`))] : []),
		]),
		...(usesRegex ? ['', 'using System.Text.RegularExpressions;'] : []),
		'',
		'var builder = WebApplication.CreateBuilder(args);',
		'',
		...before,
		'builder.Services.AddCors(options =>',
		'{',
		'    options.AddPolicy("CorsPolicy", policy => policy',
		...builder.map((b, i) => {
			const [code, comment] = b.split(' // ');
			return `        ${code}${i === builder.length - 1 ? ');' : ''}${comment ? ` // ${comment}` : ''}`;
		}),
		'});',
		'',
		'var app = builder.Build();',
		'',
		...varyMiddleware,
		'app.UseCors("CorsPolicy");',
		'',
		'// ... your endpoints, e.g. app.MapControllers();',
		'',
		'app.Run();',
		...addVary,
		'',
	].join('\n');
	return { text, warnings };
}

export const aspnetTarget: Target = {
	id: 'aspnet',
	name: 'ASP.NET Core',
	summary: 'Program.cs: AddCors with a named policy and UseCors, plus Vary on every response',
	fileName: 'Program.cs',
	demo: null,
	generate,
};
