// Usage errors: exit 2 with the problem and what would be valid.

export class UsageError extends Error {
	constructor(message: string, readonly hint?: string) {
		super(message);
	}
}

export interface FlagSpec {
	readonly type: 'string' | 'boolean' | 'number';
	readonly shortFlag?: string;
	readonly isMultiple?: boolean;
	readonly choices?: readonly string[];
	readonly default?: unknown;
	readonly description: string;
	/** What the help shows after the flag, e.g. FILE (default: N for numbers, VALUE otherwise). */
	readonly value?: string;
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);

/** Every --flag in argv must be one the command declares (meow lets unknown ones through). */
export function checkUnknownFlags(argv: readonly string[], flags: Readonly<Record<string, FlagSpec>>, command: string): void {
	const long = new Set(['help', 'version', ...Object.keys(flags).map(kebab)]);
	const short = new Set(['h', 'v', ...Object.values(flags).flatMap((f) => (f.shortFlag ? [f.shortFlag] : []))]);
	for (const arg of argv) {
		if (arg === '--') break;
		if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) continue;
		const name = arg.replace(/^--?/, '').split('=')[0] ?? '';
		const ok = arg.startsWith('--') ? long.has(name) || (name.startsWith('no-') && long.has(name.slice(3))) : [...name].every((ch) => short.has(ch));
		if (!ok) {
			const valid = [...long].map((n) => (n === 'color' ? '--no-color' : `--${n}`)).join(', ');
			throw new UsageError(`unknown flag ${arg} for "${command}"`, `valid flags: ${valid}`);
		}
	}
}

export function flagHelp(flags: Readonly<Record<string, FlagSpec>>): string {
	const rows = Object.entries(flags).map(([k, f]) => {
		const name = k === 'color' ? '--no-color' : `--${kebab(k)}${f.type === 'boolean' ? '' : ` ${f.value ?? (f.choices ? f.choices.join('|') : f.type === 'number' ? 'N' : k === 'out' ? 'DIR' : 'VALUE')}`}${f.shortFlag ? `, -${f.shortFlag}` : ''}`;
		return [name, f.description] as const;
	});
	const w = Math.max(...rows.map(([n]) => n.length)) + 2;
	return rows.map(([n, d]) => `  ${n.padEnd(w)}${d}`).join('\n');
}

/** meow's own flag options (choices are checked by the command, to word the error itself). */
export function meowFlags(flags: Readonly<Record<string, FlagSpec>>): Record<string, { type: FlagSpec['type']; shortFlag?: string; isMultiple?: boolean; default?: unknown }> {
	return Object.fromEntries(
		Object.entries(flags).map(([k, f]) => [k, { type: f.type, ...(f.shortFlag ? { shortFlag: f.shortFlag } : {}), ...(f.isMultiple ? { isMultiple: true } : {}), ...(f.default === undefined ? {} : { default: f.default }) }]),
	);
}
