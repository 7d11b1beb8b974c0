// The policy file (JSON) as a strict schema. Every value ends up inside server configuration
// files, so anything that is not an origin, an origin pattern or an HTTP token is refused
// here, before any text is generated: no configuration injection is possible.

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { isToken } from '../core/headers.js';
import { InputError, describeIssues, parseJsonText } from '../input/json.js';
import { DEFAULT_POLICY, type OriginRule, type Policy, parseOriginRule } from './model.js';

z.config(en());

const token = (what: string) =>
	z.string().check(
		z.superRefine((s, ctx) => {
			// HTTP tokens may hold $ # ' and backquotes, but no real method or header name does, and
			// they mean something in the configuration languages we generate: refuse them.
			if (!isToken(s) || /[$#'`]/.test(s)) ctx.addIssue({ code: 'custom', input: s, message: `${JSON.stringify(s)} is not a valid ${what} (letters, digits and - only, e.g. "X-Request-Id"; no spaces or $ # ' \`)` });
		}),
	);

const originEntry = z.string().check(
	z.superRefine((s, ctx) => {
		const r = parseOriginRule(s);
		if ('error' in r) ctx.addIssue({ code: 'custom', input: s, message: r.error });
	}),
);

export const policySchema = z.strictObject({
	origins: z.union([z.literal('*'), z.literal('reflect'), z.array(originEntry)], {
		error: 'origins is "*", "reflect", or a list of origins such as ["https://app.example.com", "https://*.example.com"]',
	}),
	methods: z._default(z.array(token('method')), [...DEFAULT_POLICY.methods]),
	allowHeaders: z._default(z.union([z.literal('*'), z.literal('mirror'), z.array(token('header name'))], {
		error: 'allowHeaders is "*", "mirror", or a list of header names',
	}), []),
	exposeHeaders: z._default(z.array(token('header name')), []),
	credentials: z._default(z.boolean(), false),
	maxAge: z._default(z.nullable(z.int().check(z.minimum(0, 'maxAge is a number of seconds, 0 or more'), z.maximum(2_147_483_647, 'maxAge is at most 2147483647'))), null),
	preflightStatus: z._default(z.union([z.literal(204), z.literal(200)], { error: 'preflightStatus is 204 or 200' }), 204),
	vary: z._default(z.boolean(), true),
	appMethods: z._default(z.nullable(z.array(token('method'))), null),
});

export type PolicyJson = z.input<typeof policySchema>;

export function toPolicy(p: z.infer<typeof policySchema>): Policy {
	const origins = typeof p.origins === 'string' ? p.origins : p.origins.map((s) => parseOriginRule(s) as OriginRule);
	return { ...p, origins };
}

/** Parse and validate policy JSON text; errors name the file and the JSON path. */
export function parsePolicyText(text: string, file: string): Policy {
	const json = parseJsonText(text, file);
	const r = policySchema.safeParse(json);
	if (!r.success) throw new InputError(file, describeIssues(r.error.issues, { doc: 'the policy format: README, "Policy files and generators"', schema: policySchema, data: json }));
	return toPolicy(r.data);
}

/** The policy as the JSON a user writes (origins as written). */
export function policyToJson(p: Policy): Record<string, unknown> {
	return {
		origins: typeof p.origins === 'string' ? p.origins : p.origins.map((r) => (r.kind === 'exact' ? r.origin : r.text)),
		methods: p.methods,
		allowHeaders: p.allowHeaders,
		exposeHeaders: p.exposeHeaders,
		credentials: p.credentials,
		maxAge: p.maxAge,
		preflightStatus: p.preflightStatus,
		vary: p.vary,
		...(p.appMethods ? { appMethods: p.appMethods } : {}),
	};
}
