// A policy server written down as the scenario format's fixed answers: what the policy says
// to this page's Origin (echoed as $ORIGIN), with the request headers the run's preflights
// asked for (for allowHeaders "mirror"). Used when a policy setup is saved as a scenario file.

import { type BrowserId, type Header, type ServerSpec, getHeader } from '../../../core/index.js';
import { OK_APP, evaluatePolicy } from '../../../policy/index.js';
import { type Setup, linesToSpec } from './model.js';
import { runSandbox, traceOf } from './run.js';

export function policyAnswers(setup: Setup, browser: BrowserId): ServerSpec {
	const p = setup.policy;
	const origin = setup.page;
	const asked = new Set<string>();
	for (const e of traceOf(runSandbox(setup, browser)))
		if (e.type === 'request' && e.purpose === 'preflight')
			for (const h of (getHeader(e.headers, 'access-control-request-headers') ?? '').split(',')) if (h.trim()) asked.add(h.trim());
	const echo = (hs: readonly Header[]): Header[] =>
		hs.map(([k, v]) => [k, k.toLowerCase() === 'access-control-allow-origin' && v === origin && p.origins !== '*' ? '$ORIGIN' : v] as const);
	const pre = evaluatePolicy(p, 'OPTIONS', [['Origin', origin], ['Access-Control-Request-Method', 'GET'], ...(asked.size ? [['Access-Control-Request-Headers', [...asked].join(',')] as const] : [])]);
	const act = evaluatePolicy(p, 'GET', [['Origin', origin]]);
	return {
		preflight: { status: pre.status ?? 204, headers: linesToSpec(echo(pre.headers)) },
		response: { status: OK_APP.status, headers: linesToSpec([...OK_APP.headers, ...echo(act.headers)]), body: OK_APP.body },
	};
}
