// Scenario files as ../shared/oracle/FORMAT.md defines them, read on their own terms: the lab
// does not borrow the project's loader, so a loader bug cannot hide behind agreement.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type HeaderValue = string | string[];
export type HeaderMap = Record<string, HeaderValue>;

export interface ResponseSpec {
	status: number;
	headers: HeaderMap;
	body: string;
}

export interface ServerDescription {
	preflight?: ResponseSpec;
	response: ResponseSpec;
}

export interface FetchSpec {
	url: string;
	method: string;
	headers: Record<string, string>;
	credentials: 'omit' | 'same-origin' | 'include';
	mode: 'cors' | 'no-cors' | 'same-origin';
	body: string | null;
}

export type Step = { kind: 'fetch'; fetch: FetchSpec } | { kind: 'wait'; ms: number };

export interface Scenario {
	id: string;
	title: string;
	page: string;
	server: ServerDescription & { routes: Record<string, ServerDescription> };
	steps: Step[];
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

class ScenarioError extends Error {}

function fail(where: string, what: string): never {
	throw new ScenarioError(`${where}: ${what}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A `*.test` host over plain http: the only thing the proxy serves. */
export function isTestHttpUrl(raw: string): boolean {
	try {
		const u = new URL(raw);
		return u.protocol === 'http:' && u.hostname.endsWith('.test');
	} catch {
		return false;
	}
}

function readHeaders(v: unknown, where: string): HeaderMap {
	if (v === undefined) return {};
	if (!isObject(v)) fail(where, 'must be an object');
	const out: HeaderMap = {};
	for (const [name, value] of Object.entries(v)) {
		if (typeof value === 'string') out[name] = value;
		else if (Array.isArray(value) && value.every((x) => typeof x === 'string')) out[name] = value as string[];
		else fail(`${where}.${name}`, 'must be a string or an array of strings');
	}
	return out;
}

function readResponse(v: unknown, where: string): ResponseSpec {
	if (!isObject(v)) fail(where, 'must be an object');
	const { status, headers, body } = v;
	if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 999) fail(`${where}.status`, 'must be an integer 100-999');
	if (body !== undefined && typeof body !== 'string') fail(`${where}.body`, 'must be a string');
	return { status, headers: readHeaders(headers, `${where}.headers`), body: body ?? '' };
}

function readServer(v: unknown, where: string): ServerDescription {
	if (!isObject(v)) fail(where, 'must be an object');
	const out: ServerDescription = { response: readResponse(v.response, `${where}.response`) };
	if (v.preflight !== undefined) out.preflight = readResponse(v.preflight, `${where}.preflight`);
	return out;
}

function readFetch(v: unknown, where: string): FetchSpec {
	if (!isObject(v)) fail(where, 'must be an object');
	const { url, method = 'GET', headers = {}, credentials = 'same-origin', mode = 'cors', body = null } = v;
	if (typeof url !== 'string') fail(`${where}.url`, 'must be a string');
	if (!isTestHttpUrl(url)) fail(`${where}.url`, `${url}: the lab only serves http://*.test URLs`);
	if (typeof method !== 'string') fail(`${where}.method`, 'must be a string');
	if (!isObject(headers) || !Object.values(headers).every((x) => typeof x === 'string')) fail(`${where}.headers`, 'must map names to strings');
	if (credentials !== 'omit' && credentials !== 'same-origin' && credentials !== 'include') fail(`${where}.credentials`, 'must be omit, same-origin or include');
	if (mode !== 'cors' && mode !== 'no-cors' && mode !== 'same-origin') fail(`${where}.mode`, 'must be cors, no-cors or same-origin');
	if (body !== null && typeof body !== 'string') fail(`${where}.body`, 'must be a string or null');
	return { url, method, headers: headers as Record<string, string>, credentials, mode, body };
}

export function parseScenario(json: unknown, file: string): Scenario {
	if (!isObject(json)) fail(file, 'must be an object');
	const { id, title = '', page, server, steps } = json;
	if (typeof id !== 'string' || !ID.test(id)) fail(`${file}: id`, 'must be kebab-case');
	if (typeof title !== 'string') fail(`${file}: title`, 'must be a string');
	if (typeof page !== 'string') fail(`${file}: page`, 'must be a string');
	if (page !== 'null') {
		if (!isTestHttpUrl(page) || new URL(page).origin !== page) fail(`${file}: page`, `${page}: must be "null" or an http://*.test origin as URL.origin serialises it`);
	}
	if (!isObject(server)) fail(`${file}: server`, 'must be an object');
	const top = readServer(server, `${file}: server`);
	const routes: Record<string, ServerDescription> = {};
	if (server.routes !== undefined) {
		if (!isObject(server.routes)) fail(`${file}: server.routes`, 'must be an object');
		for (const [key, route] of Object.entries(server.routes)) routes[key] = readServer(route, `${file}: server.routes[${JSON.stringify(key)}]`);
	}
	if (!Array.isArray(steps)) fail(`${file}: steps`, 'must be an array');
	const parsed: Step[] = steps.map((s: unknown, i): Step => {
		const where = `${file}: steps[${i}]`;
		if (isObject(s) && 'fetch' in s) return { kind: 'fetch', fetch: readFetch(s.fetch, `${where}.fetch`) };
		if (isObject(s) && 'wait_ms' in s) {
			const ms = s.wait_ms;
			if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 2500) fail(`${where}.wait_ms`, 'must be an integer 0-2500');
			return { kind: 'wait', ms };
		}
		return fail(where, 'must be {"fetch": {...}} or {"wait_ms": N}');
	});
	return { id, title, page, server: { ...top, routes }, steps: parsed };
}

export interface LoadedScenario {
	file: string;
	scenario?: Scenario;
	error?: string;
}

/** Every `*.json` in the directory, sorted by name; a malformed file is reported, not fatal. */
export function loadScenarioDir(dir: string): LoadedScenario[] {
	const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
	return files.map((file) => {
		try {
			const scenario = parseScenario(JSON.parse(readFileSync(join(dir, file), 'utf8')), file);
			if (`${scenario.id}.json` !== file) fail(file, `id ${scenario.id} does not match the file name`);
			return { file, scenario };
		} catch (e) {
			return { file, error: e instanceof Error ? e.message : String(e) };
		}
	});
}

/**
 * The lowercased names that `visible_headers` may contain: every name listed in
 * `server.response.headers` and in every route's `response.headers`, sorted.
 */
export function candidateHeaderNames(s: Scenario): string[] {
	const names = new Set<string>();
	for (const name of Object.keys(s.server.response.headers)) names.add(name.toLowerCase());
	for (const route of Object.values(s.server.routes)) for (const name of Object.keys(route.response.headers)) names.add(name.toLowerCase());
	return [...names].sort();
}

/** The page URL the scenario's fetch() calls run in. */
export function pageUrl(s: Scenario): string {
	return s.page === 'null' ? 'http://app.test/__page?sandbox' : `${s.page}/__page`;
}
