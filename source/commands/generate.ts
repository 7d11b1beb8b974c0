// `cors-tutor generate --policy FILE --target NAME`: the configuration for one server or
// platform, printed or written atomically to --out; `--demo --port N` for a runnable demo;
// `--list-targets` for what exists. Every value is validated before any text is generated.

import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseCommand } from '../cli/parse.js';
import { type FlagSpec, UsageError, flagHelp } from '../cli/usage.js';
import { TARGETS, findTarget } from '../generators/registry.js';
import { bullet } from '../generators/policy-notes.js';
import { unsafeForGenerators } from '../generators/safety.js';
import type { Target } from '../generators/types.js';
import { InputError } from '../input/json.js';
import { type Finding, lintPolicy } from '../policy/lint.js';
import type { Policy } from '../policy/model.js';
import { parsePolicyText } from '../policy/schema.js';

const FLAGS = {
	policy: { type: 'string', value: 'FILE', description: 'The policy file (JSON, see the README)' },
	target: { type: 'string', value: 'NAME', description: 'The server or platform (see --list-targets)' },
	out: { type: 'string', value: 'FILE', description: 'Write the configuration to FILE instead of printing it' },
	demo: { type: 'boolean', description: 'A standalone demo serving 200 "ok" behind the policy on 127.0.0.1 (runnable targets)' },
	port: { type: 'number', description: 'With --demo: the port to listen on, 1024-65535' },
	listTargets: { type: 'boolean', description: 'List the targets and which of them can run a demo here' },
	json: { type: 'boolean', description: 'JSON: {"target", "text", "warnings", "lint"}, or the target list' },
} satisfies Record<string, FlagSpec>;

export const HELP = `
  Generate the server configuration for a CORS policy.

  Examples
    $ cors-tutor generate --policy policy.json --target nginx
    $ cors-tutor generate --policy policy.json --target express --out cors.js
    $ cors-tutor generate --policy policy.json --target caddy --demo --port 8080
    $ cors-tutor generate --list-targets

  Usage
    $ cors-tutor generate --policy FILE --target NAME [--out FILE] [--json]
    $ cors-tutor generate --policy FILE --target NAME --demo --port N [--out FILE]
    $ cors-tutor generate --list-targets [--json]

  Options
${flagHelp(FLAGS)}

  What a target cannot express of the policy is said as a "warning:" line on stderr and in a
  comment in the output (JSON has none); so are the policy's lint errors, and the
  configuration is generated anyway.
  Exit codes: 0 done, 1 invalid policy file, 2 usage error.
`;

interface Flags {
	policy?: string;
	target?: string;
	out?: string;
	demo?: boolean;
	port?: number;
	listTargets?: boolean;
	json?: boolean;
}

export async function generate(argv: readonly string[], version: string): Promise<number> {
	const cli = parseCommand('generate', HELP, FLAGS, argv, version);
	const flags = cli.flags as Flags;
	if (cli.input.length) throw new UsageError(`unexpected argument "${cli.input[0]}"`, 'name the policy with --policy FILE, e.g. cors-tutor generate --policy policy.json --target nginx');

	if (flags.listTargets) {
		const other = (['policy', 'target', 'out', 'demo', 'port'] as const).find((k) => flags[k] !== undefined);
		if (other) throw new UsageError(`--list-targets takes no other option than --json (got --${other})`);
		process.stdout.write(flags.json ? `${JSON.stringify(TARGETS.map(targetInfo), null, 2)}\n` : targetList());
		return 0;
	}

	// Usage first (exit 2), then the policy file (exit 1): nothing is read for a bad command line.
	const ids = TARGETS.map((t) => t.id).join(', ') || '(none registered)';
	if (!flags.target) throw new UsageError('name a target with --target NAME', `targets: ${ids}`);
	const target = findTarget(flags.target);
	if (!target) throw new UsageError(`unknown target "${flags.target}"`, `valid targets: ${ids}`);
	if (!flags.policy) throw new UsageError('name the policy file with --policy FILE', `example: cors-tutor generate --policy policy.json --target ${target.id}`);
	const demo = demoOptions(target, flags);
	const fileName = demo ? (target.demo?.file ?? target.fileName) : target.fileName;
	if (flags.out !== undefined) checkOut(flags.out, fileName);

	const policy = loadPolicy(flags.policy);
	const findings = lintPolicy(policy);
	const errors = findings.filter((f) => f.severity === 'error');
	const generated = target.generate(policy, demo ? { demo } : undefined);
	const text = withLintNote(ensureNewline(generated.text), fileName, errors);

	if (flags.out !== undefined) {
		writeAtomically(flags.out, text);
		process.stderr.write(`wrote the ${target.name}${demo ? ' demo' : ''} configuration to ${flags.out}\n`);
	}
	if (flags.json) {
		process.stdout.write(`${JSON.stringify({ target: target.id, text, warnings: generated.warnings, lint: findings }, null, 2)}\n`);
		return 0;
	}
	for (const w of generated.warnings) process.stderr.write(`warning: ${w}\n`);
	for (const f of errors) process.stderr.write(`warning: policy: ${f.message} (fix: ${f.fix})\n`);
	if (flags.out === undefined) process.stdout.write(text);
	return 0;
}

function demoOptions(target: Target, flags: Flags): { port: number } | null {
	if (!flags.demo) {
		if (flags.port !== undefined) throw new UsageError('--port only goes with --demo', `example: cors-tutor generate --policy policy.json --target ${target.id} --demo --port 8080`);
		return null;
	}
	if (!target.demo) {
		const runnable = TARGETS.filter((t) => t.demo).map((t) => t.id);
		throw new UsageError(`${target.id} cannot run on this machine, so it has no --demo`, runnable.length ? `--demo works with: ${runnable.join(', ')}` : 'no registered target can run a demo yet');
	}
	if (flags.port === undefined) throw new UsageError('--demo needs --port N (1024-65535)');
	if (!Number.isInteger(flags.port) || flags.port < 1024 || flags.port > 65535) throw new UsageError('--port must be a whole number from 1024 to 65535');
	return { port: flags.port };
}

function checkOut(out: string, fileName: string): void {
	if (out === '') throw new UsageError('--out needs a file name', `example: --out ${fileName}`);
	let isDir = false;
	try {
		isDir = statSync(out).isDirectory();
	} catch {}
	if (isDir) throw new UsageError(`--out ${out} is a directory; name the file to write`, `example: --out ${join(out, fileName)}`);
	if (!existsSync(dirname(out))) throw new UsageError(`--out ${out}: the directory ${dirname(out)} does not exist`);
}

function loadPolicy(file: string): Policy {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (e) {
		throw new InputError(file, [`cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`]);
	}
	const policy = parsePolicyText(text, file);
	const unsafe = unsafeForGenerators(policy);
	if (unsafe.length) throw new InputError(file, unsafe);
	return policy;
}

/** Write to a temporary file beside `out`, then rename it over: readers never see half a file. */
function writeAtomically(out: string, text: string): void {
	const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
	try {
		writeFileSync(tmp, text);
		renameSync(tmp, out);
	} catch (e) {
		rmSync(tmp, { force: true });
		throw new InputError(out, [`cannot write it (${(e as NodeJS.ErrnoException).code ?? 'error'})`]);
	}
}

const ensureNewline = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);

/** Line-comment syntax for a generated file, by its name; null where the format has none (JSON). */
export function commentPrefix(fileName: string): string | null {
	const name = basename(fileName).toLowerCase();
	if (name.endsWith('.json')) return null;
	if (/\.(m?[jt]s|cjs|[jt]sx|go|java|kt|cs|php|rs|swift)$/.test(name)) return '//';
	if (name.endsWith('.lua')) return '--';
	if (/\.(conf|cfg|py|rb|sh|toml|ya?ml|ru)$/.test(name) || name === 'caddyfile' || name.startsWith('.htaccess')) return '#';
	return null;
}

/** Put the policy's lint errors in a comment at the top (after a #! line), where the format allows. */
export function withLintNote(text: string, fileName: string, errors: readonly Finding[]): string {
	const prefix = commentPrefix(fileName);
	if (!errors.length || !prefix) return text;
	const note = [
		`${prefix} cors-tutor: the policy has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}; this configuration implements it as written:`,
		...errors.flatMap((f) => bullet(`${f.message} (fix: ${f.fix})`).map((l) => `${prefix} ${l}`)),
		'',
		'',
	].join('\n');
	const shebang = /^#![^\n]*\n/.exec(text);
	return shebang ? `${shebang[0]}${note}${text.slice(shebang[0].length)}` : `${note}${text}`;
}

function targetInfo(t: Target) {
	return { id: t.id, name: t.name, summary: t.summary, fileName: t.fileName, runnable: t.demo !== null };
}

function targetList(): string {
	if (!TARGETS.length) return 'No targets are registered.\n';
	const w = Math.max(...TARGETS.map((t) => t.id.length)) + 2;
	const rows = TARGETS.map((t) => `  ${t.id.padEnd(w)}${t.name}${t.demo ? '  [--demo]' : ''}\n  ${' '.repeat(w)}${t.summary}`);
	return `Targets (--target NAME); [--demo] marks those that run locally:\n\n${rows.join('\n')}\n`;
}
