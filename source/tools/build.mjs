// One ESM bundle in dist/app/: every runtime package bundled, so the published package has no
// dependencies. Ink-only pieces are split into lazily imported chunks. dist/cli.js, the binary,
// is a separate small bundle that runs dist/app/cli.js (source/launcher.ts); `npm pack` ships
// dist/app/ packed as dist/app.br (source/tools/pack-app.mjs).
import { build } from 'esbuild';
import { thirdPartyLicenses } from './licences.mjs';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const YOGA_WASM = 'yoga.wasm';
rmSync('dist', { recursive: true, force: true });
/** Both bundles: ESM for Node 20, split into lazily imported chunks, minified. */
const COMMON = {
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	// Text as UTF-8, not \u escapes: the app's text is full of "…", "—", "✓" and quotes.
	charset: 'utf8',
	legalComments: 'none',
	logLevel: 'warning',
};
const result = await build({
	...COMMON,
	// The curriculum's worker (source/content/load-soon.ts) sits with the chunks that start it.
	entryPoints: ['source/cli.ts', { in: 'source/content/load-worker.ts', out: 'chunks/load-worker' }],
	outdir: 'dist/app',
	chunkNames: 'chunks/[name]-[hash]',
	define: { 'process.env.NODE_ENV': '"production"' },
	banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
	// Ink imports its React DevTools bridge only when DEV=true; it would drag in react-devtools-core.
	metafile: true,
	plugins: [
		{
			// yoga-layout (Ink's layout engine) embeds its WebAssembly as a base64 string: 121 kB
			// that gzip only brings to 50 kB, and loads it with fetch(), which makes Node load undici
			// (~35 ms of start-up). Shipped as a binary beside the chunk that loads it, the same bytes
			// pack to 29 kB, and yoga gets them as `wasmBinary`, read from disk.
			name: 'yoga-wasm-file',
			setup(b) {
				b.onLoad({ filter: /yoga-wasm-base64-esm\.js$/ }, (args) => {
					const source = readFileSync(args.path, 'utf8');
					const m = source.match(/"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/);
					if (!m) throw new Error(`${args.path}: the embedded WebAssembly was not found; update the yoga-wasm-file plugin`);
					mkdirSync('dist/app/chunks', { recursive: true });
					writeFileSync(`dist/app/chunks/${YOGA_WASM}`, Buffer.from(m[1], 'base64'));
					return { contents: source.replace(m[0], () => '"data:application/octet-stream;base64,"'), loader: 'js' };
				});
				b.onLoad({ filter: /yoga-layout\/dist\/src\/index\.js$/ }, (args) => {
					const source = readFileSync(args.path, 'utf8');
					const call = 'await loadYoga()';
					if (!source.includes(call)) throw new Error(`${args.path}: "${call}" was not found; update the yoga-wasm-file plugin`);
					const load = `await loadYoga({ wasmBinary: __yogaRead(new URL("./${YOGA_WASM}", import.meta.url)) })`;
					return { contents: `import { readFileSync as __yogaRead } from "node:fs";\n${source.replace(call, load)}`, loader: 'js' };
				});
			},
		},
		{
			// wrap-ansi (Ink's text wrapping) asks for string-width 7, which measures emoji with the
			// emoji-regex package (14 kB); Ink itself uses string-width 8 (same API), which uses the
			// regular expression engine's \p{RGI_Emoji}. One copy, and text wraps by the same widths
			// Ink lays it out with.
			name: 'one-string-width',
			setup(b) {
				const top = new URL('../../node_modules/string-width/index.js', import.meta.url).pathname;
				b.onResolve({ filter: /^string-width$/ }, (args) => (args.importer.includes(`${'node_modules'}/wrap-ansi/`) ? { path: top } : undefined));
			},
		},
		{
			// Packages that want more than we use, or an older copy of one we already bundle:
			// ink-select-input uses one symbol of figures' table; decamelize-keys (meow's) asks for
			// quick-lru 6, whose API 7 keeps (new QuickLRU({maxSize})).
			name: 'smaller-dependencies',
			setup(b) {
				const pointer = new URL('./figures-pointer.js', import.meta.url).pathname;
				const quickLru = new URL('../../node_modules/quick-lru/index.js', import.meta.url).pathname;
				b.onResolve({ filter: /^figures$/ }, (args) => (args.importer.includes(`${'node_modules'}/ink-select-input/`) ? { path: pointer } : undefined));
				b.onResolve({ filter: /^quick-lru$/ }, (args) => (args.importer.includes(`${'node_modules'}/decamelize-keys/`) ? { path: quickLru } : undefined));
			},
		},
		{
			name: 'meow-dependencies',
			setup(b) {
				b.onResolve({ filter: /^\.\/dependencies\.js$/ }, (args) => (args.importer.includes(`${'node_modules'}/meow/`) ? { path: new URL('./meow-dependencies.js', import.meta.url).pathname } : undefined));
			},
		},
		{
			name: 'no-ink-devtools',
			setup(b) {
				b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) => (args.importer.includes(`${'node_modules'}/ink/`) ? { path: 'ink-devtools', namespace: 'empty' } : undefined));
				b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};', loader: 'js' }));
			},
		},
	],
});
// The WebAssembly is found relative to the chunk that holds yoga's loader: it must be in dist/app/chunks.
const yogaOut = Object.entries(result.metafile.outputs).filter(([, o]) => Object.keys(o.inputs).some((i) => i.includes('yoga-layout/dist/src/index.js')));
if (yogaOut.length !== 1 || !yogaOut[0][0].startsWith('dist/app/chunks/')) throw new Error(`yoga's loader ended up in ${yogaOut.map(([f]) => f).join(', ') || 'no output'}, not one file in dist/app/chunks/`);
if (process.env.BUILD_META) writeFileSync(process.env.BUILD_META, JSON.stringify(result.metafile));
writeFileSync('dist/THIRD-PARTY-LICENSES.md', thirdPartyLicenses(result.metafile));
const soon = Object.entries(result.metafile.outputs).filter(([, o]) => Object.keys(o.inputs).includes('source/content/load-soon.ts'));
if (soon.length !== 1 || !soon[0][0].startsWith('dist/app/chunks/')) throw new Error('load-soon.ts must end up in one chunk in dist/app/chunks/, beside chunks/load-worker.js');
// The app's chunks are ES modules wherever they are unpacked (launch/unpack.ts may put them in
// the user's cache, outside this package and its "type": "module").
writeFileSync('dist/app/package.json', '{ "type": "module" }\n');
// The binary. Split too, so that running an already unpacked app never loads the unpacking code.
await build({ ...COMMON, entryPoints: { cli: 'source/launcher.ts' }, outdir: 'dist', chunkNames: 'launch-[hash]' });
chmodSync('dist/cli.js', 0o755);
