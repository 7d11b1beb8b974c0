/** The archive that source/launch/unpack.ts reads, of [dir, prefix] pairs (see pack-app.mjs). */
export function packApp(roots: readonly (readonly [dir: string, prefix: string])[]): Buffer;
