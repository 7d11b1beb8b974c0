// The simulation core's public face. Pure: no I/O, no real clock, no randomness.
export * from './clock.js';
export * from './cors-check.js';
export * from './failure.js';
export * from './fetch.js';
export * from './headers.js';
export * from './origin.js';
export * from './preflight.js';
export * from './preflight-cache.js';
export * from './profiles/index.js';
export * from './request.js';
export * from './run-scenario.js';
export * from './safelist.js';
export * from './scenario.js';
export * from './server.js';
export * from './trace.js';
export type * from './profiles/types.js';
