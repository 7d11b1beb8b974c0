#!/usr/bin/env node
// dist/cli.js, the `cors-tutor` binary: runs the app in dist/app/. A published copy ships the
// app and its lessons packed in dist/app.br (see launch/unpack.ts) and unpacks them on its first
// run; a built working tree has dist/app/ already (its lessons are in lessons/ at the root), and
// then this costs one existsSync.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ENTRY = 'cli.js';
const built = new URL(`app/${ENTRY}`, import.meta.url);

async function appEntry(): Promise<string> {
	if (existsSync(built)) return built.href;
	const { UnpackError, unpackApp } = await import('./launch/unpack.js');
	try {
		const { dir } = unpackApp(fileURLToPath(new URL('app.br', import.meta.url)), ENTRY);
		return pathToFileURL(`${dir}/${ENTRY}`).href;
	} catch (e) {
		if (!(e instanceof UnpackError)) throw e;
		process.stderr.write(`cors-tutor: ${e.message}\n`);
		process.exit(1);
	}
}

await import(await appEntry());
