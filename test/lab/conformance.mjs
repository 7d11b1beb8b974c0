// `npm run conformance -- <command> ...`: bundle the lab's TypeScript with esbuild on the fly
// and run it. The browser drivers stay external (they are loaded from node_modules), so the
// bundle is written inside the project, where Node resolves them.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const outdir = join(root, 'node_modules/.cache/cors-tutor-lab');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, 'conformance.mjs');
const result = await build({
	entryPoints: [join(root, 'test/lab/main.ts')],
	outfile,
	write: false,
	bundle: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	packages: 'external',
	sourcemap: 'inline',
	logLevel: 'warning',
});
// Written atomically, so that two runs started together never import a half-written file.
const tmp = `${outfile}.${process.pid}.tmp`;
writeFileSync(tmp, result.outputFiles[0].contents);
renameSync(tmp, outfile);
await import(pathToFileURL(outfile).href);
