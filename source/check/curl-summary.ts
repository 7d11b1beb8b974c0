// How `check curl …` read the curl command: where the origin, credentials, mode and browser
// came from, which headers are the page's and which the browser adds itself. Shown above the
// check's report, and as `curl` in --json. Cookie values are never shown.

import type { Style } from '../render/color.js';
import { wrap } from '../render/text.js';
import type { CurlRequest } from './curl.js';

/** What a summary reads: a curl command, or a HAR entry read the same way. */
type Read = Pick<CurlRequest, 'headers' | 'browserHeaders' | 'origin' | 'cookie' | 'mode' | 'browser' | 'notes'>;

export interface CurlSummary {
	readonly origin: { readonly value: string; readonly from: string };
	readonly credentials: { readonly value: string; readonly from: string };
	readonly mode: { readonly value: string; readonly from: string };
	readonly browser: { readonly value: string; readonly from: string };
	/** Names of the headers taken as set by the page. */
	readonly pageHeaders: readonly string[];
	/** Names of the headers taken as the browser's own (the model adds its own instead). */
	readonly browserHeaders: readonly string[];
	/** Names of the cookies the command sent. */
	readonly cookies: readonly string[];
	readonly notes: readonly string[];
}

interface Chosen {
	readonly origin: string;
	readonly credentials: string;
	readonly mode: string;
	readonly browser: string;
	readonly flags: { readonly origin?: string; readonly credentials?: string; readonly mode?: string; readonly browser?: string };
	/** Where the origin came from when neither --origin nor the command gave it. */
	readonly originFrom?: string;
}

export function curlSummary(c: Read, chosen: Chosen): CurlSummary {
	const { flags } = chosen;
	const cookies = (c.cookie ?? '').split(';').map((p) => p.split('=')[0]?.trim() ?? '').filter(Boolean);
	return {
		origin: { value: chosen.origin, from: flags.origin ? '--origin' : c.origin ? `the ${c.origin.from} header` : (chosen.originFrom ?? 'given') },
		credentials: {
			value: chosen.credentials,
			from: flags.credentials ? '--credentials' : c.cookie ? 'cookies were sent, which a cross-origin fetch() does only with credentials: "include"' : 'no cookies sent: the default',
		},
		mode: { value: chosen.mode, from: flags.mode ? '--mode' : c.mode ? 'Sec-Fetch-Mode' : 'the default' },
		browser: { value: chosen.browser, from: flags.browser ? '--browser' : c.browser ? 'User-Agent' : 'the default: no User-Agent names a browser' },
		pageHeaders: c.headers.map(([n]) => n.toLowerCase()),
		browserHeaders: c.browserHeaders,
		cookies,
		notes: c.notes,
	};
}

export function renderCurlSummary(s: CurlSummary, o: { style: Style; width: number; title?: string }): string {
	const c = o.style;
	const line = (label: string, text: string) => [wrap(`  ${label}${text}`, o.width, 4)];
	const lines = [
		c.bold(o.title ?? 'Read from the curl command'),
		...line('page origin: ', `${s.origin.value}  ${c.dim(`(${s.origin.from})`)}`),
		...line('credentials: ', `"${s.credentials.value}"  ${c.dim(`(${s.credentials.from})`)}`),
		...line('mode: ', `"${s.mode.value}"  ${c.dim(`(${s.mode.from})`)}`),
		...line('browser: ', `${s.browser.value}  ${c.dim(`(${s.browser.from})`)}`),
		...line('headers the page set: ', s.pageHeaders.length ? s.pageHeaders.join(', ') : 'none'),
		...(s.cookies.length ? line('cookies sent (names): ', s.cookies.join(', ')) : []),
		...(s.browserHeaders.length ? line("the browser's own, which the model adds itself: ", s.browserHeaders.join(', ')) : []),
		...s.notes.flatMap((n) => line('', c.dim(n))),
	];
	return lines.join('\n');
}
