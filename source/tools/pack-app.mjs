// `npm pack` runs this (prepack): dist/app/ and the lessons become dist/app.br, which the
// package ships in their place and the launcher unpacks on the first run, the lessons in
// dist/app/lessons/ (source/launch/unpack.ts reads the format: brotli of one JSON line listing
// [path, size] pairs, then the files' bytes in that order).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

/** Every file under dir, in a stable order, as [prefix + relative path with /, bytes]. */
function filesUnder(dir, prefix) {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((d) => d.isFile())
		.map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
		.sort()
		.map((path) => [prefix + path, readFileSync(join(dir, path))]);
}

/**
 * The archive of the folders given as [dir, prefix] pairs (each file is stored as prefix +
 * its path under dir), with the best brotli compression: it is written once and read once
 * per install.
 */
export function packApp(roots) {
	// Like with like, the largest first: brotli finds more to share (0.6 kB smaller than by name).
	const kind = ([path]) => (path.endsWith('.wasm') ? 2 : path.endsWith('.md') ? 1 : 0);
	const files = roots.flatMap(([dir, prefix]) => filesUnder(dir, prefix)).sort((a, b) => kind(a) - kind(b) || b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
	const paths = files.map(([p]) => p);
	const twice = paths.find((p, i) => paths.indexOf(p) !== i);
	if (twice) throw new Error(`pack-app: ${twice} would be in the archive twice`);
	const data = Buffer.concat([Buffer.from(`${JSON.stringify(files.map(([p, b]) => [p, b.length]))}\n`), ...files.map(([, b]) => b)]);
	return brotliCompressSync(data, {
		params: {
			[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
			[constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
			[constants.BROTLI_PARAM_SIZE_HINT]: data.length,
		},
	});
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	if (!existsSync('dist/app/cli.js')) {
		process.stderr.write('pack-app: dist/app/cli.js is missing. Run `npm run build` before `npm pack`.\n');
		process.exit(1);
	}
	writeFileSync('dist/app.br', packApp([['dist/app', ''], ['lessons', 'lessons/']]));
}
