// Google Cloud Storage bucket CORS: the JSON list `gcloud storage buckets update gs://BUCKET
// --cors-file=gcs-cors.json` takes. Semantics per Google's documentation (not verifiable
// here): an entry matches on origin (exact, or "*" for any) and method, for simple requests
// too; responseHeader lists the headers both allowed in requests and exposed in responses;
// there is no credentials setting and no subdomain wildcard. JSON has no comments, so what
// cannot be expressed goes to the warnings only.

import type { Policy } from '../policy/model.js';
import { exactOrigins, subdomainRules, warn, withSafelistedMethods } from './policy-notes.js';
import type { Generated, Target } from './types.js';

const P = 'Cloud Storage';

export interface GcsCorsEntry {
	origin: string[];
	method: string[];
	responseHeader?: string[];
	maxAgeSeconds?: number;
}

function generate(p: Policy): Generated {
	const warnings: string[] = [];
	let origins: string[];
	if (p.origins === '*' || p.origins === 'reflect') {
		origins = ['*'];
		if (p.origins === 'reflect') warnings.push('"reflect" becomes "*": Cloud Storage cannot echo every origin; browsers treat both the same without credentials');
		warnings.push(warn.noOriginStar(P));
	} else {
		origins = exactOrigins(p.origins);
		const patterns = subdomainRules(p.origins);
		if (patterns.length)
			warnings.push(`Cloud Storage matches origins exactly (or "*" for any), with no subdomain wildcard: ${patterns.map((r) => r.text).join(', ')} ${patterns.length > 1 ? 'are' : 'is'} left out; list the subdomains you use`);
	}
	if (p.credentials) warnings.push('Cloud Storage has no credentials setting and does not promise Access-Control-Allow-Credentials: do not rely on requests with credentials: "include" (use signed URLs or public objects)');

	// "*" is any method for Cloud Storage; otherwise the safelisted ones must be listed too.
	const { methods, added } = p.methods.includes('*') ? { methods: ['*'], added: [] } : withSafelistedMethods(p.methods);
	if (added.length) warnings.push(warn.addedMethods(P, added));

	let allowHeaders: readonly string[] = [];
	if (p.allowHeaders === '*' || p.allowHeaders === 'mirror')
		warnings.push(`allowHeaders ${JSON.stringify(p.allowHeaders)} cannot be expressed: Cloud Storage allows only the request headers listed in responseHeader; list the ones your front-end sends`);
	else allowHeaders = p.allowHeaders;
	const responseHeader = [...allowHeaders];
	for (const h of p.exposeHeaders) if (!responseHeader.some((x) => x.toLowerCase() === h.toLowerCase())) responseHeader.push(h);
	const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
	const allowSet = lower(allowHeaders);
	const exposeSet = lower(p.exposeHeaders);
	if (responseHeader.some((h) => !allowSet.has(h.toLowerCase()) || !exposeSet.has(h.toLowerCase())))
		warnings.push('responseHeader covers both request headers allowed in preflights and response headers exposed to scripts, so each header listed in allowHeaders or exposeHeaders is also the other');

	if (p.preflightStatus !== 200) warnings.push(warn.preflightStatus(P, 200, p));
	if (!p.vary && p.origins !== '*') warnings.push('Cloud Storage decides Vary itself; the policy\'s "vary": false is not reproduced');

	if (origins.length === 0) {
		warnings.push('no origin is left to allow: this empty list removes the bucket\'s CORS configuration');
		return { text: '[]\n', warnings };
	}
	const entry: GcsCorsEntry = {
		origin: origins,
		method: methods,
		...(responseHeader.length ? { responseHeader } : {}),
		...(p.maxAge !== null ? { maxAgeSeconds: p.maxAge } : {}),
	};
	return { text: `${JSON.stringify([entry], null, 2)}\n`, warnings };
}

export const gcsTarget: Target = {
	id: 'gcs',
	name: 'Google Cloud Storage bucket CORS (JSON)',
	summary: 'gcs-cors.json for gcloud storage buckets update gs://BUCKET --cors-file=gcs-cors.json',
	fileName: 'gcs-cors.json',
	demo: null,
	generate,
};
