// The packed app (dist/app.br) and its first-run unpacking: source/tools/pack-app.mjs writes
// the archive, source/launch/unpack.ts reads it and fills a folder.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { UnpackError, readArchive, unpackApp, userCacheDir } from '../../source/launch/unpack.js';
import { packApp } from '../../source/tools/pack-app.mjs';

const WASM = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 255, 254, 10, 13]);

/** A built app folder and, beside it, an installed package holding only its archive. */
function fixture(): { app: string; archive: string; cache: string } {
	const root = mkdtempSync(join(tmpdir(), 'cors-tutor-unpack-'));
	const app = join(root, 'built');
	mkdirSync(join(app, 'chunks'), { recursive: true });
	writeFileSync(join(app, 'cli.js'), 'import "./chunks/a.js";\n');
	writeFileSync(join(app, 'package.json'), '{ "type": "module" }\n');
	writeFileSync(join(app, 'chunks/a.js'), 'export const a = "é";\n');
	writeFileSync(join(app, 'chunks/yoga.wasm'), WASM);
	mkdirSync(join(root, 'pkg/dist'), { recursive: true });
	const archive = join(root, 'pkg/dist/app.br');
	writeFileSync(archive, packApp([[app, '']]));
	return { app, archive, cache: join(root, 'cache') };
}

const listing = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).map((p) => p.split('\\').join('/')).sort();

describe('packApp and unpackApp', () => {
	test('the first run fills dist/app beside the archive with the same bytes; later runs find it', () => {
		const { app, archive, cache } = fixture();
		const first = unpackApp(archive, 'cli.js', cache);
		expect(first).toEqual({ dir: join(archive, '../app'), fresh: true });
		expect(listing(first.dir)).toEqual(listing(app));
		for (const f of ['cli.js', 'package.json', 'chunks/a.js', 'chunks/yoga.wasm']) expect(readFileSync(join(first.dir, f))).toEqual(readFileSync(join(app, f)));
		expect(unpackApp(archive, 'cli.js', cache)).toEqual({ dir: first.dir, fresh: false });
		// No temporary folder is left behind, and the cache was not touched.
		expect(readdirSync(join(archive, '..')).sort()).toEqual(['app', 'app.br']);
		expect(existsSync(cache)).toBe(false);
	});

	test('when the package folder cannot take it, the app goes to the cache, under the archive hash', () => {
		const { app, archive, cache } = fixture();
		writeFileSync(join(archive, '../app'), 'a file where the folder would go');
		const first = unpackApp(archive, 'cli.js', cache);
		expect(first.fresh).toBe(true);
		expect(first.dir).toMatch(new RegExp(`^${cache.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}[/\\\\]cors-tutor[/\\\\][0-9a-f]{16}[/\\\\]app$`));
		expect(listing(first.dir)).toEqual(listing(app));
		expect(unpackApp(archive, 'cli.js', cache)).toEqual({ dir: first.dir, fresh: false });
		expect(readdirSync(join(archive, '..')).sort()).toEqual(['app', 'app.br']);
		// A different archive (another version) gets its own folder.
		writeFileSync(join(app, 'chunks/a.js'), 'export const a = 2;\n');
		writeFileSync(archive, packApp([[app, '']]));
		const next = unpackApp(archive, 'cli.js', cache);
		expect(next.dir).not.toBe(first.dir);
		expect(readFileSync(join(next.dir, 'chunks/a.js'), 'utf8')).toBe('export const a = 2;\n');
	});

	test('when neither place can take it, the error names both and the fix', () => {
		const { archive, cache } = fixture();
		writeFileSync(join(archive, '../app'), '');
		writeFileSync(cache, '');
		const e = (() => {
			try {
				unpackApp(archive, 'cli.js', cache);
			} catch (x) {
				return x;
			}
		})();
		expect(e).toBeInstanceOf(UnpackError);
		const message = (e as Error).message;
		expect(message).toContain(join(archive, '../app'));
		expect(message).toContain(join(cache, 'cors-tutor'));
		expect(message).toMatch(/ENOTDIR|EEXIST/);
		expect(message).toMatch(/Make one of these folders writable/);
		expect(readdirSync(join(archive, '..')).sort()).toEqual(['app', 'app.br']);
	});

	test('a half-written folder left by a crash is ignored: the app is written whole beside it', () => {
		const { app, archive, cache } = fixture();
		mkdirSync(join(archive, '../app.partial-crash/chunks'), { recursive: true });
		writeFileSync(join(archive, '../app.partial-crash/chunks/a.js'), 'export const a =');
		const { dir } = unpackApp(archive, 'cli.js', cache);
		expect(listing(dir)).toEqual(listing(app));
	});

	test('a missing archive says the copy is incomplete', () => {
		const { archive, cache } = fixture();
		expect(() => unpackApp(`${archive}.gone`, 'cli.js', cache)).toThrow(/app\.br\.gone cannot be read \(ENOENT\).*incomplete.*Reinstall/);
	});

	test('several folders go in under their prefixes; a path given twice is refused', () => {
		const { app } = fixture();
		const lessons = join(app, '../lessons');
		mkdirSync(join(lessons, 'reference'), { recursive: true });
		writeFileSync(join(lessons, '01-origins.md'), '# Origins\n');
		writeFileSync(join(lessons, 'reference/vary.md'), '# Vary\n');
		const files = readArchive(packApp([[app, ''], [lessons, 'lessons/']]), 'x');
		// Like with like (code, text, WebAssembly), the largest first.
		expect(files.map((f) => f.path)).toEqual(['cli.js', 'chunks/a.js', 'package.json', 'lessons/01-origins.md', 'lessons/reference/vary.md', 'chunks/yoga.wasm']);
		expect(() => packApp([[app, ''], [app, '']])).toThrow(/cli\.js would be in the archive twice/);
	});

	test('an archive without the entry file is refused', () => {
		const { archive, cache } = fixture();
		expect(() => unpackApp(archive, 'main.js', cache)).toThrow(/damaged \(it has no main\.js\)/);
		expect(existsSync(join(archive, '../app'))).toBe(false);
	});
});

describe('readArchive refuses damaged archives, naming the file', () => {
	const br = (s: string | Buffer) => brotliCompressSync(s);
	test.each([
		['not brotli', Buffer.from('plain text'), /not brotli/],
		['no file list', br('just bytes'), /file list is missing/],
		['a list that is not JSON', br('{oops\nabc'), /file list is missing/],
		['a path that climbs out', br('[["../evil.js",1]]\nx'), /bad entry \["\.\.\/evil\.js",1\]/],
		['an absolute path', br('[["/etc/x",1]]\nx'), /bad entry/],
		['a dot segment', br('[["a/./b",1]]\nx'), /bad entry/],
		['a size past the end', br('[["a.js",5]]\nx'), /bad entry/],
		['a negative size', br('[["a.js",-1]]\nx'), /bad entry/],
		['bytes after the last file', br('[["a.js",1]]\nxyz'), /2 bytes after the last file/],
	])('%s', (_, data, message) => {
		expect(() => readArchive(data, '/x/dist/app.br')).toThrow(UnpackError);
		expect(() => readArchive(data, '/x/dist/app.br')).toThrow(message);
		expect(() => readArchive(data, '/x/dist/app.br')).toThrow(/\/x\/dist\/app\.br is damaged.*Reinstall cors-tutor/);
	});

	test('an empty file and nested paths read back', () => {
		expect(readArchive(br('[["a/b/c.js",0],["d.js",2]]\nhi'), 'x').map((f) => [f.path, f.bytes.toString()])).toEqual([
			['a/b/c.js', ''],
			['d.js', 'hi'],
		]);
	});
});

test('the cache folder follows each platform', () => {
	expect(userCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/home/u')).toBe('/x/cache');
	expect(userCacheDir({}, 'linux', '/home/u')).toBe(join('/home/u', '.cache'));
	expect(userCacheDir({ XDG_CACHE_HOME: '/x/cache' }, 'darwin', '/Users/u')).toBe(join('/Users/u', 'Library', 'Caches'));
	expect(userCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Local');
});
