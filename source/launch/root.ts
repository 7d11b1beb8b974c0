// Where the package is, when the app runs from an unpacked copy in the user's cache (see
// launch/unpack.ts): the launcher records the package folder here, under a global symbol
// because the launcher and the app are separate bundles.
export const PACKAGE_ROOT: symbol = Symbol.for('cors-tutor.package-root');

/** The package folder the launcher recorded, if it ran the app from elsewhere. */
export function recordedPackageRoot(): string | undefined {
	const root = (globalThis as Record<symbol, unknown>)[PACKAGE_ROOT];
	return typeof root === 'string' ? root : undefined;
}
