// Header lists as the Fetch standard models them: an ordered list of (name, value)
// pairs where names compare case-insensitively and repeated names are combined with
// ", " when read. https://fetch.spec.whatwg.org/#concept-header-list

export type Header = readonly [name: string, value: string];
export type HeaderList = readonly Header[];

export const lower = (s: string): string => s.toLowerCase();

/** All values of `name`, in order (one per header line). */
export function headerLines(list: HeaderList, name: string): string[] {
	const n = lower(name);
	const out: string[] = [];
	for (const [k, v] of list) if (lower(k) === n) out.push(v);
	return out;
}

/** [F #concept-header-list-get]: the values joined with ", ", or null when absent. */
export function getHeader(list: HeaderList, name: string): string | null {
	const lines = headerLines(list, name);
	return lines.length === 0 ? null : lines.join(', ');
}

export function hasHeader(list: HeaderList, name: string): boolean {
	const n = lower(name);
	return list.some(([k]) => lower(k) === n);
}

export function withoutHeaders(list: HeaderList, names: readonly string[]): Header[] {
	const drop = new Set(names.map(lower));
	return list.filter(([k]) => !drop.has(lower(k)));
}

/** Set (replace every line of) `name`, keeping the position of the first line. */
export function setHeader(list: HeaderList, name: string, value: string): Header[] {
	const n = lower(name);
	const out: Header[] = [];
	let done = false;
	for (const h of list) {
		if (lower(h[0]) !== n) out.push(h);
		else if (!done) {
			out.push([h[0], value]);
			done = true;
		}
	}
	if (!done) out.push([name, value]);
	return out;
}

/** [F #concept-header-list-sort-and-combine]: lowercased names, sorted, values combined. */
export function sortAndCombine(list: HeaderList): Header[] {
	const names = [...new Set(list.map(([k]) => lower(k)))].sort(byteCompare);
	return names.map((n) => [n, getHeader(list, n) as string] as const);
}

export function byteCompare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

// RFC 9110 §5.6.2 token characters.
const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const isToken = (s: string): boolean => TCHAR.test(s);

/** HTTP whitespace: tab, LF, CR, space [F #http-whitespace]. */
export const trimHttpWhitespace = (s: string): string => s.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
/** HTTP tab or space [F #http-tab-or-space]: what a response parser strips around values. */
export const trimTabOrSpace = (s: string): string => s.replace(/^[\t ]+|[\t ]+$/g, '');

/**
 * [F #extract-header-list-values] for Access-Control-Allow-Methods/-Headers/-Expose-Headers
 * as Chromium and Firefox do it: every line, split on commas, items trimmed, empty items
 * skipped, every remaining item must be a token. Returns null when parsing fails, with the
 * first offending item.
 */
export function parseTokenList(
	lines: readonly string[],
): { ok: true; items: string[] } | { ok: false; badItem: string } {
	const items: string[] = [];
	for (const line of lines) {
		for (const raw of line.split(',')) {
			const item = trimTabOrSpace(raw);
			if (item === '') continue;
			if (!isToken(item)) return { ok: false, badItem: item };
			items.push(item);
		}
	}
	return { ok: true, items };
}

/** Byte length of a header value (values are byte strings: one char = one byte). */
export const byteLength = (s: string): number => s.length;
