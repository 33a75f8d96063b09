import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * ActiveMQ's own Java JMS client (OpenWire, Debian's libactivemq-java), for the tests that check
 * what crosses between jms-ts over STOMP and Java programs.
 */
const JAVA_LIBS = process.env.JMS_TEST_JAVA_LIBS ?? '/usr/share/java';
const JARS = ['activemq-client', 'geronimo-jms_1.1_spec', 'geronimo-j2ee-management-1.1-spec', 'hawtbuf', 'slf4j-api', 'slf4j-nop'];

/** The class path of the Java client, or why it cannot run here. */
export function javaClient(): { classpath: string[] } | { missing: string } {
  const how = 'install a JDK and Debian\'s libactivemq-java (`npm run brokers -- up activemq` installs the package), or set JMS_TEST_JAVA_LIBS to a folder with its jars';
  if (spawnSync('javac', ['-version']).status !== 0) return { missing: `ActiveMQ Java interop needs javac on the PATH: ${how}` };
  const classpath = JARS.map((jar) => join(JAVA_LIBS, `${jar}.jar`));
  const absent = classpath.filter((jar) => !existsSync(jar));
  if (absent.length > 0) return { missing: `ActiveMQ Java interop needs ${absent.join(', ')}: ${how}` };
  return { classpath };
}

/** The OpenWire address of the ActiveMQ behind a STOMP URL. */
export function openwireUrl(stompUrl: string): string {
  return `tcp://${new URL(stompUrl).hostname}:${process.env.JMS_TEST_OPENWIRE_PORT ?? '61616'}`;
}
