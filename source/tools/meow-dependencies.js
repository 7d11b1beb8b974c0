// meow ships its dependencies pre-bundled in build/dependencies.js, together with
// read-package-up and normalize-package-data (SPDX licence lists, semver, hosted-git-info…),
// which only run when no `pkg` option is given. cors-tutor always passes `pkg`, so the build
// points meow at the same packages, at the versions meow bundles, minus those two.
export { default as y } from 'yargs-parser';
export { trimNewlines as t } from 'trim-newlines';
export { default as r } from 'redent';
export { default as c } from 'camelcase-keys';
export { default as d } from 'decamelize-keys';
export { default as e } from 'decamelize';
export { default as b } from 'minimist-options';

export function a() {
	throw new Error('cors-tutor: meow was called without the pkg option');
}

export function n(pkg) {
	return pkg;
}
