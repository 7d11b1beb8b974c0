// AWS S3 bucket CORS: the CORSConfiguration document `aws s3api put-bucket-cors --bucket B
// --cors-configuration file://s3-cors.json` takes. JSON has no comments, so everything S3
// cannot express goes to the warnings only. S3 semantics per the AWS documentation (not
// verifiable here): a rule matches on origin (one "*" wildcard allowed, any characters) and
// method, for simple requests too; a listed origin is echoed with ACAC: true, "*" answers
// "*" without it; allowed preflights get 200, refused ones 403.

import type { Policy } from '../policy/model.js';
import { originTexts, warn, withSafelistedMethods } from './policy-notes.js';
import type { Generated, Target } from './types.js';

const P = 'S3';
/** The only methods AllowedMethods accepts. */
export const S3_METHODS = ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'];

export interface S3CorsRule {
	ID?: string;
	AllowedOrigins: string[];
	AllowedMethods: string[];
	AllowedHeaders?: string[];
	ExposeHeaders?: string[];
	MaxAgeSeconds?: number;
}

function generate(p: Policy): Generated {
	const warnings: string[] = [];
	let origins: string[];
	if (p.origins === '*') {
		origins = ['*'];
		warnings.push(warn.noOriginStar(P));
		if (p.credentials) warnings.push('S3 has no credentials switch: it answers "*" without Access-Control-Allow-Credentials, so credentialed requests fail, as they do with the policy\'s "*"');
	} else if (p.origins === 'reflect') {
		if (p.credentials) {
			origins = ['http://*', 'https://*'];
			warnings.push('"reflect" becomes "http://*" and "https://*": S3 echoes every such origin with Access-Control-Allow-Credentials: true');
		} else {
			origins = ['*'];
			warnings.push('"reflect" becomes "*" (S3 cannot echo every origin without also allowing credentials); browsers treat both the same without credentials');
			warnings.push(warn.noOriginStar(P));
		}
	} else origins = originTexts(p.origins);
	if (Array.isArray(p.origins) && p.origins.length && !p.credentials)
		warnings.push('S3 has no credentials switch: it sends Access-Control-Allow-Credentials: true to every origin it lists, so those origins can also make credentialed requests, which the policy does not allow');

	const supported = p.methods.filter((m) => S3_METHODS.includes(m));
	const dropped = p.methods.filter((m) => !S3_METHODS.includes(m));
	if (dropped.length) warnings.push(`S3 allows only ${S3_METHODS.join(', ')}; ${dropped.join(', ')} ${dropped.length > 1 ? 'are' : 'is'} left out, so preflights asking for ${dropped.length > 1 ? 'them' : 'it'} fail`);
	const { methods, added } = withSafelistedMethods(supported);
	if (added.length) warnings.push(warn.addedMethods(P, added));

	let allowed: string[] | undefined;
	if (p.allowHeaders === '*' || p.allowHeaders === 'mirror') {
		allowed = ['*'];
		if (p.allowHeaders === '*' && origins[0] !== '*') warnings.push(warn.echoesStarHeaders(P));
	} else if (p.allowHeaders.length) allowed = [...p.allowHeaders];

	if (p.preflightStatus !== 200) warnings.push(warn.preflightStatus(P, 200, p));
	warnings.push('S3 answers a preflight it does not allow (origin, method or a requested header) with 403 and no CORS headers; the policy answers without CORS headers, and browsers block it either way');
	if (!p.vary && p.origins !== '*') warnings.push('S3 always sends Vary: Origin, Access-Control-Request-Headers, Access-Control-Request-Method; the policy\'s "vary": false is not reproduced');

	const rule: S3CorsRule = {
		ID: 'cors-tutor',
		AllowedOrigins: origins,
		AllowedMethods: methods,
		...(allowed ? { AllowedHeaders: allowed } : {}),
		...(p.exposeHeaders.length ? { ExposeHeaders: [...p.exposeHeaders] } : {}),
		...(p.maxAge !== null ? { MaxAgeSeconds: p.maxAge } : {}),
	};
	if (Array.isArray(p.origins) && p.origins.length === 0) {
		warnings.push('the policy allows no origin and S3 needs at least one rule: remove the configuration instead, with aws s3api delete-bucket-cors --bucket BUCKET');
		return { text: `${JSON.stringify({ CORSRules: [] }, null, 2)}\n`, warnings };
	}
	return { text: `${JSON.stringify({ CORSRules: [rule] }, null, 2)}\n`, warnings };
}

export const s3Target: Target = {
	id: 's3',
	name: 'AWS S3 bucket CORS (JSON)',
	summary: 's3-cors.json for aws s3api put-bucket-cors --bucket BUCKET --cors-configuration file://s3-cors.json',
	fileName: 's3-cors.json',
	demo: null,
	generate,
};
