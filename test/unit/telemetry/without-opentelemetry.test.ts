import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));

describe('without OpenTelemetry installed', function () {
  this.timeout(60000);

  it('jms-ts sends, receives and logs; no span, no trace context, and a factory without a logger has no telemetry at all', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--import', here('./hide-opentelemetry.mjs'), here('./no-otel-program.mts')], {
      env: { ...process.env, JMS_URL: '' },
    });
    const result = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(result).to.deep.equal({
      otelImport: 'ERR_MODULE_NOT_FOUND', // the program really cannot see @opentelemetry/api
      loader: null,
      pulled: 'pulled',
      pushed: 'pushed',
      properties: ['JMSXDeliveryCount'],
      records: ['Connected to the broker', 'Connection closed'],
      plainTelemetry: null,
    });
    expect(stderr).to.equal('');
  });
});
