// The policy builder's reducer: editing every field, the schema's messages for bad input, the
// lint, the preview (exactly evaluatePolicy's answers) and the generated configuration.
import { describe, expect, test } from 'vitest';
import { findTarget, TARGETS } from '../../source/generators/registry.js';
import { evaluatePolicy } from '../../source/policy/evaluate.js';
import { lintPolicy } from '../../source/policy/lint.js';
import { parsePolicyText } from '../../source/policy/schema.js';
import { policyFileText } from '../../source/app/screens/builder/files.js';
import { type Action, type BuilderState, type FieldId, ROWS, fieldText, generatedOf, initialState, lintOf, previewOf, reducer } from '../../source/app/screens/builder/state.js';
import { helpFor, onKey } from '../../source/app/screens/builder/input.js';

const run = (s: BuilderState, ...actions: Action[]): BuilderState => actions.reduce(reducer, s);
const at = (f: FieldId): BuilderState => ({ ...initialState(), cursor: ROWS.indexOf(f) });
/** Open field `f`, type `text`, press Enter. */
const edit = (f: FieldId, text: string, s: BuilderState = initialState()): BuilderState => run({ ...s, cursor: ROWS.indexOf(f) }, { type: 'activate' }, { type: 'draft', text }, { type: 'commit', text });

describe('editing each field', () => {
	test('origins: a list, "*" and "reflect"', () => {
		let s = edit('origins', 'https://a.example, https://*.example.org');
		expect(s.policy.origins).toEqual([{ kind: 'exact', origin: 'https://a.example' }, { kind: 'subdomains', scheme: 'https', suffix: 'example.org', port: '', text: 'https://*.example.org' }]);
		expect(fieldText(s, 'origins')).toBe('https://a.example, https://*.example.org');
		expect(s.mode).toEqual({ kind: 'form', typing: null });
		s = edit('origins', '*', s);
		expect(s.policy.origins).toBe('*');
		s = edit('origins', 'reflect', s);
		expect(s.policy.origins).toBe('reflect');
	});

	test('methods, allow and expose headers, max-age', () => {
		let s = edit('methods', 'GET, PATCH');
		expect(s.policy.methods).toEqual(['GET', 'PATCH']);
		s = edit('allowHeaders', 'mirror', s);
		expect(s.policy.allowHeaders).toBe('mirror');
		s = edit('allowHeaders', 'X-Api-Key, Content-Type', s);
		expect(s.policy.allowHeaders).toEqual(['X-Api-Key', 'Content-Type']);
		s = edit('allowHeaders', '*', s);
		expect(s.policy.allowHeaders).toBe('*');
		s = edit('exposeHeaders', 'ETag, X-Total', s);
		expect(s.policy.exposeHeaders).toEqual(['ETag', 'X-Total']);
		s = edit('maxAge', '7200', s);
		expect(s.policy.maxAge).toBe(7200);
		s = edit('maxAge', '', s);
		expect(s.policy.maxAge).toBeNull();
	});

	test('credentials, preflight status and vary toggle with Enter; the target cycles', () => {
		let s = run(at('credentials'), { type: 'activate' });
		expect(s.policy.credentials).toBe(true);
		s = run({ ...s, cursor: ROWS.indexOf('preflightStatus') }, { type: 'activate' });
		expect(s.policy.preflightStatus).toBe(200);
		s = run(s, { type: 'cycle', by: 1 });
		expect(s.policy.preflightStatus).toBe(204);
		s = run({ ...s, cursor: ROWS.indexOf('vary') }, { type: 'activate' });
		expect(s.policy.vary).toBe(false);
		s = run({ ...s, cursor: ROWS.indexOf('target') }, { type: 'activate' });
		expect(s.target).toBe(1);
		s = run(s, { type: 'cycle', by: -1 }, { type: 'cycle', by: -1 });
		expect(s.target).toBe(TARGETS.length - 1);
		s = run(s, { type: 'target', id: 'express' });
		expect(TARGETS[s.target]?.id).toBe('express');
	});

	test('the sample request', () => {
		expect(edit('sampleOrigin', 'https://Other.Example:443').message?.text).toContain('write it as "https://other.example"');
		let s = edit('sampleOrigin', 'https://other.example');
		expect(s.sample.origin).toBe('https://other.example');
		s = edit('sampleMethod', 'DELETE', s);
		s = edit('sampleHeaders', 'Authorization, X-Trace', s);
		expect(s.sample).toEqual({ origin: 'https://other.example', method: 'DELETE', headers: ['Authorization', 'X-Trace'] });
	});

	test('Esc while typing keeps the old value', () => {
		const s = run(at('methods'), { type: 'activate' }, { type: 'draft', text: 'PUT' }, { type: 'cancel-typing' });
		expect(s.policy.methods).toEqual(initialState().policy.methods);
		expect(s.mode).toEqual({ kind: 'form', typing: null });
	});
});

describe('bad input: the schema\'s messages, and the field stays open', () => {
	test('an origin with a path', () => {
		const s = edit('origins', 'https://app.example.com/path');
		let schema = '';
		try {
			parsePolicyText(JSON.stringify({ origins: ['https://app.example.com/path'] }), 'policy');
		} catch (e) {
			schema = (e as { problems: string[] }).problems.join('; ');
		}
		expect(schema).not.toBe('');
		expect(s.message).toEqual({ tone: 'error', text: `Origins: ${schema}` });
		expect(s.mode).toEqual({ kind: 'form', typing: 'https://app.example.com/path' });
		expect(s.policy).toEqual(initialState().policy);
	});

	test('a method with a space', () => {
		const s = edit('methods', 'GET, PUT X');
		expect(s.message?.tone).toBe('error');
		expect(s.message?.text).toContain('methods[1]: "PUT X" is not a valid method');
		expect(s.policy.methods).toEqual(initialState().policy.methods);
	});

	test('a header name with $, a negative max-age, a pattern as the page origin', () => {
		expect(edit('allowHeaders', 'X-$a').message?.text).toContain('allowHeaders');
		expect(edit('maxAge', '-1').message?.text).toContain('maxAge is a number of seconds, 0 or more');
		expect(edit('maxAge', 'soon').message?.tone).toBe('error');
		expect(edit('sampleOrigin', 'https://*.example.com').message?.text).toContain('not a pattern');
		expect(edit('sampleMethod', 'P T').message?.text).toContain('not a valid method');
		expect(edit('sampleHeaders', 'X A').message?.text).toContain('not a valid header name');
	});
});

describe('derived panels', () => {
	test('the lint follows the policy', () => {
		const s = run(edit('origins', '*'), { type: 'cursor', by: 4 - ROWS.indexOf('origins') + ROWS.indexOf('origins') }, { type: 'activate' });
		expect(s.policy.credentials).toBe(true);
		expect(lintOf(s)).toEqual(lintPolicy(s.policy));
		expect(lintOf(s).map((f) => f.id)).toContain('wildcard-with-credentials');
	});

	test('the preview is evaluatePolicy\'s answer to the preflight and the actual request', () => {
		for (const s of [initialState(), edit('allowHeaders', 'mirror'), edit('origins', 'https://x.example'), edit('sampleHeaders', 'X-B, x-a, X-B')]) {
			const p = previewOf(s.policy, s.sample);
			expect(p.preflight).toEqual(evaluatePolicy(s.policy, 'OPTIONS', p.preflightRequest));
			expect(p.actual).toEqual(evaluatePolicy(s.policy, s.sample.method, p.actualRequest));
		}
		const p = previewOf(edit('allowHeaders', 'mirror').policy, { origin: 'https://app.example.com', method: 'PUT', headers: ['X-B', 'x-a', 'X-B'] });
		expect(p.preflightRequest).toEqual([['Origin', 'https://app.example.com'], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'x-a,x-b']]);
		expect(p.preflight.headers).toContainEqual(['Access-Control-Allow-Headers', 'x-a,x-b']);
		expect(p.preflight.status).toBe(204);
		expect(p.needsPreflight).toBe(true);
		expect(previewOf(initialState().policy, { origin: 'https://app.example.com', method: 'GET', headers: ['Accept'] }).needsPreflight).toBe(false);
		expect(previewOf(initialState().policy, { origin: 'https://app.example.com', method: 'POST', headers: ['Content-Type'] }).preflightRequest).toContainEqual(['Access-Control-Request-Headers', 'content-type']);
	});

	test('the configuration is the target\'s, with its warnings', () => {
		const s = edit('origins', '*');
		for (const id of ['nginx', 's3', 'express']) {
			const t = findTarget(id);
			const g = generatedOf(s.policy, id);
			expect(g).toMatchObject({ ok: true, id, ...t?.generate(s.policy) });
		}
	});

	test('c prints the whole configuration above the frame, to copy', () => {
		const s = run(initialState(), { type: 'print' }, { type: 'target', id: 's3' }, { type: 'print' });
		const nginx = findTarget('nginx')?.generate(s.policy).text ?? '';
		expect(s.printed.map((p) => p.id)).toEqual([1, 2]);
		expect(s.printed[0]?.lines.slice(1, -1).join('\n')).toBe(nginx.replace(/\n$/, ''));
		expect(s.printed[1]?.lines[0]).toContain('S3');
		expect(s.message?.tone).toBe('ok');
	});

	test('the policy file text loads back to the same policy', () => {
		const s = edit('origins', 'https://a.example, https://*.b.example');
		expect(parsePolicyText(policyFileText(s.policy), 'x.json')).toEqual(s.policy);
	});
});

describe('keys', () => {
	test('the form, typing and the save prompt each have their keys', () => {
		const k = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, home: false, end: false, super: false, hyper: false, capsLock: false, numLock: false } as Parameters<typeof onKey>[1];
		const s = initialState();
		expect(onKey('', { ...k, escape: true }, s)).toEqual({ type: 'home' });
		expect(onKey('', { ...k, tab: true }, s)).toEqual({ type: 'action', action: { type: 'panel' } });
		const typing = run(s, { type: 'activate' });
		expect(onKey('q', k, typing)).toEqual({ type: 'none' });
		expect(onKey('', { ...k, escape: true }, typing)).toEqual({ type: 'action', action: { type: 'cancel-typing' } });
		const saving = run(s, { type: 'open-save', what: 'policy' });
		expect(saving.mode).toEqual({ kind: 'save', what: 'policy', text: 'cors-policy.json', confirm: false });
		expect(helpFor(saving).map((h) => h.keys)).toEqual(['Enter', 'Esc']);
	});
});
