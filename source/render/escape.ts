// Text from a server (headers, bodies, status lines) is shown, never obeyed: control
// characters and escape sequences become visible escapes before they reach the terminal.

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** Escape control and bidi characters; keeps \t and \n unless `oneLine`. */
export function escapeControl(s: string, oneLine = false): string {
	const out = s.replace(CONTROL, (ch) => {
		const c = ch.charCodeAt(0);
		return c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
	});
	return oneLine ? out.replace(/\t/g, '\\t').replace(/\n/g, '\\n') : out;
}

/** A copy of a JSON-like value with every string escaped (one line each), for text output. */
export function escapeDeep<T>(v: T): T {
	if (typeof v === 'string') return escapeControl(v, true) as T;
	if (Array.isArray(v)) return v.map(escapeDeep) as T;
	if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeDeep(x)])) as T;
	return v;
}

// JSON.stringify escapes C0 controls but leaves DEL, C1 controls and bidi overrides as they are.
const JSON_UNSAFE = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** JSON.stringify, pretty, with every character a terminal could obey written as \uXXXX (still valid JSON). */
export function terminalSafeJson(v: unknown): string {
	return JSON.stringify(v, null, 2).replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
