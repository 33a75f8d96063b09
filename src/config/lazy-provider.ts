import { ErrorCode } from '../api/error-codes.js';
import { JMSException } from '../api/exceptions.js';
import type { Capabilities } from '../spi/capabilities.js';
import type {
  Provider,
  ProviderConfig,
  ProviderConnectOptions,
  ProviderConnection,
  ProviderDescriptor,
  ProviderModule,
  ProviderSession,
  ProviderSessionOptions,
} from '../spi/provider.js';
import { checkCapabilities, checkConnectionMethods, checkSessionMethods } from './provider-checks.js';

/**
 * A Provider whose name and capabilities come from the descriptor at once, and whose
 * implementation (with its broker client library) is imported on the first connect(). It checks
 * the loaded provider against the description, and each connection and session against the
 * capabilities, so an adapter that declares what it cannot do fails clearly at once.
 */
export class LazyProvider implements Provider {
  readonly adapter: string;
  readonly capabilities: Capabilities;
  private loaded: Promise<Provider> | null = null;

  constructor(
    private readonly descriptor: ProviderDescriptor,
    private readonly config: ProviderConfig,
  ) {
    const description = descriptor.describe(config);
    this.adapter = description.adapter;
    this.capabilities = description.capabilities;
    checkCapabilities(this.adapter, this.capabilities);
  }

  async connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    this.loaded ??= this.load();
    const provider = await this.loaded;
    const connection = await provider.connect(options);
    try {
      checkConnectionMethods(this.adapter, this.capabilities, connection);
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
    return new CheckedConnection(connection, this.adapter, this.capabilities);
  }

  private async load(): Promise<Provider> {
    let module: ProviderModule;
    try {
      module = await this.descriptor.load();
    } catch (error) {
      this.loaded = null; // a library installed meanwhile is found on the next connect
      throw this.loadError(error);
    }
    const provider = module.createProvider(this.config);
    if (provider.adapter !== this.adapter || !sameCapabilities(provider.capabilities, this.capabilities)) {
      this.loaded = null;
      throw new JMSException(
        `Adapter ${this.adapter}: the loaded provider (${provider.adapter}) does not have the capabilities its descriptor declares`,
        ErrorCode.INVALID_CONFIGURATION,
      );
    }
    return provider;
  }

  private loadError(error: unknown): JMSException {
    const text = error instanceof Error ? error.message : String(error);
    const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND'
      ? (this.descriptor.clientLibraries ?? []).find((name) => text.includes(`'${name}'`)) ?? /Cannot find (?:package|module) '([^']+)'/.exec(text)?.[1]
      : undefined;
    if (missing !== undefined) {
      return new JMSException(
        `The ${this.adapter} adapter needs the npm package "${missing}", which is not installed: run npm install ${missing}`,
        ErrorCode.CLIENT_LIBRARY_MISSING,
        error,
      );
    }
    return new JMSException(`Could not load the ${this.adapter} adapter: ${text}`, ErrorCode.INVALID_CONFIGURATION, error);
  }
}

function sameCapabilities(a: Capabilities, b: Capabilities): boolean {
  return (Object.keys(b) as (keyof Capabilities)[]).every((name) => a[name] === b[name]);
}

/** Delegates to the adapter's connection, checking each session it creates. */
class CheckedConnection implements ProviderConnection {
  readonly createTemporaryDestination?: ProviderConnection['createTemporaryDestination'];
  readonly deleteTemporaryDestination?: ProviderConnection['deleteTemporaryDestination'];
  readonly unsubscribe?: ProviderConnection['unsubscribe'];

  constructor(
    private readonly inner: ProviderConnection,
    private readonly adapter: string,
    private readonly capabilities: Capabilities,
  ) {
    this.createTemporaryDestination = inner.createTemporaryDestination?.bind(inner);
    this.deleteTemporaryDestination = inner.deleteTemporaryDestination?.bind(inner);
    this.unsubscribe = inner.unsubscribe?.bind(inner);
  }

  setClientId(clientId: string): Promise<void> {
    return this.inner.setClientId(clientId);
  }

  async createSession(options: ProviderSessionOptions): Promise<ProviderSession> {
    const session = await this.inner.createSession(options);
    try {
      checkSessionMethods(this.adapter, this.capabilities, session);
    } catch (error) {
      await session.close().catch(() => undefined);
      throw error;
    }
    return session;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
