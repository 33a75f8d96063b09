export * from './capabilities.js';
export * from './envelope.js';
export * from './provider.js';
export * from './options.js';
