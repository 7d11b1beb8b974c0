// `verify` as text: one line per probe (✓ agrees, ✗ differs, ! no answer), each difference
// under it, and the tally.

import type { Style } from '../render/color.js';
import { escapeControl } from '../render/escape.js';
import { wrap } from '../render/text.js';
import type { ProbeResult } from './run.js';

export interface VerifyTally {
	readonly agree: number;
	readonly differ: number;
	readonly failed: number;
}

export function tally(results: readonly ProbeResult[]): VerifyTally {
	return {
		agree: results.filter((r) => !r.error && r.problems.length === 0).length,
		differ: results.filter((r) => r.problems.length > 0).length,
		failed: results.filter((r) => r.error).length,
	};
}

export function renderVerifyText(url: string, file: string, results: readonly ProbeResult[], o: { style: Style; width: number }): string {
	const c = o.style;
	const e = (s: string) => escapeControl(s, true);
	const out = [c.bold(`${e(url)} against ${e(file)}: ${results.length} requests`), ''];
	for (const r of results) {
		const status = r.status === null ? '' : c.dim(`  ${r.status}`);
		if (r.error) out.push(wrap(`  ${c.yellow('!')} ${e(r.probe.name)}  ${c.yellow(`no answer: ${e(r.error)}`)}`, o.width, 4));
		else if (r.problems.length === 0) out.push(wrap(`  ${c.green('✓')} ${e(r.probe.name)}${status}`, o.width, 4));
		else {
			out.push(wrap(`  ${c.red('✗')} ${e(r.probe.name)}${status}`, o.width, 4));
			for (const p of r.problems) out.push(wrap(`      ${e(p)}`, o.width, 6));
		}
	}
	const t = tally(results);
	out.push('');
	if (t.differ === 0 && t.failed === 0) out.push(c.green(c.bold(`✓ The server answers as the policy says, on all ${results.length} requests.`)));
	else {
		out.push(c.bold(`${c.red(`${t.differ} differ`)}, ${t.agree} agree${t.failed ? `, ${c.yellow(`${t.failed} got no answer`)}` : ''}.`));
		const statuses = [...new Set(results.map((r) => r.status))];
		const only = statuses.length === 1 ? statuses[0] : undefined;
		if (only === 401 || only === 403) out.push(wrap(`  Every request got ${only}: the server wants credentials before its CORS layer answers. Pass them with -H (e.g. -H "Authorization: Bearer …"); they go on every request but the preflights, which never carry credentials in a browser, so OPTIONS must be answered before authentication.`, o.width, 2));
		else if (results.some((r) => r.status === 401 || r.status === 403) && results.some((r) => r.probe.method === 'OPTIONS' && (r.status === 401 || r.status === 403)))
			out.push(wrap('  The preflights got 401/403: a browser sends OPTIONS without credentials, so the server must answer it before authentication.', o.width, 2));
		if (t.differ) out.push(wrap('  Fix the server (cors-tutor generate --policy … --target … writes its configuration), or the policy file if the server is right.', o.width, 2));
	}
	return out.join('\n');
}
