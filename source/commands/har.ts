// `cors-tutor har <file.har>`: every cross-origin fetch in a HAR saved from DevTools, replayed
// through the browser model with the answers the browser recorded: which ones CORS blocked,
// why, and the fix. Offline: nothing is sent.

import { BROWSER_IDS, type BrowserId, isBrowserId } from '../core/profiles/index.js';
import { CREDENTIALS_MODES, type CredentialsMode } from '../core/request.js';
import { parseCommand } from '../cli/parse.js';
import { readInputFile } from '../cli/values.js';
import { type FlagSpec, UsageError, flagHelp } from '../cli/usage.js';
import { readHar } from '../har/read.js';
import { outcomeText, readOf, renderHarText, sanitizedNote, verdictOf } from '../har/render.js';
import { corsFetches, replayFetch } from '../har/replay.js';
import { InputError } from '../input/json.js';
import { ANSI, PLAIN, colorEnabled } from '../render/color.js';
import { escapeControl, terminalSafeJson } from '../render/escape.js';

const FLAGS = {
	url: { type: 'string', value: 'TEXT', description: 'Only the fetches whose URL contains TEXT' },
	credentials: { type: 'string', choices: CREDENTIALS_MODES, description: 'fetch() credentials mode of every fetch (default: include when cookies were sent, else same-origin)' },
	browser: { type: 'string', choices: BROWSER_IDS, description: 'Which browser to model (default: the one each request\'s User-Agent names, else chromium)' },
	all: { type: 'boolean', description: 'Show the whole report for allowed fetches too' },
	json: { type: 'boolean', description: 'Print {file, requests, counts, notes, fetches: [{entry, method, url, verdict, outcome, read, report}]} as JSON' },
	color: { type: 'boolean', description: 'Use --no-color for plain output (NO_COLOR is honoured too)' },
} satisfies Record<string, FlagSpec>;

export const HELP = `
  Find the CORS failures in a HAR file saved from the browser: each cross-origin
  fetch replayed through the browser model with the answers the browser recorded,
  its verdict, the exact console message, the cause and the fix. Nothing is sent.

  Examples
    $ cors-tutor har session.har
    $ cors-tutor har session.har --url /api/ --credentials include
    $ cors-tutor har session.har --json | jq '.fetches[] | select(.verdict == "blocked") | .outcome'

  Usage
    $ cors-tutor har <file.har> [options]

  Options
${flagHelp(FLAGS)}

  Save the file in Chrome or Firefox: open DevTools before the failing request, Network
  panel, reproduce the error, then "Export HAR" (Chrome: the download arrow; Firefox: the
  gear, "Save All As HAR"). Each fetch with an Origin header naming another origin is
  replayed: its preflight (a separate entry; when the browser answered it from its cache,
  the earlier preflight to the URL) and its redirect hops are answered from their entries. Chrome's default export is sanitized: it leaves out
  cookies, so a fetch made with credentials: "include" needs --credentials include.
  Exit codes: 0 nothing blocked, 1 a fetch is blocked, 2 usage error or unreadable file.
`;

interface Flags {
	url?: string;
	credentials?: string;
	browser?: string;
	all?: boolean;
	json?: boolean;
	color?: boolean;
}

const shown = (s: string): string => escapeControl(s, true);

export async function har(argv: readonly string[], version: string): Promise<number> {
	const cli = parseCommand('har', HELP, FLAGS, argv, version);
	const flags = cli.flags as unknown as Flags;
	if (cli.input.length !== 1) {
		throw new UsageError(cli.input.length ? `har reads one file, got ${cli.input.length}: ${shown(cli.input.join(' '))}` : 'name the HAR file to read', 'example: cors-tutor har session.har');
	}
	const file = cli.input[0] as string;
	if (flags.credentials !== undefined && !(CREDENTIALS_MODES as readonly string[]).includes(flags.credentials)) {
		throw new UsageError(`--credentials must be one of ${CREDENTIALS_MODES.join(', ')}, not "${shown(flags.credentials)}"`);
	}
	if (flags.browser !== undefined && !isBrowserId(flags.browser)) throw new UsageError(`--browser must be one of ${BROWSER_IDS.join(', ')}, not "${shown(flags.browser)}"`);
	const text = readInputFile(file, 'give the path of a .har file saved from DevTools');
	let entries: ReturnType<typeof readHar>;
	try {
		entries = readHar(text, file);
	} catch (e) {
		if (!(e instanceof InputError)) throw e;
		// Exit 1 means "a fetch is blocked" here, so a file that cannot be read is a usage error.
		for (const p of e.problems) process.stderr.write(`error: ${e.file}: ${p}\n`);
		return 2;
	}
	const fetches = corsFetches(entries).filter((f) => flags.url === undefined || f.entry.url.includes(flags.url));
	const options = {
		...(flags.credentials ? { credentials: flags.credentials as CredentialsMode } : {}),
		...(flags.browser ? { browser: flags.browser as BrowserId } : {}),
	};
	const results = [];
	for (const f of fetches) results.push(await replayFetch(entries, f, options));
	const readFlags = { ...(flags.credentials ? { credentials: flags.credentials } : {}), ...(flags.browser ? { browser: flags.browser } : {}) };
	if (flags.json) {
		const counts = { blocked: 0, allowed: 0, 'not-judged': 0 };
		for (const r of results) counts[verdictOf(r)]++;
		const json = {
			file,
			requests: entries.length,
			counts,
			notes: [sanitizedNote(results, readFlags)].filter((n) => n !== null),
			fetches: results.map((r) => ({
				entry: r.fetch.entry.index,
				method: r.fetch.entry.method,
				url: r.fetch.entry.url,
				verdict: verdictOf(r),
				outcome: outcomeText(r),
				read: readOf(r, readFlags),
				report: r.report,
			})),
		};
		process.stdout.write(`${terminalSafeJson(json)}\n`);
	} else {
		const style = colorEnabled({ flag: flags.color, isTTY: process.stdout.isTTY === true, env: process.env }) ? ANSI : PLAIN;
		const width = process.stdout.isTTY && process.stdout.columns ? Math.max(60, process.stdout.columns) : Number.POSITIVE_INFINITY;
		process.stdout.write(`${renderHarText(file, entries.length, results, { style, width, all: flags.all === true, flags: readFlags })}\n`);
	}
	return results.some((r) => verdictOf(r) === 'blocked') ? 1 : 0;
}
