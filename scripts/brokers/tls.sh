# Sourced by scripts/brokers.sh: the throwaway certificate authority of the test brokers and the
# private RabbitMQ node that serves AMQPS and STOMP over TLS. Needs the helpers of brokers.sh.

TLS_DIR=$STATE/tls
# The PKCS12 keystore password ActiveMQ needs; it protects nothing (the CA is throwaway, loopback only).
TLS_STORE_PASSWORD=jms-ts-test

# Makes (once) a CA, a server certificate for 127.0.0.1/localhost, a client certificate for mutual
# TLS, an expired server certificate for the failure tests, and ActiveMQ's PKCS12 keystore.
# Idempotent: a complete set that is still valid for a week is kept.
tls_certificates() {
  command -v openssl >/dev/null || apt_install openssl
  if [[ -f $TLS_DIR/.complete ]] && openssl x509 -checkend 604800 -noout -in "$TLS_DIR/server.pem" >/dev/null 2>&1; then return 0; fi
  say "tls: making a throwaway CA and certificates in $TLS_DIR"
  rm -rf "$TLS_DIR"; mkdir -p "$TLS_DIR"
  (
    cd "$TLS_DIR"
    local log=$LOGS/tls.log
    exec >"$log" 2>&1
    set -e
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 -subj '/CN=jms-ts test CA'
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    # PKCS#8 keys (BEGIN PRIVATE KEY): what Kafka's PEM keystore reads.
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server.key
    openssl req -new -key server.key -subj '/CN=127.0.0.1' -out server.csr
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 -extfile server.ext -out server.pem
    cat server.key server.pem >server-keystore.pem
    openssl pkcs12 -export -in server.pem -inkey server.key -certfile ca.pem -name server -out server.p12 -passout "pass:$TLS_STORE_PASSWORD"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out client.key
    openssl req -new -key client.key -subj '/CN=jms-ts test client' -out client.csr
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 -extfile client.ext -out client.pem
    # An encrypted copy of the client key, for tlsPassphrase.
    openssl pkcs8 -topk8 -in client.key -out client-encrypted.key -passout pass:client-key-passphrase
    # Expired: valid from 2020-01-01 to 2020-01-02 (openssl ca is the tool that takes fixed dates).
    mkdir -p expired-ca; : >expired-ca/index.txt; echo 01 >expired-ca/serial
    printf '[ca]\ndefault_ca=x\n[x]\ndir=expired-ca\ndatabase=$dir/index.txt\nserial=$dir/serial\nnew_certs_dir=$dir\ndefault_md=sha256\npolicy=p\ncopy_extensions=none\n[p]\ncommonName=supplied\n' >expired-ca.conf
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out expired.key
    openssl req -new -key expired.key -subj '/CN=127.0.0.1' -out expired.csr
    openssl ca -batch -config expired-ca.conf -cert ca.pem -keyfile ca.key -in expired.csr -startdate 20200101000000Z -enddate 20200102000000Z -extfile server.ext -out expired.pem
    # A second CA that signed nothing the brokers use: "unknown CA" for the failure tests.
    openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.pem -days 3650 -subj '/CN=jms-ts unrelated CA'
    chmod 600 ./*.key server.p12
    touch .complete
  ) || { log_tail "$LOGS/tls.log"; die "tls: making the test certificates failed"; }
}

# What the TLS tests need besides the URLs: the CA and the client certificate of mutual TLS.
tls_endpoints() {
  write_endpoints tls "JMS_TEST_TLS_CA=$TLS_DIR/ca.pem"
}

# ---------------------------------------------------------------- RabbitMQ over TLS
# A private node of its own (the reused system node is not ours to reconfigure), with no plaintext
# listener: AMQPS and STOMP over TLS, both asking for a client certificate (mutual TLS).
rabbitmq_tls_up() {
  local pid dir=$STATE/rabbitmq-tls log=$LOGS/rabbitmq-tls.log
  tls_certificates
  if pid=$(running_pid rabbitmq-tls); then say "rabbitmq-tls: already running (pid $pid)"
  else
    [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || apt_install rabbitmq-server
    require_free_ports rabbitmq-tls "$AMQPS_PORT" "$RABBIT_STOMP_TLS_PORT"
    ((FRESH)) && rm -rf "$dir/mnesia"
    mkdir -p "$dir/mnesia" "$dir/home" "$LOGS/rabbitmq-tls"
    render rabbitmq-tls.conf "$dir/rabbitmq.conf" AMQPS_PORT="$AMQPS_PORT" RABBIT_STOMP_TLS_PORT="$RABBIT_STOMP_TLS_PORT" TLS_DIR="$TLS_DIR"
    echo '[rabbitmq_stomp].' >"$dir/enabled_plugins"
    pid=$(HOME=$dir/home RABBITMQ_NODENAME="jmsts-tls-$AMQPS_PORT@localhost" \
      RABBITMQ_DIST_PORT=$((AMQPS_PORT + 20000)) ERL_CRASH_DUMP=$LOGS/rabbitmq-tls-crash.dump RABBITMQ_MNESIA_BASE=$dir/mnesia \
      RABBITMQ_LOG_BASE=$LOGS/rabbitmq-tls RABBITMQ_LOGS=- RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf \
      RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins ERL_EPMD_ADDRESS=127.0.0.1 \
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
      launch rabbitmq-tls "$log" /usr/lib/rabbitmq/bin/rabbitmq-server)
    wait_ready rabbitmq-tls "$pid" "$RABBIT_STOMP_TLS_PORT" "$log" 'Server startup complete'
    say "rabbitmq-tls: running (pid $pid) AMQPS 127.0.0.1:$AMQPS_PORT, STOMP over TLS 127.0.0.1:$RABBIT_STOMP_TLS_PORT"
  fi
  local mutual="tlsCa=$TLS_DIR/ca.pem&tlsCert=$TLS_DIR/client.pem&tlsKey=$TLS_DIR/client.key"
  write_endpoints rabbitmq-tls "JMS_TEST_AMQPS_URL=amqps://guest:guest@127.0.0.1:$AMQPS_PORT?$mutual" \
    "JMS_TEST_STOMP_RABBITMQ_TLS_URL=stomp+rabbitmq://guest:guest@127.0.0.1:$RABBIT_STOMP_TLS_PORT?tls=true&$mutual"
}
rabbitmq_tls_down() { stop_pid rabbitmq-tls; drop_endpoints rabbitmq-tls; }
rabbitmq_tls_status() {
  local pid
  if pid=$(running_pid rabbitmq-tls); then say "rabbitmq-tls: running (pid $pid) AMQPS $AMQPS_PORT, STOMP over TLS $RABBIT_STOMP_TLS_PORT"
  else say "rabbitmq-tls: stopped"; fi
}

# ---------------------------------------------------------------- Redis over TLS
# A private redis-server with only a TLS port (the reused one is not ours to reconfigure), no persistence.
redis_tls_up() {
  local pid log=$LOGS/redis-tls.log
  tls_certificates
  if pid=$(running_pid redis-tls); then say "redis-tls: already running (pid $pid)"
  else
    [[ -x /usr/bin/redis-server ]] || apt_install redis-server
    require_free_ports redis-tls "$REDIS_TLS_PORT"
    pid=$(launch redis-tls "$log" /usr/bin/redis-server --bind 127.0.0.1 --port 0 --tls-port "$REDIS_TLS_PORT" \
      --tls-cert-file "$TLS_DIR/server.pem" --tls-key-file "$TLS_DIR/server.key" --tls-ca-cert-file "$TLS_DIR/ca.pem" \
      --tls-auth-clients no --save '' --appendonly no --daemonize no --logfile '')
    wait_ready redis-tls "$pid" "$REDIS_TLS_PORT" "$log" 'Ready to accept connections'
    say "redis-tls: running (pid $pid) TLS on 127.0.0.1:$REDIS_TLS_PORT"
  fi
  write_endpoints redis-tls "JMS_TEST_REDIS_TLS_URL=rediss://127.0.0.1:$REDIS_TLS_PORT/0?tlsCa=$TLS_DIR/ca.pem"
}
redis_tls_down() { stop_pid redis-tls; drop_endpoints redis-tls; }
redis_tls_status() {
  local pid
  if pid=$(running_pid redis-tls); then say "redis-tls: running (pid $pid) TLS on $REDIS_TLS_PORT"; else say "redis-tls: stopped"; fi
}
