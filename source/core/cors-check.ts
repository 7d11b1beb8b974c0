// The input of the CORS check [F #concept-cors-check], cors-facts §3: what a response says
// about origins and credentials. How it is judged is the profile's corsCheck.

import { type HeaderList, lower } from './headers.js';
import type { CorsCheckInput } from './profiles/types.js';

export function corsCheckInput(headers: HeaderList, origin: string, include: boolean): CorsCheckInput {
	const acao = headers.filter(([k]) => lower(k) === 'access-control-allow-origin');
	return {
		allowOrigin: acao.map(([, v]) => v),
		allowOriginNames: acao.map(([k]) => k),
		allowCredentials: headers.filter(([k]) => lower(k) === 'access-control-allow-credentials').map(([, v]) => v),
		origin,
		include,
	};
}
