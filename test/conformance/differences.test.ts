// test/lab/DIFFERENCES.md is generated from the recordings: it must match them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { differencesTable } from '../lab/differences.js';

const ROOT = join(import.meta.dirname, '../..');
const FILE = join(ROOT, 'test/lab/DIFFERENCES.md');

test('the Chromium/Firefox differences table is up to date with the recordings', () => {
	const table = differencesTable([
		{ name: 'shared oracle', scenarios: join(ROOT, 'test/fixtures/oracle/scenarios'), chromium: join(ROOT, 'test/fixtures/oracle/chromium'), firefox: join(ROOT, 'test/fixtures/oracle/firefox') },
		{ name: 'lab corpus', scenarios: join(ROOT, 'test/lab/corpus/scenarios'), chromium: join(ROOT, 'test/lab/corpus/chromium'), firefox: join(ROOT, 'test/lab/corpus/firefox') },
	]);
	if (process.env.UPDATE_DIFFERENCES) writeFileSync(FILE, table);
	expect(existsSync(FILE)).toBe(true);
	expect(readFileSync(FILE, 'utf8')).toBe(table);
});
