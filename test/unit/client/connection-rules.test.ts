import { expect } from 'chai';
import { IllegalStateException } from '../../../src/api/exceptions.js';
import { RecordingProvider } from './recording-provider.js';

describe('client connection rules (no broker)', () => {
  it('lets the client id be set once only', async () => {
    const connection = await new RecordingProvider().factory().createConnection();
    await connection.setClientID('first');
    expect(connection.getClientID()).to.equal('first');
    await connection.setClientID('second').then(
      () => expect.fail('a second setClientID was accepted'),
      (error: unknown) => expect(error).to.be.instanceOf(IllegalStateException),
    );
    expect(connection.getClientID()).to.equal('first');
    await connection.close();
  });

  it('fixes the client id once the connection is used', async () => {
    const connection = await new RecordingProvider().factory().createConnection();
    await connection.createSession();
    await connection.setClientID('late').then(
      () => expect.fail('setClientID after createSession was accepted'),
      (error: unknown) => expect(error).to.be.instanceOf(IllegalStateException),
    );
    await connection.close();
  });
});
