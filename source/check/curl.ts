// `cors-tutor check curl …`: a curl command (DevTools' "Copy as cURL", or the one that "works
// in curl") read back into the fetch() the page made. The shell has already split the
// pasted command into words; this reads curl's options, tells the headers the page set from
// the ones the browser adds itself (which the model adds again, as the browser would), and
// takes the page's origin from Origin (or Referer), the credentials from the cookies sent,
// the mode from Sec-Fetch-Mode and the browser from User-Agent.

import { readFileSync } from 'node:fs';
import { type Header, isToken, lower } from '../core/headers.js';
import type { BrowserId } from '../core/profiles/index.js';
import type { RequestMode } from '../core/request.js';
import { UsageError } from '../cli/usage.js';
import { readPageRequest } from './page-request.js';
import { escapeControl } from '../render/escape.js';

const shown = (s: string): string => escapeControl(s, true);

export interface CurlRequest {
	readonly url: string;
	/** As curl would send it: -X, else HEAD for -I, POST with data, GET. */
	readonly method: string;
	/** The headers the page set, in order. */
	readonly headers: readonly Header[];
	readonly body: string | null;
	/** The page's origin, and where it was read. */
	readonly origin?: { readonly value: string; readonly from: 'Origin' | 'Referer' };
	/** "a=1; b=2" from -b or a Cookie header: the browser held these and sent them. */
	readonly cookie?: string;
	/** From Sec-Fetch-Mode. */
	readonly mode?: RequestMode;
	/** From User-Agent. */
	readonly browser?: BrowserId;
	readonly insecure: boolean;
	/** Headers the browser adds itself, by name (lower case): the model adds its own. */
	readonly browserHeaders: readonly string[];
	/** What else the reading decided, one sentence each, for the report. */
	readonly notes: readonly string[];
}

/** Options that take a value (long names, and their short letters). */
const VALUED: Record<string, string> = {
	'-X': '--request', '-H': '--header', '-d': '--data', '-b': '--cookie', '-A': '--user-agent', '-e': '--referer', '-u': '--user',
	'-o': '--output', '-m': '--max-time', '-w': '--write-out', '-x': '--proxy', '-F': '--form', '-T': '--upload-file', '-E': '--cert', '-c': '--cookie-jar', '-r': '--range',
};
const VALUED_LONG = new Set([
	...Object.values(VALUED), '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--url', '--json', '--connect-timeout', '--cacert', '--capath', '--key',
	'--resolve', '--connect-to', '--retry', '--retry-delay', '--retry-max-time', '--limit-rate', '--max-redirs', '--interface', '--local-port', '--dns-servers',
]);
/** Options without a value, by their short letter and long name. */
const SWITCHES: Record<string, string> = {
	'-s': '--silent', '-S': '--show-error', '-v': '--verbose', '-i': '--include', '-I': '--head', '-L': '--location', '-k': '--insecure', '-G': '--get',
	'-g': '--globoff', '-N': '--no-buffer', '-f': '--fail', '-4': '--ipv4', '-6': '--ipv6', '-#': '--progress-bar', '-q': '--disable', '-0': '--http1.0',
};
const SWITCHES_LONG = new Set([
	...Object.values(SWITCHES), '--compressed', '--http1.1', '--http2', '--http2-prior-knowledge', '--http3', '--raw', '--tr-encoding', '--no-keepalive',
	'--path-as-is', '--fail-with-body', '--no-progress-meter', '--tlsv1.2', '--tlsv1.3', '--ssl-no-revoke', '--post301', '--post302', '--post303', '--location-trusted',
]);
/** What curl does that a page's fetch() cannot, so the command cannot be read as one. */
const UNSUPPORTED: Record<string, string> = {
	'--form': 'a multipart form (-F) is not read: copy the request from DevTools ("Copy as cURL"), which writes the body with --data-raw',
	'--upload-file': 'an upload with -T is not a fetch() body: give the body with --data-raw',
	'--proxy': 'check connects to the URL directly, as the browser would without a proxy: drop -x/--proxy',
	'--cert': 'client certificates are not supported by check',
	'--key': 'client certificates are not supported by check',
};

function expand(args: readonly string[]): { name: string; value?: string }[] {
	const out: { name: string; value?: string }[] = [];
	for (let i = 0; i < args.length; i++) {
		const a = args[i] as string;
		const need = (name: string): string => {
			const v = args[i + 1];
			if (v === undefined) throw new UsageError(`the curl command ends after ${name}, which needs a value`, 'paste the whole command after `cors-tutor check curl`');
			i++;
			return v;
		};
		if (a.startsWith('--')) {
			const eq = a.indexOf('=');
			const name = eq > 0 ? a.slice(0, eq) : a;
			if (VALUED_LONG.has(name)) out.push({ name, value: eq > 0 ? a.slice(eq + 1) : need(name) });
			else if (SWITCHES_LONG.has(name) || SWITCHES_LONG.has(name.replace(/^--no-/, '--'))) out.push({ name });
			else throw new UsageError(`the curl command has an option check does not know: ${shown(name)}`, 'remove it, or paste the command as DevTools copies it ("Copy as cURL")');
		} else if (a.startsWith('-') && a.length > 1) {
			// Short options may be bundled (-sSL) and a value may follow the letter (-XPUT).
			for (let j = 1; j < a.length; j++) {
				const flag = `-${a[j]}`;
				const long = VALUED[flag];
				if (long) {
					out.push({ name: long, value: j + 1 < a.length ? a.slice(j + 1) : need(flag) });
					break;
				}
				const sw = SWITCHES[flag];
				if (!sw) throw new UsageError(`the curl command has an option check does not know: ${shown(flag)}`, 'remove it, or paste the command as DevTools copies it ("Copy as cURL")');
				out.push({ name: sw });
			}
		} else {
			out.push({ name: '--url', value: a });
		}
	}
	return out;
}

/** -d @file and --data-binary @file read the file, as curl does; -d strips its line breaks. */
function dataValue(name: string, value: string): string {
	if (name === '--data-raw' || !value.startsWith('@')) return value;
	const file = value.slice(1);
	let text: string;
	try {
		text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
	} catch (e) {
		throw new UsageError(`the curl command's ${name} ${shown(value)}: ${shown(file)} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'give the body inline with --data-raw');
	}
	return name === '--data-binary' ? text : text.replace(/[\r\n]/g, '');
}

/** curl's `-H "Name: value"` (and `Name;` for an empty value; `Name:` removes a header in curl). */
function headerValue(s: string): Header | null {
	const semi = /^([^:;\s]+);\s*$/.exec(s);
	if (semi) return [semi[1] as string, ''];
	const colon = s.indexOf(':');
	if (colon <= 0 || !isToken(s.slice(0, colon))) throw new UsageError(`the curl command's header "${shown(s)}" is not "Name: value"`, 'example: -H "Content-Type: application/json"');
	const value = s.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
	return value === '' ? null : [s.slice(0, colon), value];
}

/** The words after `curl`, as the shell split them, read back into the page's fetch(). */
export function fromCurl(args: readonly string[]): CurlRequest {
	let url: string | undefined;
	let method: string | undefined;
	let head = false;
	let get = false;
	let insecure = false;
	const data: string[] = [];
	const raw: Header[] = [];
	const cookies: string[] = [];
	for (const { name, value = '' } of expand(args)) {
		if (UNSUPPORTED[name]) throw new UsageError(`the curl command uses ${name}: ${UNSUPPORTED[name]}`);
		if (name === '--url') {
			if (url !== undefined) throw new UsageError(`the curl command names two URLs: ${shown(url)} and ${shown(value)}`, 'check takes one request; quote a URL that contains & or spaces');
			url = value;
		} else if (name === '--request') method = value;
		else if (name === '--header') {
			const h = headerValue(value);
			if (h) raw.push(h);
		} else if (name.startsWith('--data')) data.push(name === '--data-urlencode' ? urlencoded(value) : dataValue(name, value));
		else if (name === '--json') {
			data.push(dataValue('--data-binary', value));
			raw.push(['Content-Type', 'application/json'], ['Accept', 'application/json']);
		} else if (name === '--cookie') {
			if (!value.includes('=')) throw new UsageError(`the curl command's -b ${shown(value)} names a cookie file`, 'give the cookies themselves: -b "session=abc123"');
			cookies.push(value);
		} else if (name === '--user-agent') raw.push(['User-Agent', value]);
		else if (name === '--referer') raw.push(['Referer', value]);
		else if (name === '--user') raw.push(['Authorization', `Basic ${Buffer.from(value).toString('base64')}`]);
		else if (name === '--range') raw.push(['Range', `bytes=${value}`]);
		else if (name === '--head') head = true;
		else if (name === '--get') get = true;
		else if (name === '--insecure') insecure = true;
	}
	if (url === undefined) throw new UsageError('the curl command names no URL', "example: cors-tutor check curl 'https://api.example.com/items' -H 'Origin: https://app.example.com'");
	// curl takes a URL without "scheme://" as http.
	if (!/^[a-z][\w+.-]*:\/\//i.test(url)) url = `http://${url}`;

	let body: string | null = data.length ? data.join('&') : null;
	if (get && body !== null) {
		url += (url.includes('?') ? '&' : '?') + body;
		body = null;
	}
	method ??= head ? 'HEAD' : body !== null ? 'POST' : 'GET';

	const page = readPageRequest(raw);
	if (page.mode && 'other' in page.mode) {
		const m = page.mode.other;
		throw new UsageError(`the request has Sec-Fetch-Mode: ${shown(m)}: it is a ${m === 'navigate' ? 'page load' : shown(m)}, not a fetch(), and CORS does not apply to it`, 'copy the failing fetch/XHR request from the Network panel (filter: Fetch/XHR)');
	}
	const headers = [...page.headers];
	const notes = [...page.notes];
	cookies.push(...page.cookies);
	if (data.length && !headers.some(([k]) => lower(k) === 'content-type')) {
		headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
		notes.push('curl sends -d data as application/x-www-form-urlencoded; the page is taken to set that Content-Type too.');
	}
	return {
		url,
		method,
		headers,
		body,
		...(page.origin ? { origin: page.origin } : {}),
		...(cookies.length ? { cookie: cookies.join('; ') } : {}),
		...(page.mode && 'fetch' in page.mode ? { mode: page.mode.fetch } : {}),
		...(page.browser ? { browser: page.browser } : {}),
		insecure,
		browserHeaders: page.browserHeaders,
		notes,
	};
}

/** --data-urlencode "name=value" (value encoded), "=value" or "value". */
function urlencoded(s: string): string {
	const eq = s.indexOf('=');
	if (eq < 0) return encodeURIComponent(s);
	return `${s.slice(0, eq)}${eq > 0 ? '=' : ''}${encodeURIComponent(s.slice(eq + 1))}`;
}
