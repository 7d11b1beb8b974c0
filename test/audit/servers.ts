// Loopback servers with the origin checks people really write, one bug each, and correct ones.
// They all serve the front-end https://app.example.com; crafted Origins are only header values.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { createRequire } from 'node:module';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
// The real `cors` package (a devDependency, untyped here).
const cors = createRequire(import.meta.url)('cors') as (o: object) => Middleware;

export const SITE = 'https://app.example.com';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Options {
	/** Send Access-Control-Allow-Credentials: true with an allowed origin (default true). */
	readonly credentials?: boolean;
	/** Send Vary: Origin (default true). */
	readonly vary?: boolean;
	readonly maxAge?: number;
}

/** A server that answers allowed origins by echoing them, with an OK preflight. */
export function checking(allowed: (origin: string) => boolean, o: Options = {}): Handler {
	return (req, res) => {
		const origin = req.headers.origin;
		if (o.vary !== false) res.setHeader('Vary', 'Origin');
		if (origin !== undefined && allowed(origin)) {
			res.setHeader('Access-Control-Allow-Origin', origin);
			if (o.credentials !== false) res.setHeader('Access-Control-Allow-Credentials', 'true');
			if (req.method === 'OPTIONS') {
				res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, DELETE');
				if (o.maxAge !== undefined) res.setHeader('Access-Control-Max-Age', String(o.maxAge));
			}
		}
		res.statusCode = req.method === 'OPTIONS' ? 204 : 200;
		res.end(req.method === 'OPTIONS' ? '' : '{"user":"alice"}');
	};
}

const host = (origin: string) => {
	try {
		return new URL(origin).hostname;
	} catch {
		return '';
	}
};

/** One deliberately broken server per class, written the way the bug is usually written. */
export const BROKEN: Record<string, Handler> = {
	'reflect-any-origin': checking(() => true),
	'prefix-match': checking((o) => o.startsWith(SITE)),
	'suffix-match': checking((o) => o.endsWith('example.com')),
	'substring-match': checking((o) => o.includes('example.com')),
	'unescaped-dot': checking((o) => /^https:\/\/app.example.com$/.test(o)),
	// A hand-made parser that takes the host up to the first character it does not expect.
	'special-chars': checking((o) => /^https:\/\/([a-z0-9.-]+)/.exec(o)?.[1] === 'app.example.com'),
	'null-origin': checking((o) => [SITE, 'null'].includes(o)),
	'http-origin': checking((o) => [SITE, 'http://app.example.com'].includes(o)),
	'any-subdomain': checking((o) => /^https:\/\/([a-z0-9-]+\.)*example\.com$/.test(o)),
	'third-party-hosting': checking((o) => o === SITE || (o.startsWith('https://') && host(o).endsWith('.github.io'))),
	'wildcard-credentials': (_req, res) => {
		res.setHeader('Access-Control-Allow-Origin', '*');
		res.setHeader('Access-Control-Allow-Credentials', 'true');
		res.end('ok');
	},
	'missing-vary': checking((o) => o === SITE, { vary: false }),
	'max-age-above-caps': checking((o) => o === SITE, { maxAge: 31_536_000 }),
};

/** Servers that do it right: none of them may produce a finding. */
export const CORRECT: Record<string, Handler> = {
	'exact allowlist with Vary and credentials': checking((o) => o === SITE || o === 'https://admin.example.com', { maxAge: 600 }),
	'public "*" without credentials': (_req, res) => {
		res.setHeader('Access-Control-Allow-Origin', '*');
		res.end('ok');
	},
	'no CORS at all': (_req, res) => res.end('ok'),
	'one fixed origin for everyone': (_req, res) => {
		res.setHeader('Access-Control-Allow-Origin', SITE);
		res.setHeader('Access-Control-Allow-Credentials', 'true');
		res.end('ok');
	},
	'the cors package with an allowlist': (req, res) => {
		const mw = cors({ origin: [SITE], credentials: true, maxAge: 7200 });
		mw(req, res, () => res.end('ok'));
	},
	'the cors package with a subdomain RegExp (escaped, anchored)': (req, res) => {
		const mw = cors({ origin: [/^https:\/\/(app|admin)\.example\.com$/], credentials: true });
		mw(req, res, () => res.end('ok'));
	},
};

export interface Running {
	readonly url: string;
	close(): Promise<void>;
}

export async function listen(h: Handler): Promise<Running> {
	const server: Server = createServer(h);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const a = server.address();
	const port = typeof a === 'object' && a ? a.port : 0;
	return {
		url: `http://127.0.0.1:${port}/api/me`,
		close: () => new Promise<void>((r) => {
			server.closeAllConnections();
			server.close(() => r());
		}),
	};
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function freePort(): Promise<number> {
	const s = createServer();
	await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
	const a = s.address();
	await new Promise<void>((r) => s.close(() => r()));
	return typeof a === 'object' && a ? a.port : 0;
}
