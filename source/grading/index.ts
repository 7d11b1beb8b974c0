export * from './header-lines.js';
export * from './labels.js';
export * from './prepare.js';
export * from './types.js';
