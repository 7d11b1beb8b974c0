// verify's comparison and probes, without a network (the generator tests hold real servers
// to the same comparison, and test/commands/verify.test.ts runs the command on loopback).
import { describe, expect, test } from 'vitest';
import type { Header } from '../../source/core/headers.js';
import { evaluatePolicy } from '../../source/policy/evaluate.js';
import { parsePolicyText } from '../../source/policy/schema.js';
import { compareWithPolicy } from '../../source/verify/compare.js';
import { PROBE_HEADER, verifyProbes } from '../../source/verify/probes.js';

const policy = parsePolicyText(JSON.stringify({ origins: ['https://app.example.com'], methods: ['GET', 'PUT'], allowHeaders: ['Content-Type'], credentials: true, maxAge: 600 }), 'policy.json');
const APP = 'https://app.example.com';
const pre = (origin: string, method: string, headers?: string): Header[] => [['Origin', origin], ['Access-Control-Request-Method', method], ...(headers ? ([['Access-Control-Request-Headers', headers]] as Header[]) : [])];

describe('compareWithPolicy', () => {
	test("the model's own answer agrees; lists compare as sets, header names in any case", () => {
		const req = pre(APP, 'PUT', 'content-type');
		expect(compareWithPolicy(policy, 'OPTIONS', req, { status: 204, headers: evaluatePolicy(policy, 'OPTIONS', req).headers })).toEqual([]);
		const reordered: Header[] = [
			['access-control-allow-origin', APP], ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Methods', 'PUT,GET'],
			['Access-Control-Allow-Headers', 'CONTENT-TYPE'], ['Access-Control-Max-Age', '600'], ['Vary', 'Accept-Encoding, Origin'],
		];
		expect(compareWithPolicy(policy, 'OPTIONS', req, { status: 200, headers: reordered })).toEqual([]);
	});

	test('each departure in a sentence: a method too many, a missing header, a duplicate, no Vary, a failing status', () => {
		const req = pre(APP, 'PUT', 'content-type');
		const headers: Header[] = [
			['Access-Control-Allow-Origin', APP], ['Access-Control-Allow-Origin', APP], ['Access-Control-Allow-Credentials', 'true'],
			['Access-Control-Allow-Methods', 'GET, PUT, delete'], ['Access-Control-Allow-Headers', 'content-type'],
		];
		expect(compareWithPolicy(policy, 'OPTIONS', req, { status: 401, headers })).toEqual([
			'access-control-allow-origin sent 2 times ("https://app.example.com" and "https://app.example.com"); a browser fails on that',
			'access-control-allow-methods: the policy sends "GET, PUT", the server "GET, PUT, delete"',
			'access-control-max-age: the policy sends "600", the server no such header',
			'Vary: Origin is missing: the answer depends on Origin, so a shared cache may serve it to another origin',
			'preflight status: the policy answers 204, the server 401',
		]);
	});

	test('a refused origin must get no CORS headers; Vary: * counts as varying on Origin', () => {
		const req: Header[] = [['Origin', 'https://evil.com']];
		expect(compareWithPolicy(policy, 'GET', req, { status: 200, headers: [['Vary', '*']] })).toEqual([]);
		expect(compareWithPolicy(policy, 'GET', req, { status: 200, headers: [['Access-Control-Allow-Origin', 'https://evil.com'], ['Vary', 'Origin']] })).toEqual([
			'access-control-allow-origin: the policy sends no such header, the server "https://evil.com"',
		]);
	});

	test('a preflight status is held to 2xx, or exactly when asked (the generator tests)', () => {
		const req = pre(APP, 'PUT');
		const headers = evaluatePolicy(policy, 'OPTIONS', req).headers;
		expect(compareWithPolicy(policy, 'OPTIONS', req, { status: 200, headers })).toEqual([]);
		expect(compareWithPolicy(policy, 'OPTIONS', req, { status: 200, headers }, { exactStatus: true })).toEqual(['preflight status: the policy answers 204, the server 200']);
	});
});

describe('verifyProbes', () => {
	test("from the policy's origin and from crafted ones; preflights for an allowed and a refused method and header", () => {
		const probes = verifyProbes(policy);
		expect(probes.map((p) => p.name)).toEqual([
			'GET from https://app.example.com',
			'GET without Origin',
			'preflight PUT with content-type from https://app.example.com',
			'preflight PATCH from https://app.example.com',
			`preflight PUT with ${PROBE_HEADER} from https://app.example.com`,
			'GET from https://evil.com',
			'GET from https://app.example.com.evil.com',
			'GET from https://evilexample.com',
			'GET from https://evil-app.example.com.evil.com',
			'GET from https://app.examplexcom',
			'GET from https://app.example.com_.evil.com',
			'GET from null',
			'GET from http://app.example.com',
			'GET from https://evil.app.example.com',
			'GET from https://evil-cors-audit.github.io',
			'preflight PUT with content-type from https://evil.com',
		]);
		expect(probes[2]?.headers).toEqual([['Origin', APP], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type']]);
	});

	test('--origin picks the allowed origin to test; a "*" policy (no headers allowed) is probed from an assumed site', () => {
		expect(verifyProbes(policy, 'https://admin.example.com')[0]?.name).toBe('GET from https://admin.example.com');
		const star = parsePolicyText('{"origins": "*"}', 'p.json');
		expect(verifyProbes(star).slice(0, 3).map((p) => p.name)).toEqual(['GET from https://app.example.com', 'GET without Origin', 'preflight PUT from https://app.example.com']);
	});
});
