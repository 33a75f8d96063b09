import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import javax.jms.BytesMessage;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.Destination;
import javax.jms.MapMessage;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TemporaryQueue;
import javax.jms.TextMessage;
import org.apache.activemq.ActiveMQConnectionFactory;

/**
 * ActiveMQ's own Java JMS client (OpenWire) on the other side of jms-ts's STOMP adapter, in one JVM:
 * it prints, one JSON line each, the messages jms-ts put on the inbound queue, answering each one
 * whose property `case` is "request" as a replier does (JMSCorrelationID = the request's
 * JMSMessageID), then sends text, bytes, map messages, one jms-ts cannot decode and a request of
 * its own, whose correlated reply it prints too. Usage: JmsInterop brokerUrl inQueue count outQueue replyQueue
 */
public final class JmsInterop {
  public static void main(String[] args) throws Exception {
    Connection connection = new ActiveMQConnectionFactory(args[0]).createConnection();
    try {
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      receive(session, args[1], Integer.parseInt(args[2]));
      send(session, args[3], args[4]);
      request(session, args[3]);
    } finally {
      connection.close();
    }
  }

  private static void receive(Session session, String queue, int count) throws Exception {
    MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
    for (int i = 0; i < count; i++) {
      Message message = consumer.receive(10000);
      if (message == null) throw new IllegalStateException("no message " + (i + 1) + " of " + count + " on " + queue);
      System.out.println(describe(message, null));
      if ("request".equals(message.getStringProperty("case"))) reply(session, message);
    }
    consumer.close();
  }

  /** What a Java replier does: answers to JMSReplyTo, correlated by the request's JMSMessageID. */
  private static void reply(Session session, Message request) throws Exception {
    MessageProducer producer = session.createProducer(request.getJMSReplyTo());
    TextMessage reply = session.createTextMessage("pong from Java");
    reply.setJMSCorrelationID(request.getJMSMessageID());
    producer.send(reply);
    producer.close();
  }

  /** What a Java requester does: sends to a replier, waits on a temporary queue for the reply with its JMSMessageID. */
  private static void request(Session session, String queue) throws Exception {
    TemporaryQueue replies = session.createTemporaryQueue();
    MessageProducer producer = session.createProducer(session.createQueue(queue));
    TextMessage request = session.createTextMessage("ping from Java");
    request.setStringProperty("kind", "request");
    request.setJMSReplyTo(replies);
    producer.send(request);
    producer.close();
    String selector = "JMSCorrelationID = '" + request.getJMSMessageID() + "'";
    MessageConsumer consumer = session.createConsumer(replies, selector);
    Message reply = consumer.receive(10000);
    if (reply == null) throw new IllegalStateException("no reply correlated with " + request.getJMSMessageID());
    System.out.println(describe(reply, request.getJMSMessageID()));
    consumer.close();
  }

  private static void send(Session session, String queue, String replyQueue) throws Exception {
    MessageProducer producer = session.createProducer(session.createQueue(queue));
    TextMessage text = session.createTextMessage("from Java: caf\u00e9 \u2713 \ud83d\ude00");
    text.setJMSCorrelationID("java-corr");
    text.setJMSType("java-type");
    text.setJMSReplyTo(session.createQueue(replyQueue));
    text.setStringProperty("s", "v");
    text.setIntProperty("i", 42);
    text.setLongProperty("l", 9007199254740993L);
    text.setDoubleProperty("d", 2.5);
    text.setBooleanProperty("b", true);
    producer.send(text, DeliveryMode.PERSISTENT, 7, 60000);

    BytesMessage bytes = session.createBytesMessage();
    bytes.writeBytes(new byte[] {0, 1, 2, (byte) 0xff});
    bytes.setStringProperty("kind", "bytes");
    producer.send(bytes, DeliveryMode.NON_PERSISTENT, 3, 0);

    MapMessage map = session.createMapMessage();
    map.setString("name", "Ada");
    map.setInt("int", 42);
    map.setLong("long", 9007199254740993L);
    map.setDouble("double", 0.1);
    map.setBoolean("flag", false);
    map.setShort("short", (short) -7);
    map.setFloat("float", 1.5f);
    map.setStringProperty("kind", "map");
    producer.send(map);

    MapMessage single = session.createMapMessage();
    single.setLong("only", -9223372036854775808L);
    producer.send(single);

    producer.send(session.createMapMessage());

    MapMessage more = session.createMapMessage();
    more.setBytes("bytes", new byte[] {1, 2, 3, (byte) 0xff});
    more.setBytes("none", new byte[0]);
    more.setByte("byte", (byte) -8);
    more.setChar("char", 'x');
    more.setString("text", "caf\u00e9 \u2713");
    more.setString("emoji", "\ud83d\ude00");
    more.setStringProperty("kind", "more");
    producer.send(more);

    // jms-ts's own markers on a body that is not what they say: jms-ts must deliver it, once, unreadable.
    TextMessage poison = session.createTextMessage("not a jms-ts map");
    poison.setStringProperty("jmsts_body", "map");
    poison.setStringProperty("jmsts_types", "x:i");
    poison.setStringProperty("x", "abc");
    poison.setStringProperty("kind", "poison");
    producer.send(poison);
    producer.close();
  }

  private static String describe(Message message, String request) throws Exception {
    StringBuilder out = new StringBuilder("{");
    field(out, "class", kind(message));
    field(out, "request", request);
    field(out, "messageId", message.getJMSMessageID());
    field(out, "correlationId", message.getJMSCorrelationID());
    field(out, "type", message.getJMSType());
    field(out, "replyTo", name(message.getJMSReplyTo()));
    out.append("\"priority\":").append(message.getJMSPriority()).append(',');
    out.append("\"persistent\":").append(message.getJMSDeliveryMode() == DeliveryMode.PERSISTENT).append(',');
    out.append("\"expiration\":").append(message.getJMSExpiration()).append(',');
    out.append("\"timestamp\":").append(message.getJMSTimestamp()).append(',');
    out.append("\"properties\":{");
    List<String> names = new ArrayList<>();
    for (Enumeration<?> e = message.getPropertyNames(); e.hasMoreElements(); ) names.add((String) e.nextElement());
    Collections.sort(names);
    String separator = "";
    for (String name : names) {
      Object value = message.getObjectProperty(name);
      out.append(separator).append(quote(name)).append(":[").append(quote(value.getClass().getSimpleName())).append(',');
      out.append(quote(String.valueOf(value))).append(']');
      separator = ",";
    }
    out.append("},");
    if (message instanceof TextMessage) field(out, "text", ((TextMessage) message).getText());
    if (message instanceof BytesMessage) {
      BytesMessage bytes = (BytesMessage) message;
      byte[] body = new byte[(int) bytes.getBodyLength()];
      bytes.readBytes(body);
      field(out, "hex", hex(body));
    }
    if (message instanceof MapMessage) {
      MapMessage map = (MapMessage) message;
      List<String> keys = new ArrayList<>();
      for (Enumeration<?> e = map.getMapNames(); e.hasMoreElements(); ) keys.add((String) e.nextElement());
      Collections.sort(keys);
      out.append("\"map\":{");
      String comma = "";
      for (String key : keys) {
        Object value = map.getObject(key);
        String text = value instanceof byte[] ? hex((byte[]) value) : String.valueOf(value);
        out.append(comma).append(quote(key)).append(":[").append(quote(value == null ? "null" : value.getClass().getSimpleName())).append(',');
        out.append(quote(text)).append(']');
        comma = ",";
      }
      out.append("},");
    }
    return out.append("\"end\":true}").toString();
  }

  private static String hex(byte[] body) {
    return body.length == 0 ? "" : String.format("%0" + body.length * 2 + "x", new BigInteger(1, body));
  }

  private static String kind(Message message) {
    if (message instanceof TextMessage) return "TextMessage";
    if (message instanceof BytesMessage) return "BytesMessage";
    if (message instanceof MapMessage) return "MapMessage";
    return message.getClass().getSimpleName();
  }

  private static String name(Destination destination) {
    return destination == null ? null : destination.toString();
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append(quote(name)).append(':').append(value == null ? "null" : quote(value)).append(',');
  }

  private static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }
}
