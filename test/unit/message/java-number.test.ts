import { expect } from 'chai';
import { javaDoubleToString, javaFloatToString } from '../../../src/message/java-number.js';

/** Expected strings are what Java 17+'s Float.toString and Double.toString print. */
describe('Java number formatting', () => {
  const floats: [number, string][] = [
    [1.4e-45, '1.4E-45'], // Float.MIN_VALUE: two digits, never "1.0E-45"
    [3.4028235e38, '3.4028235E38'],
    [1e-10, '1.0E-10'],
    [0.1, '0.1'],
    [100, '100.0'],
    [1e7, '1.0E7'],
    [1234567.9, '1234567.9'],
    [1.1, '1.1'],
    [-3.5, '-3.5'],
    [1e-5, '1.0E-5'],
    [0.001, '0.001'],
  ];
  for (const [value, expected] of floats) {
    it(`formats float ${expected} as Float.toString does`, () => {
      expect(javaFloatToString(Math.fround(value))).to.equal(expected);
    });
  }

  const doubles: [number, string][] = [
    [5e-324, '4.9E-324'], // Double.MIN_VALUE
    [1.7976931348623157e308, '1.7976931348623157E308'],
    [123456789, '1.23456789E8'],
    [9999999, '9999999.0'],
    [-0.00012, '-1.2E-4'],
    [1e21, '1.0E21'],
    [1 / 3, '0.3333333333333333'],
    [-0, '-0.0'],
    [Number.NaN, 'NaN'],
    [-Infinity, '-Infinity'],
  ];
  for (const [value, expected] of doubles) {
    it(`formats double ${expected} as Double.toString does`, () => {
      expect(javaDoubleToString(value)).to.equal(expected);
    });
  }
});
