// Presets: the common failures and a handful of working setups, as scenario files would hold
// them (../shared/oracle/FORMAT.md), validated by the same schema as a loaded file. One preset
// uses a CORS policy as its server; its raw responses are what the policy answers the page.

import { scenarioSchema, toScenario } from '../../../scenario/schema.js';
import type { PolicyJson } from '../../../policy/index.js';
import { type Setup, fromScenario, parsePolicy } from './model.js';

export interface Preset {
	readonly kind: 'fails' | 'works';
	/** One or two sentences: what to watch for. */
	readonly blurb: string;
	readonly scenario: Record<string, unknown>;
	readonly policy?: PolicyJson;
}

const API = 'http://api.test/data';
const PAGE = 'http://app.test';
const TEXT = { 'Content-Type': 'text/plain' };

export const PRESETS: readonly Preset[] = [
	{
		kind: 'fails',
		blurb: 'A simple GET reaches the server, but the answer carries no Access-Control-Allow-Origin: the page gets a network error.',
		scenario: {
			id: 'missing-allow-origin', title: 'Missing Access-Control-Allow-Origin', page: PAGE,
			server: { response: { status: 200, headers: TEXT, body: 'ok' } },
			steps: [{ fetch: { url: API } }],
		},
	},
	{
		kind: 'fails',
		blurb: "credentials: 'include' with Access-Control-Allow-Origin: * — the wildcard never covers a credentialed request.",
		scenario: {
			id: 'wildcard-with-credentials', title: 'Wildcard origin with credentials', page: PAGE,
			server: { response: { status: 200, headers: { ...TEXT, 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' }, body: 'ok' } },
			steps: [{ fetch: { url: API, credentials: 'include' } }],
		},
	},
	{
		kind: 'fails',
		blurb: 'DELETE needs a preflight, and the answer lists only GET, POST, PUT: the actual request is never sent.',
		scenario: {
			id: 'delete-not-allowed', title: 'DELETE not in Access-Control-Allow-Methods', page: PAGE,
			server: {
				preflight: { status: 204, headers: { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Methods': 'GET, POST, PUT' } },
				response: { status: 200, headers: { ...TEXT, 'Access-Control-Allow-Origin': '$ORIGIN' }, body: 'ok' },
			},
			steps: [{ fetch: { url: 'http://api.test/items/7', method: 'DELETE' } }],
		},
	},
	{
		kind: 'fails',
		blurb: 'A JSON PUT needs a preflight. The CORS middleware adds its header to every answer, but no route handles OPTIONS: 404, and a preflight must be 2xx.',
		scenario: {
			id: 'options-404', title: 'OPTIONS answered 404', page: PAGE,
			server: {
				preflight: { status: 404, headers: { ...TEXT, 'Access-Control-Allow-Origin': '$ORIGIN' }, body: 'Not Found' },
				response: { status: 200, headers: { ...TEXT, 'Access-Control-Allow-Origin': '$ORIGIN' }, body: 'ok' },
			},
			steps: [{ fetch: { url: API, method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"n":1}' } }],
		},
	},
	{
		kind: 'fails',
		blurb: 'The application echoes the origin and a reverse proxy adds its own "*": two Access-Control-Allow-Origin lines, which browsers refuse.',
		scenario: {
			id: 'duplicate-allow-origin', title: 'Duplicate headers from a reverse proxy', page: PAGE,
			server: { response: { status: 200, headers: { ...TEXT, 'Access-Control-Allow-Origin': ['$ORIGIN', '*'] }, body: 'ok' } },
			steps: [{ fetch: { url: API } }],
		},
	},
	{
		kind: 'works',
		blurb: 'A simple GET with the origin echoed back and one header exposed: no preflight, the page reads the response.',
		scenario: {
			id: 'simple-get-allowed', title: 'Simple GET, origin allowed', page: PAGE,
			server: { response: { status: 200, headers: { ...TEXT, 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Expose-Headers': 'X-Request-Id', 'X-Request-Id': 'r-42', Vary: 'Origin' }, body: 'ok' } },
			steps: [{ fetch: { url: API } }],
		},
	},
	{
		kind: 'works',
		blurb: 'A JSON PUT, its preflight cached for 5 s: the second request is served from the cache, the third comes after expiry and asks again.',
		scenario: {
			id: 'preflight-cached', title: 'Preflight cached for 5 s', page: PAGE,
			server: {
				preflight: { status: 204, headers: { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '5' } },
				response: { status: 200, headers: { ...TEXT, 'Access-Control-Allow-Origin': '$ORIGIN' }, body: 'ok' },
			},
			steps: [
				{ fetch: { url: API, method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"n":1}' } },
				{ wait_ms: 1000 },
				{ fetch: { url: API, method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"n":2}' } },
				{ wait_ms: 5000 },
				{ fetch: { url: API, method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"n":3}' } },
			],
		},
	},
	{
		kind: 'works',
		blurb: "credentials: 'include' done right: the exact origin echoed, Access-Control-Allow-Credentials: true, and Vary: Origin.",
		scenario: {
			id: 'credentials-allowed', title: 'Credentialed GET, done right', page: PAGE,
			server: { response: { status: 200, headers: { ...TEXT, 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }, body: 'ok' } },
			steps: [{ fetch: { url: API, credentials: 'include' } }],
		},
	},
	{
		kind: 'works',
		blurb: 'The server is a CORS policy (v to edit it): one trusted origin, credentials, Authorization allowed, preflights cached 10 min.',
		scenario: {
			id: 'policy-json-api', title: 'A JSON API behind a CORS policy', page: PAGE,
			server: {
				preflight: { status: 204, headers: { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE', 'Access-Control-Allow-Headers': 'Content-Type, Authorization', 'Access-Control-Max-Age': '600', Vary: 'Origin' } },
				response: { status: 200, headers: { ...TEXT, 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }, body: 'ok' },
			},
			steps: [
				{ fetch: { url: 'http://api.test/items/7', method: 'DELETE', headers: { Authorization: 'Bearer t0k3n' }, credentials: 'include' } },
				{ fetch: { url: 'http://api.test/items/7', method: 'DELETE', headers: { Authorization: 'Bearer t0k3n' }, credentials: 'include' } },
			],
		},
		policy: { origins: [PAGE], methods: ['GET', 'POST', 'PUT', 'DELETE'], allowHeaders: ['Content-Type', 'Authorization'], credentials: true, maxAge: 600 },
	},
];

/** The preset as a setup; the data is checked by the scenario and policy schemas. */
export function presetSetup(p: Preset): Setup {
	const s = toScenario(scenarioSchema.parse(p.scenario));
	return fromScenario(s, p.policy ? parsePolicy(p.policy) : undefined);
}

export const presetTitle = (p: Preset): string => String(p.scenario.title);
