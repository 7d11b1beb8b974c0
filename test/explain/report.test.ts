// The explain report as data and as lines: the sections in order, the wrapping on a screen
// (every row within the width) and the lesson and configuration sections when given.
import { describe, expect, test } from 'vitest';
import { advise } from '../../source/explain/advice.js';
import { recognise } from '../../source/explain/recognize.js';
import { explainReport, lessonFor, noConfigReason, notCorsMessage, reportLayout } from '../../source/explain/report.js';
import { findTarget } from '../../source/generators/registry.js';
import { PLAIN } from '../../source/render/color.js';

const chrome = "Access to fetch at 'https://api.example.com/items' from origin 'https://app.example.com' has been blocked by CORS policy: Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.";
const firefox = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/items. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.';

const primary = (text: string) => {
	const r = recognise(text).primary;
	if (!r) throw new Error('not recognised');
	return r;
};

describe('explainReport', () => {
	test('sections in order, with the lesson and the configuration when given', () => {
		const r = primary(chrome);
		const a = advise(r);
		const nginx = findTarget('nginx');
		const config = nginx && a.policy ? nginx.generate(a.policy) : null;
		const rep = explainReport(r, a, { config: config && { name: 'nginx', ...config }, lesson: { ref: { id: 'allow-methods-headers', number: 6, title: 'Methods and headers' }, open: 'press l' } });
		expect(rep.heading).toBe('Chrome / Chromium / Edge · header-not-allowed · preflight');
		expect(rep.sections.map((s) => s.id)).toEqual(['what', 'fix', 'steps', 'traps', 'config', 'lesson', 'rules']);
		const { lines, offsets } = reportLayout(rep, { style: PLAIN, width: 60, wrapAll: true });
		expect(lines[(offsets.config ?? 0) + 1]).toBe('On nginx');
		expect(lines).toContain('Learn it: lesson 6, "Methods and headers" — press l');
		for (const l of lines) expect(l.length).toBeLessThanOrEqual(60);
	});

	test('without wrapAll the configuration keeps its long lines (copyable as printed)', () => {
		const r = { ...primary(firefox), origin: 'https://app.example.com' };
		const a = advise(r);
		const rep = explainReport(r, a, { config: { name: 'X', text: `${'x'.repeat(90)}\nshort`, warnings: [] } });
		const { lines } = reportLayout(rep, { style: PLAIN, width: 60 });
		expect(lines).toContain(`  ${'x'.repeat(90)}`);
		// Everything else, prose, the lesson line and the rules line included, fits the width.
		expect(lines.filter((l) => l.length > 60)).toEqual([`  ${'x'.repeat(90)}`]);
	});

	test('no server configuration without the page origin, or for a browser-side failure', () => {
		const ff = primary(firefox);
		expect(noConfigReason(ff, advise(ff))).toMatch(/does not name the page origin/);
		const withOrigin = { ...ff, origin: 'https://app.example.com' };
		expect(noConfigReason(withOrigin, advise(withOrigin))).toBeNull();
		const redirect = primary("Redirect location 'https://u:p@x.example/' contains a username and password, which is disallowed for cross-origin requests.");
		expect(noConfigReason({ ...redirect, origin: 'https://app.example.com' }, advise(redirect))).toMatch(/not fixed in the server's CORS configuration/);
	});

	test('lessonFor finds the lesson among those given; notCorsMessage names the two cases', () => {
		expect(lessonFor('missing-allow-origin', [{ id: 'allow-origin', number: 4, title: 'ACAO' }])).toEqual({ id: 'allow-origin', number: 4, title: 'ACAO' });
		expect(lessonFor('missing-allow-origin', [])).toBeNull();
		expect(notCorsMessage(null)).toMatch(/not a CORS error message/);
		expect(notCorsMessage({ method: 'GET', url: 'https://x/', error: 'ERR_FAILED', status: null })).toMatch(/Paste that line/);
	});
});
