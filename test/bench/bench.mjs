// `npm run bench`: bundle each benchmark body with esbuild and run it. Prints medians and
// ratios against baselines measured in the same run; asserts nothing.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = mkdtempSync(join(tmpdir(), 'cors-tutor-bench-'));
for (const name of ['core-bench']) {
	const file = join(out, `${name}.mjs`);
	await build({ entryPoints: [`test/bench/${name}.ts`], outfile: file, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
	console.log(`── ${name}`);
	await import(pathToFileURL(file).href);
}
