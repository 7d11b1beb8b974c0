// dist/THIRD-PARTY-LICENSES.md: the bundle contains other people's code, so it ships their licences.
import { readFileSync, readdirSync } from 'node:fs';

/** The licence of every package bundled into dist/, each distinct text once, with its copyright lines. */
export function thirdPartyLicenses(metafile) {
	const packages = new Map();
	for (const o of Object.values(metafile.outputs)) {
		for (const input of Object.keys(o.inputs)) {
			const m = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
			if (m && !packages.has(m[1])) packages.set(m[1], JSON.parse(readFileSync(`${m[1]}/package.json`, 'utf8')));
		}
	}
	const groups = new Map();
	for (const [dir, pkg] of [...packages].sort(([, a], [, b]) => a.name.localeCompare(b.name))) {
		const file = readdirSync(dir).find((f) => /^licen[cs]e([-.][\w.-]*)?$/i.test(f));
		const text = file ? readFileSync(`${dir}/${file}`, 'utf8').replace(/\r\n/g, '\n').trim() : unfiledLicence(pkg);
		const copyright = text.split('\n').filter((l) => /^\s*copyright\b/i.test(l) && /\d{4}|\(c\)|©/i.test(l)).map((l) => l.trim());
		const body = text.split('\n').filter((l) => !copyright.includes(l.trim())).join('\n').replace(/\n{3,}/g, '\n\n').trim();
		const group = groups.get(body) ?? [];
		group.push(`- ${pkg.name} ${pkg.version} (${pkg.license ?? 'see below'})${copyright.length ? `: ${copyright.join('; ')}` : ''}`);
		groups.set(body, group);
	}
	const parts = ['# Third-party software bundled in cors-tutor', '', 'dist/ contains the following packages; each is used under the licence that follows its name.', ''];
	for (const [body, names] of groups) parts.push(...names, '', '```', body, '```', '');
	return parts.join('\n');
}

// Packages that publish no LICENSE file: their licence with the copyright notice from their sources.
const UNFILED = { 'yoga-layout': 'Copyright (c) Meta Platforms, Inc. and affiliates.' };

function unfiledLicence(pkg) {
	const copyright = UNFILED[pkg.name];
	if (pkg.license !== 'MIT' || !copyright) throw new Error(`${pkg.name} has no LICENSE file; add its copyright notice to UNFILED in source/tools/build.mjs`);
	return `MIT License

${copyright}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;
}
