// Go net/http, standard library only: a middleware func that wraps any http.Handler. Go has no
// CORS package in the standard library, so the middleware is the whole implementation and it
// follows the policy model exactly (Vary is added with Header().Add so other values survive).

import type { Policy } from '../policy/model.js';
import { assertSafeForApps, commentLines, joined, lookalikes, originPlan, patternRegex, policySummary, q, varyWarning } from './app-shared.js';
import type { GenerateOptions, Generated, Target } from './types.js';

/** A Go raw string literal when possible (patterns never contain a backquote), else quoted. */
const goRegexLiteral = (s: string): string => (s.includes('`') ? q(s) : `\`${s}\``);

function middleware(p: Policy): string {
	const plan = originPlan(p);
	const out: string[] = [];
	if (plan.mode === 'list') {
		out.push('// corsAllowedOrigins are matched exactly (a browser sends the serialized origin).');
		if (plan.exact.length) {
			out.push('var corsAllowedOrigins = map[string]bool{');
			const width = Math.max(...plan.exact.map((o) => q(o).length));
			for (const o of plan.exact) out.push(`\t${q(o)}:${' '.repeat(width - q(o).length + 1)}true,`); // aligned as gofmt does
			out.push('}', '');
		} else out.push('var corsAllowedOrigins = map[string]bool{}', '');
	}
	if (plan.patterns.length) {
		out.push('// corsAllowedOriginPatterns: "*." stands for one or more whole subdomain labels, anchored at both');
		out.push(`// ends, so ${lookalikes(plan)} never match.`);
		out.push('var corsAllowedOriginPatterns = []*regexp.Regexp{');
		for (const r of plan.patterns) out.push(`\t// ${r.text}`, `\tregexp.MustCompile(${goRegexLiteral(patternRegex(r))}),`);
		out.push('}', '');
		out.push('func corsOriginAllowed(origin string) bool {');
		out.push('\tif corsAllowedOrigins[origin] {', '\t\treturn true', '\t}');
		out.push('\tfor _, re := range corsAllowedOriginPatterns {', '\t\tif re.MatchString(origin) {', '\t\t\treturn true', '\t\t}', '\t}');
		out.push('\treturn false', '}', '');
	}
	const status = p.preflightStatus === 204 ? 'http.StatusNoContent' : 'http.StatusOK';
	out.push('// cors answers CORS preflights itself and adds the CORS headers to every other response.');
	out.push('func cors(next http.Handler) http.Handler {');
	out.push('\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {');
	out.push('\t\th := w.Header()');
	out.push('\t\t// A preflight is an OPTIONS request that carries Access-Control-Request-Method;');
	out.push('\t\t// any other OPTIONS request is an ordinary request for the handler.');
	out.push('\t\tpreflight := r.Method == http.MethodOptions && len(r.Header.Values("Access-Control-Request-Method")) > 0');
	const dependsOnOrigin = plan.mode !== '*';
	if (dependsOnOrigin) {
		out.push('\t\t// The answer depends on Origin, so caches must key on it: Add, not Set, keeps the other Vary values.');
		out.push('\t\th.Add("Vary", "Origin")');
	}
	if (p.allowHeaders === 'mirror') out.push('\t\tif preflight {', '\t\t\th.Add("Vary", "Access-Control-Request-Headers")', '\t\t}');
	let ind = '\t\t';
	if (plan.mode === '*') {
		out.push(`${ind}h.Set("Access-Control-Allow-Origin", "*")`);
	} else {
		out.push(`${ind}origin, sent := r.Header["Origin"]`);
		const cond = plan.mode === 'reflect' ? 'sent' : plan.patterns.length ? 'sent && corsOriginAllowed(origin[0])' : 'sent && corsAllowedOrigins[origin[0]]';
		if (plan.mode === 'reflect') out.push(`${ind}// Every origin is allowed: it is echoed back.`);
		out.push(`${ind}if ${cond} {`);
		ind += '\t';
		out.push(`${ind}h.Set("Access-Control-Allow-Origin", origin[0])`);
	}
	if (p.credentials) out.push(`${ind}h.Set("Access-Control-Allow-Credentials", "true")`);
	const pre: string[] = p.methods.length ? [`h.Set("Access-Control-Allow-Methods", ${q(joined(p.methods))})`] : [];
	if (p.allowHeaders === 'mirror') {
		pre.push('if asked := strings.Join(r.Header.Values("Access-Control-Request-Headers"), ", "); asked != "" {', '\th.Set("Access-Control-Allow-Headers", asked)', '}');
	} else {
		const allow = p.allowHeaders === '*' ? '*' : joined(p.allowHeaders);
		if (allow) pre.push(`h.Set("Access-Control-Allow-Headers", ${q(allow)})`);
	}
	if (p.maxAge !== null) pre.push(`h.Set("Access-Control-Max-Age", ${q(String(p.maxAge))})`);
	const expose = p.exposeHeaders.length ? [`h.Set("Access-Control-Expose-Headers", ${q(joined(p.exposeHeaders))})`] : [];
	if (pre.length) {
		out.push(`${ind}if preflight {`, ...pre.map((l) => `${ind}\t${l}`));
		if (expose.length) out.push(`${ind}} else {`, ...expose.map((l) => `${ind}\t${l}`));
		out.push(`${ind}}`);
	} else if (expose.length) out.push(`${ind}if !preflight {`, ...expose.map((l) => `${ind}\t${l}`), `${ind}}`);
	if (plan.mode !== '*') out.push('\t\t}');
	out.push('\t\tif preflight {');
	out.push(`\t\t\tw.WriteHeader(${status})`);
	out.push('\t\t\treturn');
	out.push('\t\t}');
	out.push('\t\tnext.ServeHTTP(w, r)');
	out.push('\t})');
	out.push('}');
	return out.join('\n');
}

function imports(p: Policy, demo: boolean): string {
	const list = [...(demo ? ['fmt', 'log'] : []), 'net/http', ...(originPlan(p).patterns.length ? ['regexp'] : []), ...(p.allowHeaders === 'mirror' ? ['strings'] : [])];
	return `import (\n${list.map((i) => `\t${q(i)}`).join('\n')}\n)`;
}

function generate(p: Policy, options: GenerateOptions = {}): Generated {
	assertSafeForApps(p, 'Go net/http');
	const warnings = varyWarning(p);
	const head = [
		'CORS for Go net/http (standard library only), generated by cors-tutor.',
		...policySummary(p),
		...warnings.map((w) => `WARNING: ${w}`),
	];
	if (!options.demo) {
		const text = [
			commentLines([...head, '', 'Add this file to your main package and wrap your handler (the router or mux), so that', 'preflights are answered before routing and error responses carry the headers too:', '    http.ListenAndServe(addr, cors(mux))'], '//'),
			'',
			'package main',
			'',
			imports(p, false),
			'',
			middleware(p),
			'',
		].join('\n');
		return { text, warnings };
	}
	const { port } = options.demo;
	const text = [
		commentLines([...head, '', 'A standalone demo server on 127.0.0.1:' + port + '. Start it with:', '    GOPROXY=off go build -o corsd main.go && ./corsd'], '//'),
		'',
		'package main',
		'',
		imports(p, true),
		'',
		middleware(p),
		'',
		'func main() {',
		'\tmux := http.NewServeMux()',
		'\tfor _, code := range []int{http.StatusNotFound, http.StatusInternalServerError} {',
		'\t\tcode := code',
		'\t\tmux.HandleFunc(fmt.Sprintf("/status/%d", code), func(w http.ResponseWriter, r *http.Request) {',
		'\t\t\thttp.Error(w, http.StatusText(code), code)',
		'\t\t})',
		'\t}',
		'\tmux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {',
		'\t\tw.Header().Set("Content-Type", "text/plain")',
		'\t\tw.Write([]byte("ok"))',
		'\t})',
		`\tlog.Println("listening on http://127.0.0.1:${port}")`,
		`\tlog.Fatal(http.ListenAndServe("127.0.0.1:${port}", cors(mux)))`,
		'}',
		'',
	].join('\n');
	return { text, warnings };
}

export const goTarget: Target = {
	id: 'go',
	name: 'Go net/http',
	summary: 'A net/http middleware func (standard library only); wrap your handler with cors(...)',
	fileName: 'cors.go',
	demo: {
		file: 'main.go',
		command: ['sh', '-c', 'go build -o corsd main.go && exec ./corsd'],
		// Build offline, with the caches inside the demo's folder (works for any user, no $HOME needed).
		env: { GOPROXY: 'off', GOCACHE: '{dir}/gocache', GOPATH: '{dir}/gopath' },
		needs: { apt: ['golang-go'] },
	},
	generate,
};
