export * from './evaluate.js';
export * from './lint.js';
export * from './model.js';
export * from './schema.js';
