/**
 * jms-ts/inversify: a ContainerModule for applications that use inversify (an optional peer
 * dependency; majors 6, 7 and 8 are tested).
 * @module jms-ts/inversify
 */
import { ContainerModule, type ContainerModuleLoadOptions, type ResolutionContext } from 'inversify';
import type { ConnectionFactory } from '../api/connection.js';
import { createConnectionFactory, type JmsConfig } from '../config/factory.js';

/** Injection tokens for applications that use inversify. */
export const JMS_TOKENS = {
  /** The broker configuration (a URL string or JmsConfig); bind it to choose the broker. */
  Config: Symbol.for('jms-ts.Config'),
  /** The ConnectionFactory built from the configuration, one per container. */
  ConnectionFactory: Symbol.for('jms-ts.ConnectionFactory'),
} as const;

type Bind = ContainerModuleLoadOptions['bind'];

/** inversify 6 passes `bind` itself to a module and a context holding the container. */
interface Inversify6Context {
  container: { isBound(token: symbol): boolean; get<T>(token: symbol): T };
}

function bindFrom(options: ContainerModuleLoadOptions | Bind): Bind {
  return typeof options === 'function' ? options : options.bind;
}

function boundConfig(context: ResolutionContext | Inversify6Context): string | JmsConfig | undefined {
  if ('container' in context) {
    const { container } = context;
    return container.isBound(JMS_TOKENS.Config) ? container.get<string | JmsConfig>(JMS_TOKENS.Config) : undefined;
  }
  return context.get<string | JmsConfig>(JMS_TOKENS.Config, { optional: true });
}

/**
 * Binds JMS_TOKENS.ConnectionFactory from configuration, so application classes inject a
 * ConnectionFactory (`@inject(JMS_TOKENS.ConnectionFactory)`) and the broker is changed by
 * configuration alone. Without an argument, the configuration is JMS_URL (default `memory://`);
 * an application may instead bind JMS_TOKENS.Config itself and load `jmsModule()`.
 */
export function jmsModule(config?: string | JmsConfig): ContainerModule {
  return new ContainerModule((options: ContainerModuleLoadOptions | Bind) => {
    const bind = bindFrom(options);
    if (config !== undefined) bind(JMS_TOKENS.Config).toConstantValue(config);
    bind<ConnectionFactory>(JMS_TOKENS.ConnectionFactory)
      .toDynamicValue((context: ResolutionContext | Inversify6Context) => createConnectionFactory(boundConfig(context)))
      .inSingletonScope();
  });
}
