// `conformance compare <expected-dir> <actual-dir>`: field-by-field agreement of two sets of
// observation files, as FORMAT.md's "Scoring" defines it, per field and per category, then
// every disagreement.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const FIELDS = ['preflight_sent', 'request_sent', 'outcome', 'status', 'type', 'visible_headers', 'console_exact', 'console_ws'] as const;
export type Field = (typeof FIELDS)[number];

interface ObservationLike {
	step: number;
	[key: string]: unknown;
}

interface ResultsFile {
	id?: string;
	skipped?: string;
	observations?: ObservationLike[];
}

export interface Disagreement {
	file: string;
	step: number;
	field: Field;
	expected: unknown;
	/** Absent when the actual set has no such file or step (`missing`). */
	actual?: unknown;
	missing?: true;
}

export interface CompareResult {
	steps: number;
	agreedSteps: number;
	fields: Record<Field, { agree: number; total: number }>;
	categories: Record<string, { agreedSteps: number; steps: number }>;
	disagreements: Disagreement[];
	/** Files or steps present only in the actual set (not scored, listed). */
	extra: { file: string; step?: number }[];
}

const MISSING = Symbol('missing');

function readResults(dir: string, file: string): ResultsFile | undefined {
	const path = join(dir, file);
	if (!existsSync(path)) return undefined;
	return JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
}

function headerSet(v: unknown): unknown {
	return Array.isArray(v) ? [...new Set(v.map((h) => String(h).toLowerCase()))].sort() : v;
}

function ws(v: unknown): unknown {
	return typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v;
}

/** The value of one scored field of one observation (undefined fields are kept as such). */
function valueOf(o: ObservationLike, field: Field): unknown {
	switch (field) {
		case 'visible_headers':
			return headerSet(o.visible_headers);
		case 'console_exact':
			return o.console;
		case 'console_ws':
			return ws(o.console);
		default:
			return o[field];
	}
}

function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

export function compareDirs(expectedDir: string, actualDir: string): CompareResult {
	const list = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
	const expectedFiles = list(expectedDir);
	const result: CompareResult = {
		steps: 0,
		agreedSteps: 0,
		fields: Object.fromEntries(FIELDS.map((f) => [f, { agree: 0, total: 0 }])) as CompareResult['fields'],
		categories: {},
		disagreements: [],
		extra: [],
	};
	for (const file of expectedFiles) {
		const expected = readResults(expectedDir, file);
		const actual = readResults(actualDir, file);
		const category = file.replace(/\.json$/, '').split('-')[0] ?? file;
		const cat = (result.categories[category] ??= { agreedSteps: 0, steps: 0 });
		const actualSteps = new Map((actual?.skipped ? [] : (actual?.observations ?? [])).map((o) => [o.step, o]));
		for (const want of expected?.observations ?? []) {
			const got = actualSteps.get(want.step);
			actualSteps.delete(want.step);
			let all = true;
			for (const field of FIELDS) {
				const e = valueOf(want, field);
				const a = got ? valueOf(got, field) : MISSING;
				const ok = a !== MISSING && same(e, a);
				result.fields[field].total++;
				if (ok) result.fields[field].agree++;
				else {
					all = false;
					result.disagreements.push(a === MISSING ? { file, step: want.step, field, expected: e, missing: true } : { file, step: want.step, field, expected: e, actual: a });
				}
			}
			result.steps++;
			cat.steps++;
			if (all) {
				result.agreedSteps++;
				cat.agreedSteps++;
			}
		}
		for (const step of actualSteps.keys()) result.extra.push({ file, step });
	}
	const expectedSet = new Set(expectedFiles);
	for (const file of list(actualDir)) if (!expectedSet.has(file)) result.extra.push({ file });
	return result;
}

const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));

export function formatCompare(r: CompareResult, expectedDir: string, actualDir: string): string {
	const out: string[] = [];
	out.push(`expected: ${expectedDir}`, `actual:   ${actualDir}`, '');
	out.push(`steps agreeing on every field: ${r.agreedSteps}/${r.steps} (${pct(r.agreedSteps, r.steps)})`, '');
	out.push('per field:');
	for (const f of FIELDS) {
		const { agree, total } = r.fields[f];
		out.push(`  ${f.padEnd(16)} ${`${agree}/${total}`.padStart(9)} ${pct(agree, total).padStart(7)}`);
	}
	out.push('', 'per category (steps agreeing on every field):');
	for (const [cat, { agreedSteps, steps }] of Object.entries(r.categories).sort(([a], [b]) => (a < b ? -1 : 1))) {
		out.push(`  ${cat.padEnd(16)} ${`${agreedSteps}/${steps}`.padStart(9)} ${pct(agreedSteps, steps).padStart(7)}`);
	}
	out.push('', r.disagreements.length ? `disagreements (${r.disagreements.length}):` : 'disagreements: none');
	for (const d of r.disagreements) {
		out.push(`  ${d.file} step ${d.step} ${d.field}`, `    expected: ${show(d.expected)}`, `    actual:   ${d.missing ? '(missing)' : show(d.actual)}`);
	}
	if (r.extra.length) {
		out.push('', `only in the actual set (${r.extra.length}, not scored):`);
		for (const x of r.extra) out.push(`  ${x.file}${x.step === undefined ? '' : ` step ${x.step}`}`);
	}
	return `${out.join('\n')}\n`;
}
