// Every rule is traceable: each "§N.M" cited anywhere in the source (the core's trace, the
// advice, the generators, the screens) and in the lessons and reference names a section that
// exists in the CORS fact sheet (test/fixtures/reference, a copy of ../shared's).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const facts = readFileSync(join(ROOT, 'test/fixtures/reference/cors-facts.md'), 'utf8');
const SECTIONS = new Set([...facts.matchAll(/^\*\*(\d+\.\d+)\b|^##+ (\d+(?:\.\d+)?)[. ]/gm)].map((m) => m[1] ?? m[2]));

function files(dir: string, ext: RegExp): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? files(p, ext) : ext.test(f) ? [p] : [];
	});
}

test('the fact sheet has its numbered sections', () => {
	expect(SECTIONS.size).toBeGreaterThan(50);
	expect(SECTIONS.has('3.1')).toBe(true);
});

test('every § cited in source/ and lessons/ exists in the fact sheet', () => {
	const missing: string[] = [];
	let cited = 0;
	for (const f of [...files(join(ROOT, 'source'), /\.tsx?$/), ...files(join(ROOT, 'lessons'), /\.md$/)]) {
		const text = readFileSync(f, 'utf8');
		// "§3.1", "§1.1-1.4", "§ 2.2"
		for (const m of text.matchAll(/§\s?(\d+(?:\.\d+)?)(?:\s*[-–]\s*(\d+(?:\.\d+)?))?/g))
			for (const n of [m[1], m[2]].filter((x): x is string => x !== undefined)) {
				cited++;
				if (!SECTIONS.has(n)) missing.push(`${relative(ROOT, f)}: §${n}`);
			}
	}
	expect(cited).toBeGreaterThan(300);
	expect(missing).toEqual([]);
});
