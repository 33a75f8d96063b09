import { ContainerModule } from 'inversify';
import type { ConnectionFactory } from '../api/connection.js';
import { createConnectionFactory, type JmsConfig } from './factory.js';

/** Injection tokens for applications that use inversify. */
export const JMS_TOKENS = {
  /** The broker configuration (a URL string or JmsConfig); bind it to choose the broker. */
  Config: Symbol.for('jms-ts.Config'),
  /** The ConnectionFactory built from the configuration, one per container. */
  ConnectionFactory: Symbol.for('jms-ts.ConnectionFactory'),
} as const;

/**
 * Binds JMS_TOKENS.ConnectionFactory from configuration, so application classes inject a
 * ConnectionFactory (`@inject(JMS_TOKENS.ConnectionFactory)`) and the broker is changed by
 * configuration alone. Without an argument, the configuration is JMS_URL (default `memory://`);
 * an application may instead bind JMS_TOKENS.Config itself and load `jmsModule()`.
 */
export function jmsModule(config?: string | JmsConfig): ContainerModule {
  return new ContainerModule((options) => {
    if (config !== undefined) options.bind(JMS_TOKENS.Config).toConstantValue(config);
    options
      .bind<ConnectionFactory>(JMS_TOKENS.ConnectionFactory)
      .toDynamicValue((context) => {
        const bound = context.get<string | JmsConfig>(JMS_TOKENS.Config, { optional: true });
        return createConnectionFactory(bound);
      })
      .inSingletonScope();
  });
}
