// A HAR file (HTTP Archive 1.2: DevTools' Network panel, "Save all as HAR" / "Export HAR"),
// read into the requests and answers the browser recorded. Only the fields a CORS replay
// needs are checked; HAR files carry many more, which are ignored.

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import type { Header } from '../core/headers.js';
import { InputError, describeIssues, parseJsonText } from '../input/json.js';

z.config(en());

const nameValue = z.object({ name: z.string(), value: z.string() });
const entrySchema = z.object({
	startedDateTime: z.optional(z.string()),
	time: z.optional(z.nullable(z.number())),
	request: z.object({
		method: z.string().check(z.minLength(1)),
		url: z.string().check(z.minLength(1)),
		headers: z.array(nameValue),
		postData: z.optional(z.object({ text: z.optional(z.string()), mimeType: z.optional(z.string()) })),
	}),
	response: z.object({
		status: z.number(),
		statusText: z.optional(z.string()),
		headers: z.array(nameValue),
		content: z.optional(z.object({ text: z.optional(z.string()), encoding: z.optional(z.string()) })),
		redirectURL: z.optional(z.string()),
		_error: z.optional(z.nullable(z.string())),
		// Playwright's name for it.
		_failureText: z.optional(z.nullable(z.string())),
	}),
	_resourceType: z.optional(z.string()),
	_error: z.optional(z.nullable(z.string())),
});
const harSchema = z.object({ log: z.object({ entries: z.array(entrySchema) }) });

/** One request the browser recorded, and its answer. */
export interface HarEntry {
	/** Its index in log.entries (for people: entries[3]). */
	readonly index: number;
	/** When it started (ms since the epoch), or the index when the file says nothing usable. */
	readonly started: number;
	readonly method: string;
	readonly url: string;
	/** Request header lines, without HTTP/2 pseudo-headers (:authority, :path, …). */
	readonly headers: readonly Header[];
	readonly body: string | null;
	/** 0 when no answer was recorded (blocked before sending, or failed). */
	readonly status: number;
	readonly statusText: string;
	readonly responseHeaders: readonly Header[];
	/** The response text as recorded ('' when absent or base64). */
	readonly responseBody: string;
	readonly ms: number;
	/** Chrome's resource type: "fetch", "xhr", "preflight", "document", … */
	readonly resourceType?: string;
	/** What the browser recorded as the failure, when it did (Chrome: "net::ERR_FAILED"). */
	readonly error?: string;
}

const pairs = (list: readonly { name: string; value: string }[]): Header[] => list.filter((h) => !h.name.startsWith(':')).map((h) => [h.name, h.value]);

export function readHar(text: string, file: string): HarEntry[] {
	const parsed = harSchema.safeParse(parseJsonText(text, file));
	if (!parsed.success) {
		throw new InputError(file, [
			...describeIssues(parsed.error.issues, { doc: 'the HAR 1.2 format (save it from DevTools: Network panel, "Export HAR")' }),
			'this does not look like a HAR file: it needs log.entries[], each with request {method, url, headers} and response {status, headers}',
		]);
	}
	return parsed.data.log.entries.map((e, index) => {
		const t = e.startedDateTime ? Date.parse(e.startedDateTime) : Number.NaN;
		const content = e.response.content;
		return {
			index,
			started: Number.isFinite(t) ? t : index,
			method: e.request.method,
			url: e.request.url,
			headers: pairs(e.request.headers),
			body: e.request.postData?.text ?? null,
			// Playwright writes -1 for "no answer".
			status: Math.max(0, e.response.status),
			statusText: e.response.statusText ?? '',
			responseHeaders: pairs(e.response.headers),
			responseBody: content?.text && content.encoding !== 'base64' ? content.text : '',
			ms: Math.max(0, Math.round(e.time ?? 0)),
			...(e._resourceType ? { resourceType: e._resourceType } : {}),
			...((e.response._error ?? e.response._failureText ?? e._error) ? { error: (e.response._error ?? e.response._failureText ?? e._error) as string } : {}),
		};
	});
}
