// Every configuration target, in the order `--list-targets` shows them.

import type { Target } from './types.js';

// ── runnable here: web servers and proxies ──
import { apacheTarget } from './apache.js';
import { caddyTarget } from './caddy.js';
import { haproxyTarget } from './haproxy.js';
import { lighttpdTarget } from './lighttpd.js';
import { nginxTarget } from './nginx.js';
// ── runnable here: application frameworks ──
import { djangoTarget } from './django.js';
import { expressTarget } from './express.js';
import { fastifyTarget } from './fastify.js';
import { flaskTarget } from './flask.js';
import { goTarget } from './go.js';
import { honoTarget } from './hono.js';
import { koaTarget } from './koa.js';
import { starletteTarget } from './starlette.js';
// ── not runnable here: golden files and structural checks ──
import { aspnetTarget } from './aspnet.js';
import { cloudflareWorkerTarget } from './cloudflare-worker.js';
import { gcsTarget } from './gcs.js';
import { nextjsTarget } from './nextjs.js';
import { s3Target } from './s3.js';
import { springTarget } from './spring.js';

export const TARGETS: readonly Target[] = [
	// runnable here: web servers and proxies
	nginxTarget, apacheTarget, caddyTarget, haproxyTarget, lighttpdTarget,
	// runnable here: application frameworks
	expressTarget, fastifyTarget, koaTarget, honoTarget, goTarget, flaskTarget, djangoTarget, starletteTarget,
	// not runnable here
	nextjsTarget, springTarget, aspnetTarget, cloudflareWorkerTarget, s3Target, gcsTarget,
];

export function findTarget(id: string): Target | undefined {
	return TARGETS.find((t) => t.id === id);
}
