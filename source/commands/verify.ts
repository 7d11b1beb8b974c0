// `cors-tutor verify <policy.json> <url>`: does the deployed server answer as the policy file
// says? Probes from allowed and refused origins, simple requests and preflights; every CORS
// header of every answer held to the policy model. For CI: exit 1 on any difference.

import { parseCommand } from '../cli/parse.js';
import { type FlagSpec, UsageError, flagHelp } from '../cli/usage.js';
import { lower } from '../core/headers.js';
import { InputError } from '../input/json.js';
import { parsePolicyText } from '../policy/schema.js';
import { ANSI, PLAIN, colorEnabled } from '../render/color.js';
import { escapeControl, terminalSafeJson } from '../render/escape.js';
import { verifyProbes } from '../verify/probes.js';
import { renderVerifyText, tally } from '../verify/render.js';
import { runVerify } from '../verify/run.js';
import { parseHeaderFlag, parseTimeout, readInputFile } from '../cli/values.js';

const FLAGS = {
	origin: { type: 'string', value: 'ORIGIN', description: "The page origin to test as the allowed one (default: the policy's first)" },
	header: { type: 'string', shortFlag: 'H', isMultiple: true, value: '"NAME: VALUE"', description: 'Add a header to every request but the preflights (as a browser would), e.g. an API key (repeatable)' },
	timeout: { type: 'string', default: '10', value: 'SECONDS', description: 'Time limit per request (default 10)' },
	insecure: { type: 'boolean', description: 'Accept any TLS certificate (self-signed test servers)' },
	json: { type: 'boolean', description: 'Print {url, policy, counts, probes: [{name, method, origin, status, cors, problems, error}]} as JSON' },
	color: { type: 'boolean', description: 'Use --no-color for plain output (NO_COLOR is honoured too)' },
} satisfies Record<string, FlagSpec>;

export const HELP = `
  Check that a deployed server answers CORS requests as a policy file says: the
  Access-Control-* headers and Vary: Origin of each answer, held to the policy model.

  Examples
    $ cors-tutor verify policy.json https://api.example.com/items
    $ cors-tutor verify policy.json http://localhost:3000/api --origin http://localhost:5173
    $ cors-tutor verify policy.json https://staging.example.com/api -H "Authorization: Bearer $TOKEN" --json

  Usage
    $ cors-tutor verify <policy.json> <url> [options]

  Options
${flagHelp(FLAGS)}

  Sends about a dozen requests, one at a time: GET from each allowed origin (up to three)
  and with no Origin; preflights asking for an allowed method and header, for a method the
  policy leaves out and for a header it does not allow; GET from one crafted origin per kind
  of broken origin check (the ones cors-tutor audit uses) and a preflight from one. Method
  and header lists compare as sets; a preflight's status only as 2xx or not.
  The policy file format: see cors-tutor generate --help.
  Exit codes: 0 the server agrees on every request, 1 it differs (or some requests got no
  answer), 2 usage error or invalid policy file, 3 no request got an answer.
`;

interface Flags {
	origin?: string;
	header?: string[];
	timeout: string;
	insecure?: boolean;
	json?: boolean;
	color?: boolean;
}

const shown = (s: string): string => escapeControl(s, true);

export async function verify(argv: readonly string[], version: string): Promise<number> {
	const cli = parseCommand('verify', HELP, FLAGS, argv, version);
	const flags = cli.flags as unknown as Flags;
	const example = 'example: cors-tutor verify policy.json https://api.example.com/items';
	if (cli.input.length !== 2) throw new UsageError(`verify takes a policy file and a URL, got ${cli.input.length === 0 ? 'neither' : shown(cli.input.join(' '))}`, example);
	const [file, url] = cli.input as [string, string];
	if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`"${shown(url)}" is not an http:// or https:// URL`, example);
	const headers = (flags.header ?? []).map(parseHeaderFlag);
	const own = headers.find(([k]) => ['origin', 'access-control-request-method', 'access-control-request-headers'].includes(lower(k)));
	if (own) throw new UsageError(`--header ${shown(own[0])}: verify sets that header itself, differently on each request`, 'use --origin to choose the allowed origin');
	const timeoutMs = parseTimeout(flags.timeout);
	const text = readInputFile(file, `the policy file comes first; ${example}`);
	let policy: ReturnType<typeof parsePolicyText>;
	try {
		policy = parsePolicyText(text, file);
	} catch (e) {
		if (!(e instanceof InputError)) throw e;
		// Exit 1 means "the server differs" here: an invalid policy file is a usage error.
		for (const p of e.problems) process.stderr.write(`error: ${e.file}: ${p}\n`);
		return 2;
	}
	if (flags.origin !== undefined && !/^https?:\/\/[^/]+$/.test(flags.origin)) throw new UsageError(`--origin "${shown(flags.origin)}" is not an http(s) origin`, 'example: --origin https://app.example.com (scheme, host and port, no path)');
	const probes = verifyProbes(policy, flags.origin);
	const results = await runVerify(policy, url, probes, { timeoutMs, insecure: flags.insecure === true, headers });
	const t = tally(results);
	if (flags.json) {
		const probesJson = results.map((r) => ({ name: r.probe.name, method: r.probe.method, origin: r.probe.origin, requestHeaders: r.probe.headers, status: r.status, cors: r.cors, problems: r.problems, error: r.error }));
		process.stdout.write(`${terminalSafeJson({ url, policy: file, counts: t, probes: probesJson })}\n`);
	} else {
		const style = colorEnabled({ flag: flags.color, isTTY: process.stdout.isTTY === true, env: process.env }) ? ANSI : PLAIN;
		const width = process.stdout.isTTY && process.stdout.columns ? Math.max(60, process.stdout.columns) : Number.POSITIVE_INFINITY;
		process.stdout.write(`${renderVerifyText(url, file, results, { style, width })}\n`);
	}
	if (t.failed === results.length) return 3;
	return t.differ || t.failed ? 1 : 0;
}
