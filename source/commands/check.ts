// `cors-tutor check <url> --origin <origin>`: send the requests a modelled browser would
// send, over the real network, and let the browser model judge the real answers.

import { type Header, isToken } from '../core/headers.js';
import { BROWSER_IDS, PROFILES, isBrowserId } from '../core/profiles/index.js';
import { CREDENTIALS_MODES, type CredentialsMode, REQUEST_MODES, type RequestMode } from '../core/request.js';
import { buildReport, EXIT_FOR } from '../check/report.js';
import { renderCheckText } from '../check/render.js';
import { pageFor, runCheck } from '../check/run.js';
import { parseCommand } from '../cli/parse.js';
import { type FlagSpec, UsageError, flagHelp } from '../cli/usage.js';
import { DEFAULT_MAX_BODY_BYTES } from '../net/http.js';
import { parseOriginRule } from '../policy/model.js';
import { ANSI, PLAIN, colorEnabled } from '../render/color.js';
import { escapeControl, terminalSafeJson } from '../render/escape.js';

/** User input echoed in an error message, made safe to print. */
const shown = (s: string): string => escapeControl(s, true);

const FLAGS = {
	origin: { type: 'string', value: 'ORIGIN', description: 'The origin of the page that calls fetch() (required), e.g. https://app.example.com, or null' },
	method: { type: 'string', shortFlag: 'X', default: 'GET', value: 'METHOD', description: 'The fetch() method (default GET)' },
	header: { type: 'string', shortFlag: 'H', isMultiple: true, value: '"NAME: VALUE"', description: 'A request header the page sets; repeat for more' },
	body: { type: 'string', value: 'TEXT', description: 'A request body (a string, as fetch() sends it: text/plain unless you set Content-Type)' },
	credentials: { type: 'string', default: 'same-origin', choices: CREDENTIALS_MODES, description: 'fetch() credentials mode (default same-origin; include = cookies and auth)' },
	cookie: { type: 'string', isMultiple: true, description: 'A cookie your browser holds for the URL, "name=value" (repeatable); sent when the request carries credentials' },
	mode: { type: 'string', default: 'cors', choices: REQUEST_MODES, description: 'fetch() request mode (default cors)' },
	browser: { type: 'string', default: 'chromium', choices: BROWSER_IDS, description: 'Which browser to model (default chromium)' },
	timeout: { type: 'string', default: '10', value: 'SECONDS', description: 'Give up on a request after this long (default 10; "500ms" works too)' },
	insecure: { type: 'boolean', description: 'Accept any TLS certificate (self-signed dev servers; a browser would refuse)' },
	allHeaders: { type: 'boolean', description: "Show every request header, including the browser's routine ones" },
	json: { type: 'boolean', description: 'Print the exchanges, verdict, console and fix as JSON' },
	color: { type: 'boolean', description: 'Use --no-color for plain output (NO_COLOR is honoured too)' },
} satisfies Record<string, FlagSpec>;

export const HELP = `
  Send the requests a browser would send to a real server, and see whether the
  browser lets the page read the answer: each exchange, the verdict, the exact
  console message, and the fix.

  Examples
    $ cors-tutor check https://api.example.com/items --origin https://app.example.com
    $ cors-tutor check https://api.example.com/items --origin https://app.example.com -X PUT -H "Content-Type: application/json" --body '{"a":1}'
    $ cors-tutor check https://api.example.com/me --origin https://app.example.com --credentials include --cookie "session=abc123"
    $ cors-tutor check http://localhost:3000/api --origin http://localhost:5173 --json | jq .verdict

  Usage
    $ cors-tutor check <url> --origin <origin> [options]

  Options
${flagHelp(FLAGS)}

  Sends the preflight (when the browser would need one) and the request, with the
  headers the modelled browser puts on the wire, and follows redirects as it would.
  Cookies: a browser sends the ones it holds for the URL when the request carries
  credentials (--credentials include, or same-origin to the page's own origin), never on a
  preflight. Give them with --cookie "session=…" to check a logged-in request; only their
  names are printed. (A cross-site request gets only SameSite=None cookies.) -H "Cookie: …"
  is dropped, as fetch() drops it. Responses are read up to
  ${DEFAULT_MAX_BODY_BYTES / 1024} KiB; control characters from the server are shown escaped.
  Exit codes: 0 allowed, 1 blocked, 2 usage error, 3 network failure (no HTTP answer).
`;

interface Flags {
	origin?: string;
	method: string;
	header?: string[];
	body?: string;
	credentials: string;
	cookie?: string[];
	mode: string;
	browser: string;
	timeout: string;
	insecure?: boolean;
	allHeaders?: boolean;
	json?: boolean;
	color?: boolean;
}

/** "10", "2.5", "10s" or "500ms" → milliseconds. */
export function parseTimeout(s: string): number {
	const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s)?$/.exec(s.trim());
	const ms = m ? Number(m[1]) * (m[2] === 'ms' ? 1 : 1000) : Number.NaN;
	if (!(ms > 0)) throw new UsageError(`--timeout must be a positive number of seconds, not "${shown(s)}"`, 'example: --timeout 5 (or --timeout 500ms)');
	if (ms > 3_600_000) throw new UsageError(`--timeout ${shown(s)} is more than an hour`, 'example: --timeout 30');
	return Math.ceil(ms);
}

/** `Name: value` as curl writes it. */
export function parseHeaderFlag(s: string): Header {
	const colon = s.indexOf(':');
	const example = 'example: -H "Content-Type: application/json"';
	if (colon < 0) throw new UsageError(`--header "${shown(s)}" has no colon: write "Name: value"`, example);
	const name = s.slice(0, colon);
	const value = s.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
	if (!isToken(name)) throw new UsageError(`--header "${shown(s)}": "${shown(name)}" is not a header name (letters, digits and !#$%&'*+-.^_\`|~, no spaces)`, example);
	// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters
	if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) throw new UsageError(`--header ${shown(name)}: the value contains a control character (line break, NUL, escape…)`, example);
	return [name, value];
}

function validUrl(input: readonly string[]): string {
	const example = 'example: cors-tutor check https://api.example.com/items --origin https://app.example.com';
	if (input.length === 0) throw new UsageError('name the URL to check', example);
	if (input.length > 1) throw new UsageError(`check takes one URL, got ${input.length}: ${shown(input.join(' '))}`, 'quote a URL that contains spaces or &');
	const raw = input[0] as string;
	let u: URL;
	try {
		u = new URL(raw);
	} catch {
		throw new UsageError(`"${shown(raw)}" is not a URL`, `write it whole, with http:// or https://; ${example}`);
	}
	if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`"${shown(raw)}" is a ${shown(u.protocol)} URL; check sends http: and https: requests only`, example);
	return raw;
}

function validOrigin(origin: string | undefined): string {
	if (origin === undefined || origin === '') throw new UsageError('--origin is required: the origin of the page that calls fetch()', 'example: --origin https://app.example.com (or --origin null for a sandboxed page)');
	const r = parseOriginRule(origin);
	if ('error' in r) throw new UsageError(`--origin: ${shown(r.error)}`);
	if (r.kind !== 'exact') throw new UsageError(`--origin: give one exact origin, not a pattern ("${shown(origin)}")`, 'example: --origin https://app.example.com');
	return r.origin;
}

function choice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
	if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${choices.join(', ')}, not "${shown(value)}"`);
	return value as T;
}

export async function check(argv: readonly string[], version: string): Promise<number> {
	const cli = parseCommand('check', HELP, FLAGS, argv, version);
	const flags = cli.flags as unknown as Flags;
	const url = validUrl(cli.input);
	const origin = validOrigin(flags.origin);
	if (!isToken(flags.method)) throw new UsageError(`--method "${shown(flags.method)}" is not an HTTP method (a token: letters, digits and !#$%&'*+-.^_\`|~)`, 'example: -X PUT');
	const headers = (flags.header ?? []).map(parseHeaderFlag);
	const credentials = choice<CredentialsMode>('credentials', flags.credentials, CREDENTIALS_MODES);
	const mode = choice<RequestMode>('mode', flags.mode, REQUEST_MODES);
	if (!isBrowserId(flags.browser)) throw new UsageError(`--browser must be one of ${BROWSER_IDS.join(', ')}, not "${shown(flags.browser)}"`);
	const timeoutMs = parseTimeout(flags.timeout);
	for (const c of flags.cookie ?? []) if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+=[^;\u0000-\u001f\u007f]*$/.test(c)) throw new UsageError(`--cookie "${shown(c)}" is not one cookie "name=value"`, 'example: --cookie "session=abc123" (repeat the flag for more)');
	const cookie = flags.cookie?.length ? flags.cookie.join('; ') : undefined;

	const init = { url, method: flags.method, headers, body: flags.body ?? null, credentials, mode };
	const run = await runCheck(PROFILES[flags.browser], pageFor(origin), init, { timeoutMs, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, insecure: flags.insecure === true, ...(cookie ? { cookie } : {}) });
	const report = buildReport(run, cookie);
	if (flags.json) {
		process.stdout.write(`${terminalSafeJson(report)}\n`);
	} else {
		const style = colorEnabled({ flag: flags.color, isTTY: process.stdout.isTTY === true, env: process.env }) ? ANSI : PLAIN;
		// Wrapped on a terminal only: piped lines stay whole for grep and for pasting the console line.
		const width = process.stdout.isTTY && process.stdout.columns ? Math.max(60, process.stdout.columns) : Number.POSITIVE_INFINITY;
		process.stdout.write(`${renderCheckText(report, { style, width, allHeaders: flags.allHeaders })}\n`);
	}
	return EXIT_FOR[report.verdict];
}
