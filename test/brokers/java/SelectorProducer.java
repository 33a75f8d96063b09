import javax.jms.*;
import org.apache.activemq.ActiveMQConnectionFactory;

/** Sends text messages with one typed property `v` each over OpenWire: args are the broker URL and the queue. */
public class SelectorProducer {
  public static void main(String[] args) throws Exception {
    Connection connection = new ActiveMQConnectionFactory(args[0]).createConnection();
    try {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = session.createProducer(session.createQueue(args[1]));
      Object[] values = { (byte) 3, (short) 300, 3, -7, 1L << 60, 0.1f, 9.5, Double.NaN, true, false, "3" };
      for (Object value : values) {
        TextMessage message = session.createTextMessage(value.getClass().getSimpleName() + " " + value);
        message.setObjectProperty("v", value);
        producer.send(message);
      }
      producer.send(session.createTextMessage("missing"));
    } finally {
      connection.close();
    }
  }
}
