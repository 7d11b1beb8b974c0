// [MIMESNIFF #parse-a-mime-type], strict, as [F #cors-safelisted-request-header] requires for
// Content-Type. Only the essence matters to CORS: parameters are walked (so that the parser
// behaves like the standard's) but ignored. Returns the lowercased essence or null on failure.

import { isToken, trimHttpWhitespace } from './headers.js';

export function parseMimeEssence(input: string): string | null {
	const s = trimHttpWhitespace(input);
	const slash = s.indexOf('/');
	if (slash < 0) return null;
	const type = s.slice(0, slash);
	if (type === '' || !isToken(type)) return null;
	const rest = s.slice(slash + 1);
	const semi = rest.indexOf(';');
	const subtype = (semi < 0 ? rest : rest.slice(0, semi)).replace(/[\t\n\r ]+$/, '');
	if (subtype === '' || !isToken(subtype)) return null;
	// Parameters never make the standard's parser fail (invalid ones are skipped), so
	// nothing after the first ";" can change the essence.
	return `${type}/${subtype}`.toLowerCase();
}
