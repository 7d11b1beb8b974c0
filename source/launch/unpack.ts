// The published package carries the app (dist/app/: the bundle's chunks, yoga's WebAssembly and
// the lessons) as one brotli archive, dist/app.br: the 1 MB that gzip brings to 330 kB packs to
// about 270 kB that way, and that is most of what `npx cors-tutor` downloads. The first run unpacks it
// beside itself, or in the user's cache folder when the package folder is read-only (a global
// install by root). Each place is filled through a temporary folder renamed into place, so a
// crash or two first runs at once never leave a half-written app behind.
//
// The archive (written by source/tools/pack-app.mjs): brotli of one JSON line, the list of
// [path, size] pairs, then the files' bytes in that order.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

/** What went wrong, for the user: names the archive or each folder tried, and the fix. */
export class UnpackError extends Error {}

export interface ArchiveFile {
	readonly path: string;
	readonly bytes: Buffer;
}

/** The files in an archive; throws UnpackError when it is not one this module wrote. */
export function readArchive(compressed: Buffer, name: string): ArchiveFile[] {
	let data: Buffer;
	try {
		data = brotliDecompressSync(compressed);
	} catch {
		throw new UnpackError(`${name} is damaged (it is not brotli data). Reinstall cors-tutor.`);
	}
	const newline = data.indexOf(10);
	let list: unknown;
	try {
		list = JSON.parse(data.subarray(0, newline).toString('utf8'));
	} catch {
		list = undefined;
	}
	if (newline < 0 || !Array.isArray(list)) throw new UnpackError(`${name} is damaged (its file list is missing). Reinstall cors-tutor.`);
	const files: ArchiveFile[] = [];
	let at = newline + 1;
	for (const entry of list as unknown[]) {
		const [path, size] = Array.isArray(entry) ? entry : [];
		// Only plain relative paths: nothing may land outside the folder being filled.
		const safe = typeof path === 'string' && /^[\w.-]+(\/[\w.-]+)*$/.test(path) && !path.split('/').some((p) => p === '..' || p === '.');
		if (!safe || !Number.isSafeInteger(size) || size < 0 || at + size > data.length) {
			throw new UnpackError(`${name} is damaged (bad entry ${JSON.stringify(entry)}). Reinstall cors-tutor.`);
		}
		files.push({ path, bytes: data.subarray(at, at + size) });
		at += size;
	}
	if (at !== data.length) throw new UnpackError(`${name} is damaged (${data.length - at} bytes after the last file). Reinstall cors-tutor.`);
	return files;
}

/** The per-user cache folder of this platform (XDG_CACHE_HOME, ~/Library/Caches, %LOCALAPPDATA%). */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
	if (platform === 'darwin') return join(home, 'Library', 'Caches');
	if (platform === 'win32') return env.LOCALAPPDATA || join(home, 'AppData', 'Local');
	return env.XDG_CACHE_HOME || join(home, '.cache');
}

/**
 * Write files into `target` through a temporary sibling renamed into place. True when target
 * holds the app. `files` is asked for only once the temporary folder exists, so a read-only
 * place costs no decompression.
 */
function fill(target: string, files: () => readonly ArchiveFile[], entry: string): true | Error {
	let temp: string | undefined;
	try {
		mkdirSync(dirname(target), { recursive: true });
		temp = mkdtempSync(`${target}.partial-`);
		const list = files();
		for (const dir of new Set(list.map((f) => dirname(f.path)))) if (dir !== '.') mkdirSync(join(temp, ...dir.split('/')), { recursive: true });
		for (const f of list) writeFileSync(join(temp, ...f.path.split('/')), f.bytes);
		renameSync(temp, target);
		temp = undefined;
		return true;
	} catch (e) {
		if (e instanceof UnpackError) throw e;
		// Another first run got there first: its copy is complete (it was renamed into place whole).
		if (existsSync(join(target, entry))) return true;
		return e instanceof Error ? e : new Error(String(e));
	} finally {
		if (temp) rmSync(temp, { recursive: true, force: true });
	}
}

export interface Unpacked {
	/** The folder that holds the app. */
	readonly dir: string;
	/** True when the app was written now (the first run), false when it was already there. */
	readonly fresh: boolean;
}

/**
 * The folder holding the unpacked app for `archive`, unpacking it first if needed: beside the
 * archive (dist/app), else in the user's cache (cors-tutor/<archive hash>/app). `entry` is the
 * file whose presence means the folder is complete.
 */
export function unpackApp(archive: string, entry: string, cacheDir = userCacheDir()): Unpacked {
	let compressed: Buffer;
	try {
		compressed = readFileSync(archive);
	} catch (e) {
		throw new UnpackError(`${archive} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}): this copy of cors-tutor is incomplete. Reinstall it.`);
	}
	let files: readonly ArchiveFile[] | undefined;
	const read = (): readonly ArchiveFile[] => {
		files ??= readArchive(compressed, archive);
		if (!files.some((f) => f.path === entry)) throw new UnpackError(`${archive} is damaged (it has no ${entry}). Reinstall cors-tutor.`);
		return files;
	};
	const failures: string[] = [];
	// "EACCES: permission denied, mkdtemp '…'" → "EACCES: permission denied"
	const failed = (dir: string, e: Error) => failures.push(`${dir}${sep}: ${e.message.split(',')[0]}`);
	const beside = join(dirname(archive), 'app');
	if (existsSync(join(beside, entry))) return { dir: beside, fresh: false };
	const done = fill(beside, read, entry);
	if (done === true) return { dir: beside, fresh: true };
	failed(beside, done);
	// The cache folder is named by the archive's hash: each version gets its own.
	const cached = join(cacheDir, 'cors-tutor', createHash('sha256').update(compressed).digest('hex').slice(0, 16), 'app');
	if (existsSync(join(cached, entry))) return { dir: cached, fresh: false };
	const second = fill(cached, read, entry);
	if (second === true) return { dir: cached, fresh: true };
	failed(cached, second);
	const choose = process.platform === 'darwin' || process.platform === 'win32' ? '' : ', or set XDG_CACHE_HOME to a writable folder';
	throw new UnpackError(`cannot unpack the app on its first run; it tried\n  ${failures.join('\n  ')}\nMake one of these folders writable${choose}.`);
}
