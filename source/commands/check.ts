// `cors-tutor check <url> --origin <origin>`: send the requests a modelled browser would
// send, over the real network, and let the browser model judge the real answers.

import { isToken } from '../core/headers.js';
import { BROWSER_IDS, PROFILES, isBrowserId } from '../core/profiles/index.js';
import { CREDENTIALS_MODES, type CredentialsMode, REQUEST_MODES, type RequestMode } from '../core/request.js';
import { buildReport, EXIT_FOR } from '../check/report.js';
import { renderCheckText } from '../check/render.js';
import { parseHeaderFlag, parseTimeout } from '../cli/values.js';
import { fromCurl } from '../check/curl.js';
import { curlSummary, renderCurlSummary } from '../check/curl-summary.js';
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
	method: { type: 'string', shortFlag: 'X', value: 'METHOD', description: 'The fetch() method (default GET)' },
	header: { type: 'string', shortFlag: 'H', isMultiple: true, value: '"NAME: VALUE"', description: 'A request header the page sets; repeat for more' },
	body: { type: 'string', value: 'TEXT', description: 'A request body (a string, as fetch() sends it: text/plain unless you set Content-Type)' },
	credentials: { type: 'string', choices: CREDENTIALS_MODES, description: 'fetch() credentials mode (default same-origin; include = cookies and auth)' },
	cookie: { type: 'string', isMultiple: true, description: 'A cookie your browser holds for the URL, "name=value" (repeatable); sent when the request carries credentials' },
	mode: { type: 'string', choices: REQUEST_MODES, description: 'fetch() request mode (default cors)' },
	browser: { type: 'string', choices: BROWSER_IDS, description: 'Which browser to model (default chromium; after curl, the one its User-Agent names)' },
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
    $ cors-tutor check curl 'https://api.example.com/items' -H 'origin: https://app.example.com' -H 'content-type: application/json' --data-raw '{"a":1}'

  Usage
    $ cors-tutor check <url> --origin <origin> [options]
    $ cors-tutor check [options] curl <the curl command>

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

  From a curl command: in DevTools' Network panel, right-click the failing request,
  "Copy as cURL", then type cors-tutor check and paste it (check's own options go
  before curl). The page's origin comes from the Origin header (or the Referer), the
  credentials mode from the cookies sent, the mode from Sec-Fetch-Mode and the browser
  from User-Agent; headers the browser adds itself (User-Agent, Sec-*, Accept: */*, …) are
  left to the model. A command that "works in curl" is checked the same way: add
  -H 'Origin: https://your.page' to say where the page is.
`;

interface Flags {
	origin?: string;
	method?: string;
	header?: string[];
	body?: string;
	credentials?: string;
	cookie?: string[];
	mode?: string;
	browser?: string;
	timeout: string;
	insecure?: boolean;
	allHeaders?: boolean;
	json?: boolean;
	color?: boolean;
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

/** Where `curl` starts in check's arguments (not as the value of one of check's own flags), or -1. */
export function curlAt(argv: readonly string[]): number {
	const valued = new Set(Object.entries(FLAGS).flatMap(([k, f]) => (f.type === 'boolean' ? [] : [`--${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`, ...('shortFlag' in f ? [`-${f.shortFlag}`] : [])])));
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i] as string;
		if (a === '--') return -1;
		if (a === 'curl') return i;
		if (valued.has(a)) i++;
	}
	return -1;
}

/** The request a curl command describes, with check's own flags over what it says. */
function curlRequest(flags: Flags, input: readonly string[], words: readonly string[]) {
	if (input.length) throw new UsageError(`give the URL once, in the curl command (not also ${shown(input.join(' '))})`, "example: cors-tutor check curl 'https://api.example.com/items' -H 'Origin: https://app.example.com'");
	for (const f of ['method', 'header', 'body'] as const) {
		if (flags[f] !== undefined && !(Array.isArray(flags[f]) && flags[f].length === 0)) throw new UsageError(`--${f} cannot be combined with a curl command: it says the ${f === 'header' ? 'headers' : f} itself`, 'put it in the curl command, or drop it');
	}
	const c = fromCurl(words);
	const origin = flags.origin ?? c.origin?.value;
	if (origin === undefined) {
		throw new UsageError('the curl command has no Origin or Referer header, so the page\'s origin is unknown', 'give it: cors-tutor check --origin https://app.example.com curl … (DevTools copies Origin for cross-origin requests)');
	}
	return { c, origin };
}

export async function check(argv: readonly string[], version: string): Promise<number> {
	const at = curlAt(argv);
	const cli = parseCommand('check', HELP, FLAGS, at < 0 ? argv : argv.slice(0, at), version);
	const flags = cli.flags as unknown as Flags;
	const fromCommand = at < 0 ? undefined : curlRequest(flags, cli.input, argv.slice(at + 1));
	const c = fromCommand?.c;
	const url = validUrl(c ? [c.url] : cli.input);
	const origin = validOrigin(fromCommand?.origin ?? flags.origin);
	const method = c?.method ?? flags.method ?? 'GET';
	if (!isToken(method)) throw new UsageError(`${c ? 'the curl command\'s method' : '--method'} "${shown(method)}" is not an HTTP method (a token: letters, digits and !#$%&'*+-.^_\`|~)`, 'example: -X PUT');
	const headers = c ? [...c.headers] : (flags.header ?? []).map(parseHeaderFlag);
	// Cookies sent mean the page asked for them: credentials "include" (a cross-origin fetch sends none otherwise).
	const credentials = choice<CredentialsMode>('credentials', flags.credentials ?? (c?.cookie ? 'include' : 'same-origin'), CREDENTIALS_MODES);
	const mode = choice<RequestMode>('mode', flags.mode ?? c?.mode ?? 'cors', REQUEST_MODES);
	const browser = flags.browser ?? c?.browser ?? 'chromium';
	if (!isBrowserId(browser)) throw new UsageError(`--browser must be one of ${BROWSER_IDS.join(', ')}, not "${shown(browser)}"`);
	const timeoutMs = parseTimeout(flags.timeout);
	for (const k of flags.cookie ?? []) if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+=[^;\u0000-\u001f\u007f]*$/.test(k)) throw new UsageError(`--cookie "${shown(k)}" is not one cookie "name=value"`, 'example: --cookie "session=abc123" (repeat the flag for more)');
	const cookies = [...(c?.cookie ? [c.cookie] : []), ...(flags.cookie ?? [])];
	const cookie = cookies.length ? cookies.join('; ') : undefined;

	const init = { url, method, headers, body: c ? c.body : (flags.body ?? null), credentials, mode };
	const run = await runCheck(PROFILES[browser], pageFor(origin), init, { timeoutMs, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, insecure: flags.insecure === true || c?.insecure === true, ...(cookie ? { cookie } : {}) });
	const report = buildReport(run, cookie);
	const curl = c && curlSummary(c, { origin, credentials, mode, browser, flags });
	if (flags.json) {
		process.stdout.write(`${terminalSafeJson(curl ? { curl, ...report } : report)}\n`);
	} else {
		const style = colorEnabled({ flag: flags.color, isTTY: process.stdout.isTTY === true, env: process.env }) ? ANSI : PLAIN;
		// Wrapped on a terminal only: piped lines stay whole for grep and for pasting the console line.
		const width = process.stdout.isTTY && process.stdout.columns ? Math.max(60, process.stdout.columns) : Number.POSITIVE_INFINITY;
		const head = curl ? `${renderCurlSummary(curl, { style, width })}\n\n` : '';
		process.stdout.write(`${head}${renderCheckText(report, { style, width, allHeaders: flags.allHeaders })}\n`);
	}
	return EXIT_FOR[report.verdict];
}
