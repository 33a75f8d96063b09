import { IllegalArgumentException } from '../api/exceptions.js';
import { checkName } from './java-number.js';

/** Words a selector reserves; they cannot be property names. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'NULL', 'TRUE', 'FALSE', 'NOT', 'AND', 'OR', 'BETWEEN', 'LIKE', 'IN', 'IS', 'ESCAPE',
]);

/** The JMSX properties JMS defines; other names starting with JMSX are refused. */
export const JMSX_NAMES: ReadonlySet<string> = new Set([
  'JMSXUserID', 'JMSXAppID', 'JMSXDeliveryCount', 'JMSXGroupID', 'JMSXGroupSeq',
  'JMSXProducerTXID', 'JMSXConsumerTXID', 'JMSXRcvTimestamp', 'JMSXState',
]);

const JAVA_IDENTIFIER = /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Sc}]*$/u;

const checked = new Set<string>();

/**
 * A property name must be a Java identifier, not a selector reserved word, and not start with
 * JMS unless it is a defined JMSX name or a JMS_ vendor name (JMS 2.0 §3.5.1).
 */
export function checkPropertyName(name: string): string {
  if (checked.has(name)) return name;
  checkName(name, 'Property');
  if (!JAVA_IDENTIFIER.test(name)) {
    throw new IllegalArgumentException(`Property name "${name}" is not a valid Java identifier`);
  }
  if (RESERVED_WORDS.has(name.toUpperCase())) {
    throw new IllegalArgumentException(`Property name "${name}" is a selector reserved word`);
  }
  if (name.startsWith('JMS') && !JMSX_NAMES.has(name) && !name.startsWith('JMS_')) {
    throw new IllegalArgumentException(
      `Property name "${name}" is reserved: names starting with JMS are JMS headers, defined JMSX properties or JMS_ vendor properties`,
    );
  }
  if (checked.size < 10_000) checked.add(name);
  return name;
}
