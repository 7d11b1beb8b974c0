// The scenario file format (../shared/oracle/FORMAT.md) as a strict schema: unknown keys are
// errors, every field is checked the way fetch() and an HTTP server would check it, and
// each problem names its JSON path. zod/mini keeps the bundle small.

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { isHttpScheme, parsePageOrigin, parseUrl } from '../core/origin.js';
import { CREDENTIALS_MODES, REQUEST_MODES, headerNameProblem, headerValueProblem } from '../core/request.js';
import type { FetchStep, Scenario, Step } from '../core/scenario.js';

z.config(en());

/** A string checked by `problem`, which returns what is wrong or null. */
const checkedString = (problem: (s: string) => string | null) =>
	z.string().check(
		z.superRefine((s, ctx) => {
			const p = problem(s);
			if (p) ctx.addIssue({ code: 'custom', message: p, input: s });
		}),
	);

const httpUrl = checkedString((s) => {
	const u = parseUrl(s);
	if (!u) return `"${s}" is not an absolute URL; write e.g. "http://api.test/data"`;
	return isHttpScheme(u) ? null : `"${s}" must be an http:// or https:// URL`;
});

const headerName = checkedString(headerNameProblem);

/** Values a server can put on a header line: no CR, LF or NUL, bytes only. */
const responseValue = checkedString((s) => {
	const p = headerValueProblem(s);
	return p && `header value ${p}`;
});

export const responseHeaders = z.record(
	headerName,
	z.union([responseValue, z.array(responseValue).check(z.minLength(1, 'an array of values needs at least one value'))]),
);

const response = z.strictObject({
	status: z.int().check(z.minimum(100, 'an HTTP status is 100-599'), z.maximum(599, 'an HTTP status is 100-599')),
	headers: z._default(responseHeaders, {}),
	body: z.optional(z.string()),
});

const route = z.strictObject({ preflight: z.optional(response), response });

const routeKey = checkedString((s) => {
	const u = parseUrl(s);
	return u && isHttpScheme(u) && `${u.origin}${u.pathname}` === s
		? null
		: `route key "${s}" must be an origin followed by a path, without query, e.g. "http://api.test/start"`;
});

const requestHeaders = z.record(
	checkedString((s) => {
		const p = headerNameProblem(s);
		return p && `${p}; fetch() would throw`;
	}),
	checkedString((s) => {
		const p = headerValueProblem(s.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ''));
		return p && `header value ${p}; fetch() would throw a TypeError`;
	}),
);

export const fetchStep = z.strictObject({
	url: httpUrl,
	method: z._default(z.string(), 'GET'),
	headers: z._default(requestHeaders, {}),
	credentials: z._default(z.enum(CREDENTIALS_MODES), 'same-origin'),
	mode: z._default(z.enum(REQUEST_MODES), 'cors'),
	body: z._default(z.nullable(z.string()), null),
});

// One object with both keys optional (not a union), so that a mistake inside a fetch step is
// reported at its own path; exactly one of the two must be present.
export const step = z
	.strictObject({
		fetch: z.optional(fetchStep),
		wait_ms: z.optional(z.int().check(z.minimum(0, 'wait_ms cannot be negative'), z.maximum(86_400_000, 'wait_ms is at most 86400000 (24 h)'))),
	})
	.check(
		z.superRefine((s, ctx) => {
			if ((s.fetch === undefined) === (s.wait_ms === undefined))
				ctx.addIssue({ code: 'custom', message: 'a step is either {"fetch": {...}} or {"wait_ms": N}, exactly one of them', input: s });
		}),
	);

export const serverSchema = z.strictObject({
	preflight: z.optional(response),
	response,
	routes: z.optional(z.record(routeKey, route)),
});

/** A page origin as a scenario writes it. */
export const pageOrigin = checkedString((s) => {
	const o = parsePageOrigin(s);
	return 'error' in o ? o.error : null;
});

export const scenarioSchema = z.strictObject({
	id: z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is kebab-case: lowercase letters and digits joined by single dashes')),
	title: z._default(z.string(), ''),
	page: pageOrigin,
	server: serverSchema,
	steps: z.array(step).check(z.minLength(1, 'a scenario needs at least one step')),
});

type Parsed = z.infer<typeof scenarioSchema>;

/** Turn the validated JSON into the core's Scenario (header objects become ordered lists). */
export function toScenario(p: Parsed): Scenario {
	return { ...p, steps: p.steps.map(toStep) };
}

export const toFetchStep = (f: z.infer<typeof fetchStep>): FetchStep => ({ ...f, headers: Object.entries(f.headers) });
export const toStep = (s: z.infer<typeof step>): Step => (s.fetch ? { fetch: toFetchStep(s.fetch) } : { wait_ms: s.wait_ms ?? 0 });
