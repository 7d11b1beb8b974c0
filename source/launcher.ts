#!/usr/bin/env node
// dist/cli.js, the `cors-tutor` binary: runs the app in dist/app/. A published copy ships the
// app packed in dist/app.br (see launch/unpack.ts) and unpacks it on its first run; a built
// working tree has dist/app/ already, and then this costs one existsSync.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from './launch/root.js';

const ENTRY = 'cli.js';
const built = new URL(`app/${ENTRY}`, import.meta.url);

async function appEntry(): Promise<string> {
	if (existsSync(built)) return built.href;
	const { UnpackError, unpackApp } = await import('./launch/unpack.js');
	try {
		const { dir } = unpackApp(fileURLToPath(new URL('app.br', import.meta.url)), ENTRY);
		// Unpacked in the cache, the app cannot find lessons/ by walking up from itself.
		(globalThis as Record<symbol, unknown>)[PACKAGE_ROOT] = fileURLToPath(new URL('..', import.meta.url));
		return pathToFileURL(`${dir}/${ENTRY}`).href;
	} catch (e) {
		if (!(e instanceof UnpackError)) throw e;
		process.stderr.write(`cors-tutor: ${e.message}\n`);
		process.exit(1);
	}
}

await import(await appEntry());
