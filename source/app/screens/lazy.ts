// The screens behind the home screen are loaded on demand: the first frame then needs neither
// the simulation core, the grader nor the generators. Right after the first frame they are
// preloaded, so opening one later does not wait.
import { lazy } from 'react';

const load = {
	player: () => import('./player/player.js'),
	sandbox: () => import('./sandbox/sandbox.js'),
	builder: () => import('./builder/builder.js'),
	debugger: () => import('./debugger/debugger.js'),
	reference: () => import('./reference/reference.js'),
};

export const Player = lazy(async () => ({ default: (await load.player()).Player }));
export const Sandbox = lazy(async () => ({ default: (await load.sandbox()).Sandbox }));
export const Builder = lazy(async () => ({ default: (await load.builder()).Builder }));
export const Debugger = lazy(async () => ({ default: (await load.debugger()).Debugger }));
export const Reference = lazy(async () => ({ default: (await load.reference()).Reference }));

/** Start loading every lazy screen (module loading is cached, so this is idempotent). */
export function preloadScreens(): void {
	for (const l of Object.values(load)) void l();
}
