// "Fix the rule, never the case": nothing in source/ may name a recorded scenario.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const ids = readdirSync(join(ROOT, 'test/fixtures/oracle/scenarios')).map((f) => f.replace(/\.json$/, ''));

function* sourceFiles(dir: string): Generator<string> {
	for (const f of readdirSync(dir)) {
		const p = join(dir, f);
		if (statSync(p).isDirectory()) yield* sourceFiles(p);
		else yield p;
	}
}

test('no source file mentions a recorded scenario id', () => {
	const hits: string[] = [];
	for (const file of sourceFiles(join(ROOT, 'source'))) {
		const text = readFileSync(file, 'utf8');
		for (const id of ids) if (text.includes(id)) hits.push(`${file}: ${id}`);
	}
	expect(hits).toEqual([]);
});
