export { createConnectionFactory, resolveProvider, resolveProviderConfig, JMS_URL_VARIABLE, type JmsConfig } from './factory.js';
export { registerProvider, knownSchemes, registeredDescriptors } from './registry.js';
export { COMMON_OPTIONS } from './options.js';
export { redactUrl, parseBrokerUrl, INVALID_CONFIGURATION, type ParsedUrl } from './url.js';
