// `npm run bench`: bundle each benchmark body with esbuild and run it. Prints medians and
// ratios against baselines measured in the same run; asserts nothing.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = mkdtempSync(join(tmpdir(), 'cors-tutor-bench-'));
// Ink only imports its React DevTools bridge when DEV=true; it would drag in react-devtools-core.
const noInkDevtools = {
	name: 'no-ink-devtools',
	setup(b) {
		b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) => (args.importer.includes('node_modules/ink/') ? { path: 'ink-devtools', namespace: 'empty' } : undefined));
		b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};', loader: 'js' }));
	},
};
// `npm run bench -- startup` runs only the benchmarks whose name contains a given word.
const only = process.argv.slice(2);
for (const entry of ['core-bench.ts', 'sandbox-bench.tsx', 'startup-bench.ts'].filter((e) => only.length === 0 || only.some((w) => e.includes(w)))) {
	const name = entry.replace(/\.tsx?$/, '');
	const file = join(out, `${name}.mjs`);
	await build({
		entryPoints: [`test/bench/${entry}`], outfile: file, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning',
		// As the app is built (source/tools/build.mjs): JSX, React's production build, require() for CommonJS deps.
		jsx: 'automatic', define: { 'process.env.NODE_ENV': '"production"' }, plugins: [noInkDevtools],
		banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
	});
	console.log(`── ${name}`);
	await import(pathToFileURL(file).href);
}
