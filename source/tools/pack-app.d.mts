/** The archive of dir that source/launch/unpack.ts reads (see pack-app.mjs). */
export function packApp(dir: string): Buffer;
