/**
 * The one place that registers the built-in adapters. It imports their descriptors only (schemes,
 * option specs, capabilities); each adapter and its broker client library load on first connect.
 */
import { amqpProviderDescriptor } from '../adapters/amqp/descriptor.js';
import { kafkaProviderDescriptor } from '../adapters/kafka/descriptor.js';
import { memoryProviderDescriptor } from '../adapters/memory/descriptor.js';
import { redisProviderDescriptor } from '../adapters/redis/descriptor.js';
import { rocketmqProviderDescriptor } from '../adapters/rocketmq/descriptor.js';
import { stompProviderDescriptor } from '../adapters/stomp/descriptor.js';
import { registerProvider } from './config/registry.js';

export const BUILTIN_DESCRIPTORS = [memoryProviderDescriptor, amqpProviderDescriptor, stompProviderDescriptor, kafkaProviderDescriptor, redisProviderDescriptor, rocketmqProviderDescriptor] as const;

for (const descriptor of BUILTIN_DESCRIPTORS) registerProvider(descriptor);
