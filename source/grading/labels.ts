// Short names for failure codes, as answer options and in feedback.
import type { FailureCode } from '../core/failure.js';

export const FAILURE_LABELS: Record<FailureCode, string> = {
	'invalid-url': 'the URL is not a valid http(s) URL',
	'forbidden-method': 'fetch() refuses a forbidden method (CONNECT, TRACE, TRACK)',
	'invalid-method': 'the method is not a valid token',
	'no-cors-method': "mode 'no-cors' allows only GET, HEAD and POST",
	'url-has-credentials': 'the URL contains a username or password',
	'body-with-get-or-head': 'a GET or HEAD request cannot have a body',
	'invalid-header': 'a header name or value fetch() rejects',
	'same-origin-mode': "mode 'same-origin' forbids other origins",
	'missing-allow-origin': 'no Access-Control-Allow-Origin header',
	'wildcard-with-credentials': "Access-Control-Allow-Origin '*' on a credentialed request",
	'multiple-allow-origin': 'more than one value in Access-Control-Allow-Origin',
	'invalid-allow-origin': 'Access-Control-Allow-Origin is not an origin',
	'allow-origin-mismatch': 'Access-Control-Allow-Origin names another origin',
	'invalid-allow-credentials': "Access-Control-Allow-Credentials is not exactly 'true'",
	'preflight-bad-status': 'the preflight answer is not 2xx',
	'preflight-redirect': 'the preflight was redirected',
	'allow-methods-unparseable': 'Access-Control-Allow-Methods cannot be parsed',
	'allow-headers-unparseable': 'Access-Control-Allow-Headers cannot be parsed',
	'method-not-allowed': 'the method is not in Access-Control-Allow-Methods',
	'header-not-allowed': 'a request header is not in Access-Control-Allow-Headers',
	'redirect-unsafe-scheme': 'a redirect to a non-http(s) URL',
	'redirect-bad-location': 'a redirect whose Location is not a URL',
	'redirect-has-credentials': 'a redirect to a URL with a username and password',
	'too-many-redirects': 'more than 20 redirects',
};
