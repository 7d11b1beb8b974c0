// `cors-tutor audit <url | policy.json>`: send crafted Origin values derived from the site to a
// live URL, or ask a policy file the same questions offline, and report each scanner class
// (Corsy, CORScanner, PortSwigger) with severity, impact and fix. Exit 1 at --fail-on.

import { readFileSync } from 'node:fs';
import { parseCommand } from '../cli/parse.js';
import { type FlagSpec, UsageError, flagHelp } from '../cli/usage.js';
import { isToken } from '../core/headers.js';
import { type Header } from '../net/http.js';
import { InputError } from '../input/json.js';
import { parsePolicyText } from '../policy/schema.js';
import { SEVERITIES, type Severity } from '../audit/classes.js';
import { runAudit } from '../audit/engine.js';
import { type Site, siteOf } from '../audit/origins.js';
import { policyChange, policySites } from '../audit/policy.js';
import { type AuditReport, auditJson, exitCodeOf, renderAudit } from '../audit/render.js';
import { networkResponder, patternResponder, policyResponder } from '../audit/responders.js';
import { auditSarif } from '../audit/sarif.js';
import { ANSI, PLAIN, colorEnabled } from '../render/color.js';
import { terminalSafeJson } from '../render/escape.js';

const FLAGS = {
	origin: { type: 'string', value: 'ORIGIN', description: "Your front-end's origin; the crafted origins derive from it (default: the URL's, or the policy's)" },
	failOn: { type: 'string', default: 'high', choices: SEVERITIES, description: 'Exit 1 when a finding is at least this severe (default high)' },
	json: { type: 'boolean', description: 'Print the report as JSON (shape below)' },
	sarif: { type: 'boolean', description: 'Print the findings as SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps)' },
	method: { type: 'string', value: 'METHOD', description: 'URL: the method of the probes (default GET); the preflight asks for it (PUT for GET/HEAD/POST)' },
	header: { type: 'string', isMultiple: true, value: '"NAME: VALUE"', description: 'URL: add a request header to every probe, e.g. a Cookie (repeatable)' },
	timeout: { type: 'number', value: 'SECONDS', description: 'URL: time limit per request (default 10)' },
	insecure: { type: 'boolean', description: 'URL: accept any TLS certificate (self-signed test servers)' },
	regex: { type: 'string', value: 'PATTERN', description: "Audit an origin-matching regular expression from your server's configuration instead (needs --origin)" },
	credentials: { type: 'boolean', description: '--regex: whether the server sends Access-Control-Allow-Credentials: true (default yes; --no-credentials)' },
	color: { type: 'boolean', description: 'Use --no-color for plain output (NO_COLOR is honoured too)' },
} satisfies Record<string, FlagSpec>;

export const HELP = `
  Audit a CORS setup for the misconfigurations security scanners look for.

  Examples
    $ cors-tutor audit https://api.example.com/me --origin https://app.example.com
    $ cors-tutor audit https://api.example.com/me --header "Cookie: session=…" --json
    $ cors-tutor audit policy.json
    $ cors-tutor audit policy.json --fail-on medium       # in CI: exit 1 on medium or worse
    $ cors-tutor audit policy.json --sarif > cors.sarif   # for code scanning
    $ cors-tutor audit --regex '/example\\.com$/' --origin https://app.example.com

  Usage
    $ cors-tutor audit <http(s)://url | policy.json> [options]

  Options
${flagHelp(FLAGS)}

  A URL (http:// or https://) is probed live: the site's own origin, crafted origins derived
  from it (https://evil.com, https://app.example.com.evil.com, https://evilexample.com,
  https://app.examplexcom, null, http://app.example.com, https://evil.app.example.com,
  https://evil-cors-audit.github.io, https://app.example.com_.evil.com …) and one preflight.
  Anything else is a policy file (see cors-tutor generate), audited offline by the same
  probes against the policy model: nothing is sent.

  Classes: reflect-any-origin, substring-match, prefix-match, suffix-match, unescaped-dot,
  special-chars, null-origin, http-origin, any-subdomain, third-party-hosting,
  wildcard-credentials, missing-vary, max-age-above-caps. A finding that a broader one
  explains (a reflecting server admits null too) is listed as "covered", not counted.
  Severities: high (a site anyone can own reads answers with your users' cookies), medium
  (the same without cookies, or needing a network attacker or a subdomain), low, info.

  JSON: {target, sites, siteFrom, failOn, failed, counts, requests, failures, baseline,
  classes: [{id, title, severity, found, status, coveredBy, note, evidence, impact, fix,
  policyChange (policy files only)}]}; evidence: [{origin, method, status, allowOrigin,
  allowCredentials, admitted, credentials, vary, maxAge, error}]; status is found, covered,
  not-found, not-applicable or not-tested.

  Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (or an invalid
  policy file), 2 usage error, 3 the URL could not be reached at all.
`;

interface Flags {
	origin?: string;
	failOn: string;
	json?: boolean;
	sarif?: boolean;
	regex?: string;
	credentials?: boolean;
	method?: string;
	header?: string[];
	timeout?: number;
	insecure?: boolean;
	color?: boolean;
}

const URL_ONLY = ['method', 'header', 'timeout', 'insecure'] as const;

export async function audit(argv: readonly string[], version: string): Promise<number> {
	const cli = parseCommand('audit', HELP, FLAGS, argv, version);
	const flags = cli.flags as unknown as Flags;
	if (flags.regex !== undefined) return auditPattern(flags, cli.input, version);
	if (flags.credentials !== undefined) throw new UsageError('--credentials only applies with --regex (a URL or policy file says it itself)');
	if (cli.input.length !== 1) throw new UsageError(cli.input.length ? `audit takes one URL or policy file, got ${cli.input.length}` : 'name a URL or a policy file to audit', 'example: cors-tutor audit https://api.example.com/me --origin https://app.example.com');
	const failOn = flags.failOn as Severity;
	if (!SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, not "${flags.failOn}"`);
	const site = flags.origin === undefined ? null : siteOf(flags.origin);
	if (flags.origin !== undefined && !site) throw new UsageError(`--origin "${flags.origin}" is not an http(s) origin`, 'write it as the browser does: scheme://host[:port], no path or trailing slash, e.g. https://app.example.com');
	const arg = cli.input[0] as string;
	const style = colorEnabled({ flag: flags.color, isTTY: process.stdout.isTTY === true, env: process.env }) ? ANSI : PLAIN;
	const width = process.stdout.isTTY && process.stdout.columns ? Math.max(60, process.stdout.columns) : 100;
	if (flags.json && flags.sarif) throw new UsageError('--json and --sarif each print the whole report: choose one');
	const print = (r: AuditReport, policyText?: string) => {
		if (flags.sarif) process.stdout.write(`${terminalSafeJson(auditSarif(r, version, policyText))}\n`);
		else process.stdout.write(flags.json ? `${JSON.stringify(auditJson(r), null, 2)}\n` : `${renderAudit(r, style, width)}\n`);
		return exitCodeOf(r);
	};

	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) {
		const url = parseTarget(arg);
		const method = flags.method ?? 'GET';
		if (!isToken(method)) throw new UsageError(`--method "${method}" is not an HTTP method`, 'example: --method POST');
		const headers = (flags.header ?? []).map(parseHeader);
		const timeout = flags.timeout ?? 10;
		if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 600) throw new UsageError('--timeout is a number of seconds, more than 0 and at most 600');
		const sites = [site ?? (siteOf(url.origin) as Site)];
		const result = await runAudit(sites, networkResponder(url.href, { timeoutMs: Math.round(timeout * 1000), insecure: flags.insecure }), { method, headers });
		if (result.failures === result.requests) {
			const why = result.baseline[0]?.error ?? 'every request failed';
			process.stderr.write(`error: ${url.href} could not be reached: ${why}\n`);
			return 3;
		}
		return print({ ...result, target: { kind: 'url', url: url.href, method }, siteFrom: site ? 'flag' : 'url', failOn, changes: {} });
	}

	const given = URL_ONLY.find((k) => (k === 'header' ? flags.header?.length : flags[k] !== undefined));
	if (given && given !== 'method') throw new UsageError(`--${given} only applies to a URL audit; a policy file is audited offline`);
	const text = readPolicy(arg);
	const policy = parsePolicyText(text, arg);
	const derived = policySites(policy);
	const sites = site ? [site] : derived.sites;
	const result = await runAudit(sites, policyResponder(policy), { method: flags.method ?? 'GET' });
	const changes = Object.fromEntries(result.classes.map((c) => [c.id, policyChange(policy, c, result.sites) ?? undefined]));
	return print({ ...result, target: { kind: 'policy', file: arg }, siteFrom: site ? 'flag' : derived.assumed ? 'assumed' : 'policy', failOn, changes }, text);
}

/** "/pattern/flags" as written in JavaScript, or the bare pattern; only the i flag matters. */
export function parsePattern(text: string): RegExp {
	const literal = /^\/(.*)\/([a-z]*)$/s.exec(text);
	const [source, flags] = literal ? [literal[1] as string, literal[2] as string] : [text, ''];
	const unknown = [...flags].filter((f) => !'gimsuy'.includes(f));
	if (unknown.length) throw new UsageError(`--regex ${text}: unknown flag${unknown.length > 1 ? 's' : ''} ${unknown.join('')}`, 'only i (case-insensitive, like nginx ~*) changes what matches an Origin');
	if (source === '') throw new UsageError('--regex: the pattern is empty', "example: --regex '^https://(www|app)\\.example\\.com$'");
	try {
		// Without g and y, test() keeps no state between calls.
		return new RegExp(source, [...new Set(flags.replace(/[gy]/g, ''))].join(''));
	} catch (e) {
		throw new UsageError(`--regex ${text} is not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
	}
}

/** Whether a regular expression has a "." outside escapes and character classes (one that matches any character). */
export function hasWildcardDot(source: string): boolean {
	let inClass = false;
	for (let i = 0; i < source.length; i++) {
		const c = source[i];
		if (c === '\\') i++;
		else if (inClass) inClass = c !== ']';
		else if (c === '[') inClass = true;
		else if (c === '.') return true;
	}
	return false;
}

async function auditPattern(flags: Flags, input: readonly string[], version: string): Promise<number> {
	if (input.length) throw new UsageError(`--regex audits the pattern alone: drop ${input.join(' ')}`, 'audit a URL or a policy file in a separate run');
	const given = URL_ONLY.find((k) => (k === 'header' ? flags.header?.length : flags[k] !== undefined));
	if (given) throw new UsageError(`--${given} only applies to a URL audit; a pattern is audited offline`);
	if (flags.origin === undefined) throw new UsageError('--regex needs --origin: the origin the pattern is meant to allow', "example: cors-tutor audit --regex '^https://app\\.example\\.com$' --origin https://app.example.com");
	const site = siteOf(flags.origin);
	if (!site) throw new UsageError(`--origin "${flags.origin}" is not an http(s) origin`, 'write it as the browser does: scheme://host[:port], no path or trailing slash, e.g. https://app.example.com');
	const pattern = parsePattern(flags.regex as string);
	const credentials = flags.credentials !== false;
	const failOn = flags.failOn as Severity;
	if (!SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, not "${flags.failOn}"`);
	if (flags.json && flags.sarif) throw new UsageError('--json and --sarif each print the whole report: choose one');
	// "unescaped-dot" needs a dot that matches any character; without one, its crafted origin got in another way.
	const result = await runAudit([site], patternResponder(pattern, credentials), { method: 'GET', impossible: hasWildcardDot(pattern.source) ? [] : ['unescaped-dot'] });
	const report: AuditReport = { ...result, target: { kind: 'pattern', pattern: flags.regex as string, credentials }, siteFrom: 'flag', failOn, changes: {} };
	if (!result.baseline.some((e) => e.admitted)) process.stderr.write(`warning: the pattern does not match ${site.origin} itself\n`);
	const style = colorEnabled({ flag: flags.color, isTTY: process.stdout.isTTY === true, env: process.env }) ? ANSI : PLAIN;
	const width = process.stdout.isTTY && process.stdout.columns ? Math.max(60, process.stdout.columns) : 100;
	if (flags.sarif) process.stdout.write(`${terminalSafeJson(auditSarif(report, version))}\n`);
	else process.stdout.write(flags.json ? `${JSON.stringify(auditJson(report), null, 2)}\n` : `${renderAudit(report, style, width)}\n`);
	return exitCodeOf(report);
}

function parseTarget(arg: string): URL {
	let url: URL;
	try {
		url = new URL(arg);
	} catch {
		throw new UsageError(`"${arg}" is not a valid URL`, 'example: https://api.example.com/me');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${url.protocol} URLs cannot be audited; use http:// or https://`);
	if (url.username || url.password) throw new UsageError('remove the user name and password from the URL; send credentials with --header "Authorization: …" instead');
	return url;
}

function parseHeader(s: string): Header {
	const i = s.indexOf(':');
	const name = i < 0 ? '' : s.slice(0, i).trim();
	const value = i < 0 ? '' : s.slice(i + 1).trim();
	if (!isToken(name) || /[\r\n\0]/.test(value)) throw new UsageError(`--header "${s}" is not "Name: value"`, 'example: --header "Cookie: session=abc"');
	if (name.toLowerCase() === 'origin') throw new UsageError('--header Origin: the audit sets Origin itself; name your front-end with --origin');
	return [name, value];
}

function readPolicy(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code ?? 'error';
		const hint = code === 'ENOENT' ? `no such file; to audit a URL, write it with http:// or https://` : code === 'EISDIR' ? 'this is a directory; name one policy file' : `cannot read it (${code})`;
		throw new InputError(file, [hint]);
	}
}
