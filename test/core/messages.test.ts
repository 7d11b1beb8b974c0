// Console text, exactly: Chromium templates (oracle messages.md, cors-facts §8.1), Firefox
// templates (messages-firefox.md, cors-facts §8.2) and WebKit reason strings (§8.3).
import { describe, expect, test } from 'vitest';
import type { FetchStep, ResponseSpec, ServerSpec } from '../../source/core/index.js';
import { ECHO, chromium, fetchStep, firefox, runOne, safari } from './helpers.js';

const URL_ = 'http://api.test/data';
const P = (url = URL_, from?: string, origin = 'http://app.test') =>
	`Access to fetch at '${url}' ${from ? `(redirected from '${from}') ` : ''}from origin '${origin}' has been blocked by CORS policy: `;
const PF = `${P()}Response to preflight request doesn't pass access control check: `;
const VALID = ' Have the server send the header with a valid value.';
const B = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ';
const DID_NOT = (url = URL_) => `${B}${url}. (Reason: CORS request did not succeed). Status code: (null).`;

const res = (headers: Record<string, string | readonly string[]>, status = 200): ResponseSpec => ({ status, headers: { 'Content-Type': 'text/plain', ...headers }, body: 'ok' });
const pf = (headers: Record<string, string | readonly string[]>, status = 204): ResponseSpec => ({ status, headers });
const ECHO_PF = { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Credentials': 'true' };
const put = fetchStep({ method: 'PUT' });

type Row = [id: string, server: ServerSpec, step: FetchStep, chromium: string | null, firefox: string | null];

describe('actual-response checks (messages.md A1-A6, messages-firefox.md)', () => {
	test.each<Row>([
		['A1 missing', { response: res({}) }, fetchStep(),
			`${P()}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
			`${B}${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`],
		['A1 missing on a 503', { response: res({}, 503) }, fetchStep(),
			`${P()}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
			`${B}${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 503.`],
		['A2 trailing slash', { response: res({ 'Access-Control-Allow-Origin': 'http://app.test/' }) }, fetchStep(),
			`${P()}The 'Access-Control-Allow-Origin' header has a value 'http://app.test/' that is not equal to the supplied origin.${VALID}`,
			`${B}${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://app.test/’).`],
		['A2 literal null', { response: res({ 'Access-Control-Allow-Origin': 'null' }) }, fetchStep(),
			`${P()}The 'Access-Control-Allow-Origin' header has a value 'null' that is not equal to the supplied origin.${VALID}`,
			`${B}${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘null’).`],
		['A2 with a control character shown as \\u0001', { response: res({ 'Access-Control-Allow-Origin': 'http://app.test\x01' }) }, fetchStep(),
			`${P()}The 'Access-Control-Allow-Origin' header has a value 'http://app.test\\u0001' that is not equal to the supplied origin.${VALID}`,
			`${B}${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://app.test\x01’).`],
		['A3 one comma-joined line', { response: res({ 'Access-Control-Allow-Origin': 'http://app.test, http://api.test' }) }, fetchStep(),
			`${P()}The 'Access-Control-Allow-Origin' header contains multiple values 'http://app.test, http://api.test', but only one is allowed.${VALID}`,
			`${B}${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://app.test, http://api.test’).`],
		['A3 two lines', { response: res({ 'Access-Control-Allow-Origin': ['$ORIGIN', 'http://api.test'] }) }, fetchStep(),
			`${P()}The 'Access-Control-Allow-Origin' header contains multiple values 'http://app.test, http://api.test', but only one is allowed.${VALID}`,
			`${B}${URL_}. (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`],
		['A4 empty', { response: res({ 'Access-Control-Allow-Origin': '' }) }, fetchStep(),
			`${P()}The 'Access-Control-Allow-Origin' header contains the invalid value ''.${VALID}`,
			`${B}${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘’).`],
		['A5 wildcard with include', { response: res({ 'Access-Control-Allow-Origin': '*' }) }, fetchStep({ credentials: 'include' }),
			`${P()}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
			`${B}‘${URL_}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`],
		['A6 ACAC missing', { response: res({ 'Access-Control-Allow-Origin': '$ORIGIN' }) }, fetchStep({ credentials: 'include' }),
			`${P()}The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.`,
			`${B}${URL_}. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`],
		['A6 ACAC True', { response: res({ 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Credentials': 'True' }) }, fetchStep({ credentials: 'include' }),
			`${P()}The value of the 'Access-Control-Allow-Credentials' header in the response is 'True' which must be 'true' when the request's credentials mode is 'include'.`,
			`${B}${URL_}. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`],
		['opaque page: origin null in the message', { response: res({ 'Access-Control-Allow-Origin': 'http://app.test' }) }, fetchStep(),
			`${P(URL_, undefined, 'null')}The 'Access-Control-Allow-Origin' header has a value 'http://app.test' that is not equal to the supplied origin.${VALID}`,
			`${B}${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://app.test’).`],
	])('%s', (id, server, step, cr, ff) => {
		const page = id.startsWith('opaque page') ? 'null' : 'http://app.test';
		expect(runOne(chromium, server, step, page).obs.console).toBe(cr);
		expect(runOne(firefox, server, step, page).obs.console).toBe(ff);
	});
});

describe('preflight checks (messages.md P1-P11): Chromium one line, Firefox check line + CORSDidNotSucceed2', () => {
	test.each<Row>([
		['P1 no preflight handler (404)', { response: ECHO }, put,
			`${PF}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
			`${B}${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 404.\n${DID_NOT()}`],
		['P2 mismatch', { preflight: pf({ 'Access-Control-Allow-Origin': 'http://evil.test', 'Access-Control-Allow-Methods': 'PUT' }), response: ECHO }, put,
			`${PF}The 'Access-Control-Allow-Origin' header has a value 'http://evil.test' that is not equal to the supplied origin.${VALID}`,
			`${B}${URL_}. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://evil.test’).\n${DID_NOT()}`],
		['P3 sent twice', { preflight: pf({ 'Access-Control-Allow-Origin': ['$ORIGIN', '$ORIGIN'], 'Access-Control-Allow-Methods': 'PUT' }), response: ECHO }, put,
			`${PF}The 'Access-Control-Allow-Origin' header contains multiple values 'http://app.test, http://app.test', but only one is allowed.${VALID}`,
			`${B}${URL_}. (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).\n${DID_NOT()}`],
		['P4 wildcard with include', { preflight: pf({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'PUT' }), response: ECHO }, fetchStep({ method: 'PUT', credentials: 'include' }),
			`${PF}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
			`${B}‘${URL_}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).\n${DID_NOT()}`],
		['P5 status 500', { preflight: pf({ ...ECHO_PF, 'Access-Control-Allow-Methods': 'PUT' }, 500), response: ECHO }, put,
			`${PF}It does not have HTTP ok status.`,
			`${B}${URL_}. (Reason: CORS preflight response did not succeed). Status code: 500.\n${DID_NOT()}`],
		['P6 redirected preflight', { preflight: pf({ Location: 'http://api.test/x', 'Access-Control-Allow-Origin': '$ORIGIN' }, 302), response: ECHO }, put,
			`${PF}Redirect is not allowed for a preflight request.`,
			`${B}${URL_}. (Reason: CORS request external redirect not allowed).\n${B}${URL_}. (Reason: CORS preflight response did not succeed). Status code: 302.\n${DID_NOT()}`],
		['P7 ACAC missing on the preflight', { preflight: pf({ 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Methods': 'PUT' }), response: ECHO }, fetchStep({ method: 'PUT', credentials: 'include' }),
			`${PF}The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.`,
			`${B}${URL_}. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).\n${DID_NOT()}`],
		['P8 method not listed', { preflight: pf({ ...ECHO_PF, 'Access-Control-Allow-Methods': 'PUT' }), response: ECHO }, fetchStep({ method: 'DELETE' }),
			`${P()}Method DELETE is not allowed by Access-Control-Allow-Methods in preflight response.`,
			`${B}${URL_}. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).\n${DID_NOT()}`],
		['P8 lowercase patch vs PATCH', { preflight: pf({ ...ECHO_PF, 'Access-Control-Allow-Methods': 'PATCH' }), response: ECHO }, fetchStep({ method: 'patch' }),
			`${P()}Method patch is not allowed by Access-Control-Allow-Methods in preflight response.`,
			`${B}${URL_}. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).\n${DID_NOT()}`],
		['P9 header not allowed (lowercased name)', { preflight: pf({ ...ECHO_PF, 'Access-Control-Allow-Headers': 'X-Span' }), response: ECHO }, fetchStep({ headers: [['X-Span', '1'], ['X-Trace', '1']] }),
			`${P()}Request header field x-trace is not allowed by Access-Control-Allow-Headers in preflight response.`,
			`${B}${URL_}. (Reason: header ‘x-trace’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).\n${DID_NOT()}`],
		['P10 ACAM unparseable', { preflight: pf({ ...ECHO_PF, 'Access-Control-Allow-Methods': 'PUT DELETE' }), response: ECHO }, put,
			`${P()}Cannot parse Access-Control-Allow-Methods response header field in preflight response.`,
			`${B}${URL_}. (Reason: invalid token ‘PUT DELETE’ in CORS header ‘Access-Control-Allow-Methods’).\n${DID_NOT()}`],
		['P11 ACAH unparseable', { preflight: pf({ ...ECHO_PF, 'Access-Control-Allow-Headers': 'X-Trace X-Span' }), response: ECHO }, fetchStep({ headers: [['X-Trace', '1']] }),
			`${P()}Cannot parse Access-Control-Allow-Headers response header field in preflight response.`,
			`${B}${URL_}. (Reason: invalid token ‘X-Trace X-Span’ in CORS header ‘Access-Control-Allow-Headers’).\n${DID_NOT()}`],
	])('%s', (_id, server, step, cr, ff) => {
		expect(runOne(chromium, server, step).obs.console).toBe(cr);
		expect(runOne(firefox, server, step).obs.console).toBe(ff);
	});
});

describe('redirects (messages.md R1-R3; Firefox names the URL whose response failed)', () => {
	const START = 'http://api.test/start';
	const redirect = (location: string, hopHeaders: Record<string, string> = { 'Access-Control-Allow-Origin': '$ORIGIN' }, target: ResponseSpec = res({})): ServerSpec => ({
		response: res({}),
		routes: { [START]: { response: { status: 302, headers: { Location: location, ...hopHeaders } } }, [location]: { response: target } },
	});
	test.each<Row>([
		['R1 back to the page origin, no ACAO', redirect('http://app.test/back'), fetchStep({ url: START }),
			`${P('http://app.test/back', START)}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
			`${B}http://app.test/back. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`],
		['R2 tainted, fixed ACAO', redirect('http://evil.test/final', undefined, res({ 'Access-Control-Allow-Origin': 'http://app.test' })), fetchStep({ url: START }),
			`${P('http://evil.test/final', START)}The 'Access-Control-Allow-Origin' header has a value 'http://app.test' that is not equal to the supplied origin.${VALID}`,
			`${B}http://evil.test/final. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http://app.test’).`],
		['R3 userinfo', redirect('http://user:pass@evil.test/final'), fetchStep({ url: START }),
			`${P(START)}Redirect location '' contains a username and password, which is disallowed for cross-origin requests.`,
			DID_NOT(START)],
		['hop without ACAO: P with the fetch URL', redirect('http://evil.test/final', {}), fetchStep({ url: START }),
			`${P(START)}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
			`${B}${START}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 302.\n${DID_NOT(START)}`],
		['redirect to data:', redirect('data:text/plain,hi'), fetchStep({ url: START }), null, DID_NOT(START)],
	])('%s', (_id, server, step, cr, ff) => {
		expect(runOne(chromium, server, step).obs.console).toBe(cr);
		expect(runOne(firefox, server, step).obs.console).toBe(ff);
	});

	test('Chromium: mode same-origin refused at a redirect (recorded: modeso-redirect-cross-origin)', () => {
		const s: ServerSpec = { response: res({}), routes: { 'http://app.test/start': { response: { status: 302, headers: { Location: 'http://api.test/x' } } } } };
		expect(runOne(chromium, s, fetchStep({ url: 'http://app.test/start', mode: 'same-origin' })).obs.console)
			.toBe('Unsafe attempt to load URL http://api.test/x from frame with URL http://app.test/__page. Domains, protocols and ports must match.\n');
	});
});

describe('fetch mode and early errors', () => {
	test('F1 same-origin mode to another origin (modeso-cross-origin-get)', () => {
		const step = fetchStep({ mode: 'same-origin' });
		expect(runOne(chromium, { response: ECHO }, step).obs.console)
			.toBe(`Fetch API cannot load ${URL_}. Request mode is "same-origin" but the URL's origin is not same as the request origin http://app.test.`);
		expect(runOne(firefox, { response: ECHO }, step).obs.console).toBe(`Security Error: Content at http://app.test/__page may not load data from ${URL_}.`);
	});

	test('Chromium: no console message for too many redirects (net::ERR_TOO_MANY_REDIRECTS only, research §3 step 5)', () => {
		const s: ServerSpec = { response: ECHO, routes: { 'http://api.test/loop': { response: { status: 302, headers: { Location: '/loop', 'Access-Control-Allow-Origin': '*' } } } } };
		const { obs, result } = runOne(chromium, s, fetchStep({ url: 'http://api.test/loop' }));
		expect(result.failure?.code).toBe('too-many-redirects');
		expect(obs.console).toBeNull();
	});

	test('no console message when fetch() throws (messages.md "Failures with no console message")', () => {
		for (const p of [chromium, firefox, safari]) expect(runOne(p, { response: ECHO }, fetchStep({ method: 'TRACE' })).obs.console).toBeNull();
	});
});

describe('cors-facts §8.3 Safari reason strings + "Fetch API cannot load … due to access control checks."', () => {
	const tail = `Fetch API cannot load ${URL_} due to access control checks.`;
	test.each<[string, ServerSpec, FetchStep, string]>([
		['missing ACAO is reported like a mismatch', { response: res({}) }, fetchStep(), 'Origin http://app.test is not allowed by Access-Control-Allow-Origin. Status code: 200'],
		['mismatch', { response: res({ 'Access-Control-Allow-Origin': 'http://evil.test' }, 201) }, fetchStep(), 'Origin http://app.test is not allowed by Access-Control-Allow-Origin. Status code: 201'],
		['wildcard with credentials', { response: res({ 'Access-Control-Allow-Origin': '*' }) }, fetchStep({ credentials: 'include' }), 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.'],
		['comma', { response: res({ 'Access-Control-Allow-Origin': 'http://app.test, http://api.test' }) }, fetchStep(), 'Access-Control-Allow-Origin cannot contain more than one origin.'],
		['ACAC', { response: res({ 'Access-Control-Allow-Origin': '$ORIGIN' }) }, fetchStep({ credentials: 'include' }), 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".'],
		['preflight status first', { response: ECHO }, put, 'Preflight response is not successful. Status code: 404'],
		['method', { preflight: pf({ ...ECHO_PF, 'Access-Control-Allow-Methods': 'GET' }), response: ECHO }, put, 'Method PUT is not allowed by Access-Control-Allow-Methods.'],
		['header', { preflight: pf(ECHO_PF), response: ECHO }, fetchStep({ headers: [['X-A', '1']] }), 'Request header field x-a is not allowed by Access-Control-Allow-Headers.'],
	])('%s', (_l, server, step, reason) => expect(runOne(safari, server, step).obs.console).toBe(`${reason}\n${tail}`));
});
