// One ESM bundle in dist/: every runtime package bundled, so the published package has no
// dependencies. Ink-only pieces are split into lazily imported chunks.
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
	entryPoints: ['source/cli.ts'],
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	legalComments: 'none',
	chunkNames: 'chunks/[name]-[hash]',
	define: { 'process.env.NODE_ENV': '"production"' },
	banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
	// Ink imports its React DevTools bridge only when DEV=true; it would drag in react-devtools-core.
	plugins: [
		{
			name: 'no-ink-devtools',
			setup(b) {
				b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) => (args.importer.includes(`${'node_modules'}/ink/`) ? { path: 'ink-devtools', namespace: 'empty' } : undefined));
				b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};', loader: 'js' }));
			},
		},
	],
	logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
