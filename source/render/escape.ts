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
