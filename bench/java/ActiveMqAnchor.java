import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.jms.Connection;
import javax.jms.JMSException;
import javax.jms.DeliveryMode;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Queue;
import javax.jms.Session;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQMessageProducer;
import org.apache.activemq.AsyncCallback;

/**
 * The anchor for the ActiveMQ benchmark rows: ActiveMQ's own Java JMS client (OpenWire), written
 * the way its users write it. Sync persistent sends, then async persistent sends on a
 * `jms.useAsyncSend=true` connection fenced by one send that waits for its answer, then an AUTO_ACKNOWLEDGE listener
 * taking them all. Prints one JSON line of messages per second.
 * Usage: ActiveMqAnchor brokerUrl queue confirmedCount pipelinedCount
 */
public final class ActiveMqAnchor {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String queueName = args[1];
    int confirmedCount = Integer.parseInt(args[2]);
    int pipelinedCount = Integer.parseInt(args[3]);
    String body = "x".repeat(1024);

    Connection sync = new ActiveMQConnectionFactory(url).createConnection();
    Connection async = new ActiveMQConnectionFactory(url + "?jms.useAsyncSend=true").createConnection();
    try {
      Session syncSession = sync.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Queue queue = syncSession.createQueue(queueName);
      MessageProducer syncProducer = syncSession.createProducer(queue);
      syncProducer.setDeliveryMode(DeliveryMode.PERSISTENT);
      long started = System.nanoTime();
      for (int i = 0; i < confirmedCount; i++) syncProducer.send(syncSession.createTextMessage(body));
      double confirmed = rate(confirmedCount, started);

      Session asyncSession = async.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer asyncProducer = asyncSession.createProducer(queue);
      asyncProducer.setDeliveryMode(DeliveryMode.PERSISTENT);
      started = System.nanoTime();
      for (int i = 0; i < pipelinedCount; i++) asyncProducer.send(asyncSession.createTextMessage(body));
      // The fence: the broker handles a connection's commands in order, so the answer to one send
      // that asks for it (a send with a callback) comes after every send before it is stored.
      CountDownLatch fenced = new CountDownLatch(1);
      JMSException[] fenceFailure = new JMSException[1];
      ((ActiveMQMessageProducer) asyncProducer).send(asyncSession.createTextMessage(body), new AsyncCallback() {
        public void onSuccess() { fenced.countDown(); }
        public void onException(JMSException e) { fenceFailure[0] = e; fenced.countDown(); }
      });
      fenced.await();
      if (fenceFailure[0] != null) throw fenceFailure[0];
      double pipelined = rate(pipelinedCount, started);

      int total = confirmedCount + pipelinedCount + 1;
      CountDownLatch all = new CountDownLatch(total);
      Session receiving = sync.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer = receiving.createConsumer(queue);
      consumer.setMessageListener(message -> all.countDown());
      started = System.nanoTime();
      sync.start();
      if (!all.await(120, TimeUnit.SECONDS)) throw new IllegalStateException(all.getCount() + " of " + total + " messages never arrived");
      double consumed = rate(total, started);
      consumer.close();
      System.out.println("{\"confirmed\":" + confirmed + ",\"pipelined\":" + pipelined + ",\"consumed\":" + consumed + "}");
    } finally {
      async.close();
      sync.close();
    }
  }

  private static double rate(int count, long startedNanos) {
    return count / ((System.nanoTime() - startedNanos) / 1e9);
  }
}
