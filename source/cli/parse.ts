// One command's arguments, the same way for every command: unknown flags are refused (exit 2,
// the valid ones named), then meow reads the rest and answers --help and --version.
// (Apart from usage.ts, so that `cors-tutor --help` never loads meow.)
import meow from 'meow';
import { type FlagSpec, checkUnknownFlags, meowFlags } from './usage.js';

export function parseCommand(command: string, help: string, flags: Readonly<Record<string, FlagSpec>>, argv: readonly string[], version: string): { input: string[]; flags: Record<string, unknown> } {
	checkUnknownFlags(argv, flags, command);
	const cli = meow(help, {
		importMeta: import.meta, argv: [...argv], flags: meowFlags(flags) as never, allowUnknownFlags: true,
		description: false, version, pkg: { name: 'cors-tutor', version }, booleanDefault: undefined,
	});
	return { input: cli.input, flags: cli.flags as Record<string, unknown> };
}
