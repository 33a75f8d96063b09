import { expect } from 'chai';
import { JmsMapMessage, PlainMessage } from '../../../src/message/index.js';

describe('a JavaScript number stored without a Java type', () => {
  it('is an int at both ends of the int range and a double just past them', () => {
    const map = new JmsMapMessage();
    map.setObject('max', 2147483647);
    map.setObject('min', -2147483648);
    map.setObject('over', 2147483648);
    expect(map.getInt('max')).to.equal(2147483647);
    expect(map.getInt('min')).to.equal(-2147483648);
    expect(map.getDouble('over')).to.equal(2147483648);
    expect(() => map.getInt('over')).to.throw();
    const message = new PlainMessage();
    message.setObjectProperty('max', 2147483647);
    expect(message.getIntProperty('max')).to.equal(2147483647);
  });
});
