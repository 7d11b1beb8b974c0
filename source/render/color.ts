// A few ANSI styles, or none: colour only on a terminal, never with NO_COLOR or --no-color,
// and FORCE_COLOR wins (https://no-color.org, https://force-color.org).

export interface Style {
	bold(s: string): string;
	dim(s: string): string;
	red(s: string): string;
	green(s: string): string;
	yellow(s: string): string;
	cyan(s: string): string;
	magenta(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const ANSI: Style = {
	bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39),
	yellow: wrap(33, 39), cyan: wrap(36, 39), magenta: wrap(35, 39),
};

const id = (s: string) => s;
export const PLAIN: Style = { bold: id, dim: id, red: id, green: id, yellow: id, cyan: id, magenta: id };

export function colorEnabled(opts: { flag: boolean | undefined; isTTY: boolean; env: NodeJS.ProcessEnv }): boolean {
	if (opts.flag === false) return false;
	const force = opts.env.FORCE_COLOR;
	if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
	if (opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '') return false;
	if (opts.env.TERM === 'dumb') return false;
	return opts.isTTY;
}
