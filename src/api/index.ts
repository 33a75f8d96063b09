export * from './constants.js';
export * from './destination.js';
export * from './exceptions.js';
export * from './message.js';
export * from './message-guards.js';
export * from './connection.js';
export * from './error-codes.js';
export * from './redelivery.js';
