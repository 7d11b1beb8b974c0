// `cors-tutor explain "<console message>"`: from a red console line to the cause and the fix.

import { parseCommand } from '../cli/parse.js';
import { type FlagSpec, UsageError, flagHelp } from '../cli/usage.js';
import { advise } from '../explain/advice.js';
import { type Recognized, recognise } from '../explain/recognize.js';
import { explainReport, needsOrigin, noConfigReason, notCorsMessage, reportLayout } from '../explain/report.js';
import { lessonJson, shippedLessonFor } from '../explain/shipped-lesson.js';
import { TARGETS, findTarget } from '../generators/registry.js';
import { parseOriginRule } from '../policy/model.js';
import { ANSI, PLAIN, colorEnabled } from '../render/color.js';

const FLAGS = {
	target: { type: 'string', description: 'Also print the fix as configuration for this server (see cors-tutor generate --list-targets)' },
	origin: { type: 'string', description: "Your page's origin, when the message does not name it (Firefox and Safari messages do not)" },
	json: { type: 'boolean', description: 'Print {browser, code, stage, header, value, explanation, fix, …} as JSON' },
	color: { type: 'boolean', description: 'Use --no-color for plain output' },
} satisfies Record<string, FlagSpec>;

export const HELP = `
  Explain a CORS error from the browser console: what failed, where, and the fix.

  Examples
    $ cors-tutor explain "Access to fetch at 'https://api.example.com/items' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource."
    $ cors-tutor explain "Reason: CORS header ‘Access-Control-Allow-Origin’ missing" --origin https://app.example.com --target nginx
    $ pbpaste | cors-tutor explain --json

  Usage
    $ cors-tutor explain "<message>"
    $ cors-tutor explain < console.txt

  Options
${flagHelp(FLAGS)}

  Chromium, Edge, Firefox and Safari messages are recognised, whole or in part.
  Exit codes: 0 explained, 1 not a CORS error message, 2 usage error.
`;

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const c of process.stdin) chunks.push(c as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export async function explain(argv: readonly string[], version: string): Promise<number> {
	const cli = parseCommand('explain', HELP, FLAGS, argv, version);
	const flags = cli.flags as { target?: string; origin?: string; json?: boolean; color?: boolean };
	const target = flags.target === undefined ? undefined : findTarget(flags.target);
	if (flags.target !== undefined && !target) throw new UsageError(`unknown target "${flags.target}"`, `targets: ${TARGETS.map((t) => t.id).join(', ')}`);
	if (flags.origin !== undefined) {
		const r = parseOriginRule(flags.origin);
		if ('error' in r || r.kind !== 'exact') throw new UsageError(`--origin: ${'error' in r ? r.error : 'give one exact origin, e.g. https://app.example.com'}`);
	}
	let text = cli.input.join(' ');
	if (text.trim() === '' || text === '-') {
		if (process.stdin.isTTY) throw new UsageError('paste the console message in quotes, or pipe it in', 'example: cors-tutor explain "Access to fetch at …"');
		text = await readStdin();
		if (text.trim() === '') throw new UsageError('no message: paste the console message in quotes, or pipe it in', 'example: cors-tutor explain "Access to fetch at …"');
	}
	const { primary, all, networkLine } = recognise(text);
	if (!primary) {
		const msg = notCorsMessage(networkLine, text);
		if (flags.json) process.stdout.write(`${JSON.stringify({ cors: false, message: msg }, null, 2)}\n`);
		else process.stderr.write(`${msg}\n`);
		return 1;
	}
	const r: Recognized = flags.origin ? { ...primary, origin: flags.origin } : primary;
	const a = advise(r);
	const why = noConfigReason(r, a);
	if (target && why) throw new UsageError(why, needsOrigin(r) ? 'add --origin https://your-app.example (the origin of the page that calls fetch)' : 'see the steps above without --target');
	const config = target && a.policy ? target.generate(a.policy) : null;
	const lesson = shippedLessonFor(r.code);
	if (flags.json) {
		process.stdout.write(`${JSON.stringify({
			cors: true, browser: r.browser, code: r.code, stage: r.stage, header: r.header, value: r.value,
			url: r.url, redirectedFrom: r.redirectedFrom, origin: r.origin, status: r.status,
			explanation: a.explanation,
			fix: { preflightHeaders: a.headers.preflight, responseHeaders: a.headers.actual, steps: a.steps, ...(config && target ? { target: target.id, config: config.text, warnings: config.warnings } : {}) },
			traps: a.traps, sources: a.sources, lines: all.length,
			...(lesson ? { lesson: lessonJson(lesson) } : {}),
		}, null, 2)}\n`);
		return 0;
	}
	const style = colorEnabled({ flag: flags.color, isTTY: process.stdout.isTTY === true, env: process.env }) ? ANSI : PLAIN;
	const width = process.stdout.isTTY && process.stdout.columns ? Math.max(60, process.stdout.columns) : 100;
	const report = explainReport(r, a, {
		config: config && target ? { name: target.name, text: config.text, warnings: config.warnings } : null,
		lesson: lesson ? { ref: lesson, open: `cors-tutor learn ${lesson.id}` } : null,
	});
	process.stdout.write(`${reportLayout(report, { style, width }).lines.join('\n')}\n`);
	return 0;
}
