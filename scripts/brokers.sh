#!/usr/bin/env bash
# Installs, starts, stops and reports the real brokers jms-ts is tested against,
# all bound to 127.0.0.1. Usage: scripts/brokers.sh up|down|status|kill|restart [--fresh] [activemq|rabbitmq|kafka|redis|rocketmq ...]
# kill and restart are for fault tests: SIGKILL a broker this script started (a crash), start it again on its data.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TEMPLATES=$ROOT/scripts/brokers
STATE=${JMS_BROKERS_DIR:-$ROOT/.brokers}
CACHE=${JMS_BROKERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jms-ts}
LOGS=$STATE/logs
# The newest Kafka 4.x kafkajs still works with; share groups (KIP-932) are production-ready from 4.2.
KAFKA_VERSION=${JMS_KAFKA_VERSION:-4.4.0}
LOG4J_VERSION=2.24.3
# 5.5.1's name server, proxy and several broker dependencies are not on Maven Central; 5.4.0's all are.
ROCKETMQ_VERSION=${JMS_ROCKETMQ_VERSION:-5.4.0}
START_TIMEOUT=${JMS_BROKER_START_TIMEOUT:-90}

# The ports a state directory's brokers were started on, so kill and restart reach the same ones
# whatever the caller's environment says (an explicit JMS_*_PORT still wins).
PORTS_FILE=$STATE/ports.env
# shellcheck disable=SC1090
[[ -f $PORTS_FILE ]] && . "$PORTS_FILE"

OPENWIRE_PORT=${JMS_OPENWIRE_PORT:-61616}
STOMP_PORT=${JMS_STOMP_PORT:-61613}
AMQP_PORT=${JMS_AMQP_PORT:-5672}
RABBIT_STOMP_PORT=${JMS_RABBIT_STOMP_PORT:-61614}
KAFKA_PORT=${JMS_KAFKA_PORT:-9092}
CONTROLLER_PORT=${JMS_KAFKA_CONTROLLER_PORT:-9093}
REDIS_PORT=${JMS_REDIS_PORT:-6379}
# TLS and SASL listeners (scripts/brokers/tls.sh makes the certificates).
STOMP_TLS_PORT=${JMS_STOMP_TLS_PORT:-61612}
AMQPS_PORT=${JMS_AMQPS_PORT:-5671}
RABBIT_STOMP_TLS_PORT=${JMS_RABBIT_STOMP_TLS_PORT:-61615}
KAFKA_SSL_PORT=${JMS_KAFKA_SSL_PORT:-9094}
KAFKA_SASL_SSL_PORT=${JMS_KAFKA_SASL_SSL_PORT:-9095}
KAFKA_SASL_PORT=${JMS_KAFKA_SASL_PORT:-9096}
REDIS_TLS_PORT=${JMS_REDIS_TLS_PORT:-6380}
# The SCRAM (SASL_SSL, SASL_PLAINTEXT) and PLAIN (SASL_PLAINTEXT) user of the test Kafka.
KAFKA_SASL_USER=jms-sasl
KAFKA_SASL_PASSWORD=jms-sasl-secret
ROCKETMQ_NAMESRV_PORT=${JMS_ROCKETMQ_NAMESRV_PORT:-9876}
ROCKETMQ_BROKER_PORT=${JMS_ROCKETMQ_BROKER_PORT:-10911}
ROCKETMQ_PROXY_PORT=${JMS_ROCKETMQ_PROXY_PORT:-8081}
ROCKETMQ_PROXY_REMOTING_PORT=${JMS_ROCKETMQ_PROXY_REMOTING_PORT:-8080}

ALL_BROKERS=(activemq rabbitmq kafka redis rocketmq)

say() { printf '[brokers] %s\n' "$*"; }
die() { printf '[brokers] error: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# "pid 123 (java)" for whatever listens on the port, or "unknown process".
port_owner() {
  local line
  line=$(ss -ltnpH "sport = :$1" 2>/dev/null | head -1)
  if [[ $line =~ \(\(\"([^\"]+)\",pid=([0-9]+) ]]; then
    echo "pid ${BASH_REMATCH[2]} (${BASH_REMATCH[1]})"
  else
    echo "an unknown process"
  fi
}

pid_file() { echo "$STATE/$1.pid"; }
running_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  if kill -0 "$pid" 2>/dev/null; then echo "$pid"; else rm -f "$file"; return 1; fi
}

require_free_ports() {
  local name=$1; shift
  local port
  for port in "$@"; do
    if port_open "$port"; then
      die "$name needs 127.0.0.1:$port, which is taken by $(port_owner "$port")"
    fi
  done
}

render() { # template, output, then NAME=value pairs for @NAME@ placeholders
  local template=$1 out=$2; shift 2
  local text pair
  text=$(<"$TEMPLATES/$template")
  for pair in "$@"; do text=${text//@${pair%%=*}@/${pair#*=}}; done
  printf '%s\n' "$text" >"$out"
}

log_tail() { [[ -f $1 ]] && tail -n 40 "$1" | sed 's/^/    /' >&2; }

# Waits for the port and the broker's own ready line; fails with the log tail.
wait_ready() {
  local name=$1 pid=$2 port=$3 log=$4 ready=$5
  local deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$(pid_file "$name")"
      printf '[brokers] error: %s exited during start; last lines of %s:\n' "$name" "$log" >&2
      log_tail "$log"; exit 1
    fi
    if port_open "$port" && grep -q -E "$ready" "$log" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  printf '[brokers] error: %s not ready after %ss; last lines of %s:\n' "$name" "$START_TIMEOUT" "$log" >&2
  log_tail "$log"
  stop_pid "$name" >&2
  exit 1
}

launch() { # name, log, command...: starts in its own session, records the PID
  local name=$1 log=$2; shift 2
  : >"$log"
  setsid nohup "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
  echo $!
}

stop_pid() {
  local name=$1 pid
  pid=$(running_pid "$name") || { say "$name: not running"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$(pid_file "$name")"
  say "$name: stopped (pid $pid)"
}

apt_install() {
  local missing=() pkg
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  ((${#missing[@]} == 0)) && return 0
  say "installing ${missing[*]} from Debian"
  local sudo=""; ((EUID == 0)) || sudo="sudo"
  # A denying policy-rc.d stops postinst scripts from starting system services.
  local policy=/usr/sbin/policy-rc.d had_policy=0
  [[ -e $policy ]] && had_policy=1
  ((had_policy)) || { printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null; $sudo chmod +x "$policy"; }
  local ok=1
  $sudo apt-get update -qq >"$LOGS/apt.log" 2>&1 &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$LOGS/apt.log" 2>&1 || ok=0
  ((had_policy)) || $sudo rm -f "$policy"
  ((ok)) || die "cannot install ${missing[*]}: no Debian mirror reachable or apt failed ($(tail -n 1 "$LOGS/apt.log"))"
}

write_endpoints() { # name, then KEY=value lines (written KEY='value': URLs hold & and ?, and CI sources the file)
  local name=$1 pair; shift
  mkdir -p "$STATE/endpoints"
  for pair in "$@"; do printf "%s='%s'\n" "${pair%%=*}" "${pair#*=}"; done >"$STATE/endpoints/$name.env"
  cat "$STATE"/endpoints/*.env >"$STATE/endpoints.env"
}
drop_endpoints() {
  rm -f "$STATE/endpoints/$1.env"
  cat "$STATE"/endpoints/*.env >"$STATE/endpoints.env" 2>/dev/null || rm -f "$STATE/endpoints.env"
}

# shellcheck source=scripts/brokers/tls.sh
. "$TEMPLATES/tls.sh"

# ---------------------------------------------------------------- ActiveMQ
activemq_up() {
  local pid dir=$STATE/activemq
  # libactivemq-java: ActiveMQ's own Java JMS client, for test/brokers/stomp-java-interop.test.ts
  # (installed even when the broker already runs, since that test tells users to run `up`).
  apt_install activemq libxstream-java libjettison-java libactivemq-java
  if pid=$(running_pid activemq); then say "activemq: already running (pid $pid)"; return 0; fi
  require_free_ports activemq "$OPENWIRE_PORT" "$STOMP_PORT" "$STOMP_TLS_PORT"
  tls_certificates
  ((FRESH)) && rm -rf "$dir/data"
  mkdir -p "$dir/conf" "$dir/data" "$dir/lib"
  render activemq.xml "$dir/conf/activemq.xml" OPENWIRE_PORT="$OPENWIRE_PORT" STOMP_PORT="$STOMP_PORT" \
    STOMP_TLS_PORT="$STOMP_TLS_PORT" TLS_DIR="$TLS_DIR" TLS_STORE_PASSWORD="$TLS_STORE_PASSWORD"
  cp "$TEMPLATES/activemq-log4j.properties" "$dir/conf/log4j.properties"
  # STOMP map/object transformations need XStream and Jettison, which Debian's broker lacks.
  local jar
  for jar in xstream jettison xpp3-min; do ln -sf "/usr/share/java/$jar.jar" "$dir/lib/$jar.jar"; done
  local home=/usr/share/activemq log=$LOGS/activemq.log
  pid=$(launch activemq "$log" java -Xmx512m \
    --add-reads=java.xml=java.logging \
    --add-opens java.base/java.security=ALL-UNNAMED --add-opens java.base/java.net=ALL-UNNAMED \
    --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED \
    --add-opens java.naming/javax.naming.spi=ALL-UNNAMED --add-opens java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED \
    --add-opens java.base/java.util.concurrent=ALL-UNNAMED --add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED \
    -Dlog4j.configuration="file:$dir/conf/log4j.properties" \
    -Dactivemq.home="$home" -Dactivemq.base="$dir" -Dactivemq.conf="$dir/conf" -Dactivemq.data="$dir/data" \
    -jar "$home/bin/activemq.jar" start "xbean:file:$dir/conf/activemq.xml")
  wait_ready activemq "$pid" "$STOMP_PORT" "$log" 'Apache ActiveMQ .* started'
  write_endpoints activemq "JMS_TEST_STOMP_URL=stomp://127.0.0.1:$STOMP_PORT" "JMS_TEST_OPENWIRE_PORT=$OPENWIRE_PORT" \
    "JMS_TEST_STOMP_TLS_URL=stomp://127.0.0.1:$STOMP_TLS_PORT?tls=true&tlsCa=$TLS_DIR/ca.pem"
  tls_endpoints
  say "activemq: running (pid $pid) STOMP 127.0.0.1:$STOMP_PORT, OpenWire 127.0.0.1:$OPENWIRE_PORT"
}
activemq_down() { stop_pid activemq; drop_endpoints activemq; }
activemq_status() {
  local pid
  if pid=$(running_pid activemq); then say "activemq: running (pid $pid) STOMP $STOMP_PORT, STOMP over TLS $STOMP_TLS_PORT, OpenWire $OPENWIRE_PORT"
  else say "activemq: stopped"; fi
}

# ---------------------------------------------------------------- RabbitMQ
amqp_answers() { # true when the port speaks AMQP 0-9-1 (a Connection.Start method frame comes back)
  local reply
  reply=$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1; printf 'AMQP\x00\x00\x09\x01' >&3; head -c 1 <&3 | od -An -tx1" 2>/dev/null) || return 1
  [[ ${reply// /} == 01 ]]
}

# A RabbitMQ that already runs (the system one) is reused; its STOMP plugin is turned on at $RABBIT_STOMP_PORT.
rabbitmq_reuse() {
  say "rabbitmq: reusing the RabbitMQ already answering on 127.0.0.1:$AMQP_PORT"
  if ! port_open "$RABBIT_STOMP_PORT"; then
    command -v rabbitmqctl >/dev/null || die "rabbitmq: cannot enable STOMP on the running node: rabbitmqctl not installed"
    # Load the plugin's app first so the listener set here is not replaced by its default (61613, all interfaces).
    rabbitmqctl -q eval "ok = case application:load(rabbitmq_stomp) of ok -> ok; {error,{already_loaded,_}} -> ok end, application:set_env(rabbitmq_stomp, tcp_listeners, [{\"127.0.0.1\", $RABBIT_STOMP_PORT}])." >"$LOGS/rabbitmq-stomp.log" 2>&1 ||
      { log_tail "$LOGS/rabbitmq-stomp.log"; die "rabbitmq: cannot configure the STOMP plugin on the running node"; }
    rabbitmq-plugins -q enable rabbitmq_stomp >>"$LOGS/rabbitmq-stomp.log" 2>&1 ||
      { log_tail "$LOGS/rabbitmq-stomp.log"; die "rabbitmq: cannot enable the STOMP plugin on the running node"; }
    touch "$STATE/rabbitmq.stomp-enabled"
    local deadline=$((SECONDS + 30))
    until port_open "$RABBIT_STOMP_PORT"; do
      ((SECONDS < deadline)) || die "rabbitmq: STOMP plugin enabled but 127.0.0.1:$RABBIT_STOMP_PORT does not accept"
      sleep 0.5
    done
  fi
  touch "$STATE/rabbitmq.reused"
}

rabbitmq_private() {
  apt_install rabbitmq-server
  require_free_ports rabbitmq "$AMQP_PORT" "$RABBIT_STOMP_PORT"
  local dir=$STATE/rabbitmq log=$LOGS/rabbitmq.log pid
  ((FRESH)) && rm -rf "$dir/mnesia"
  mkdir -p "$dir/mnesia" "$dir/home" "$LOGS/rabbitmq"
  render rabbitmq.conf "$dir/rabbitmq.conf" AMQP_PORT="$AMQP_PORT" RABBIT_STOMP_PORT="$RABBIT_STOMP_PORT"
  echo '[rabbitmq_stomp].' >"$dir/enabled_plugins"
  pid=$(HOME=$dir/home RABBITMQ_NODENAME="jmsts-$AMQP_PORT@localhost" \
    RABBITMQ_DIST_PORT=$((AMQP_PORT + 20000)) ERL_CRASH_DUMP=$LOGS/rabbitmq-crash.dump RABBITMQ_MNESIA_BASE=$dir/mnesia \
    RABBITMQ_LOG_BASE=$LOGS/rabbitmq RABBITMQ_LOGS=- RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf \
    RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    launch rabbitmq "$log" /usr/lib/rabbitmq/bin/rabbitmq-server)
  wait_ready rabbitmq "$pid" "$AMQP_PORT" "$log" 'Server startup complete|started TCP listener'
  rm -f "$STATE/rabbitmq.reused" # a node of our own now, whatever ran on the port before
  say "rabbitmq: private node running (pid $pid)"
}

rabbitmq_up() {
  local pid
  if pid=$(running_pid rabbitmq); then say "rabbitmq: already running (pid $pid)"
  elif port_open "$AMQP_PORT"; then
    amqp_answers "$AMQP_PORT" || die "rabbitmq needs 127.0.0.1:$AMQP_PORT, which is taken by $(port_owner "$AMQP_PORT") that does not speak AMQP"
    rabbitmq_reuse
  else
    rabbitmq_private
  fi
  write_endpoints rabbitmq "JMS_TEST_AMQP_URL=amqp://guest:guest@127.0.0.1:$AMQP_PORT" \
    "JMS_TEST_STOMP_RABBITMQ_URL=stomp+rabbitmq://guest:guest@127.0.0.1:$RABBIT_STOMP_PORT"
  say "rabbitmq: AMQP 127.0.0.1:$AMQP_PORT, STOMP 127.0.0.1:$RABBIT_STOMP_PORT"
  rabbitmq_tls_up
  tls_endpoints
}
rabbitmq_down() {
  if [[ -f $STATE/rabbitmq.stomp-enabled ]]; then
    # Leave the reused node as we found it.
    rabbitmq-plugins -q disable rabbitmq_stomp >/dev/null 2>&1 || say "rabbitmq: could not disable the STOMP plugin again"
    rm -f "$STATE/rabbitmq.stomp-enabled"
  fi
  if [[ -f $STATE/rabbitmq.reused ]]; then rm -f "$STATE/rabbitmq.reused"; say "rabbitmq: reused node left running"
  else stop_pid rabbitmq; fi
  drop_endpoints rabbitmq
  rabbitmq_tls_down
}
rabbitmq_status() {
  local pid
  if pid=$(running_pid rabbitmq); then say "rabbitmq: private node running (pid $pid)"
  elif port_open "$AMQP_PORT"; then say "rabbitmq: a RabbitMQ answers on $AMQP_PORT (not ours); STOMP $RABBIT_STOMP_PORT $(port_open "$RABBIT_STOMP_PORT" && echo open || echo closed)"
  else say "rabbitmq: stopped"; fi
  rabbitmq_tls_status
}

# ---------------------------------------------------------------- Kafka
# Resolves a broker's runtime classpath from Maven Central once into $CACHE/<name>-<version>/libs and
# prints that directory. Arguments: name, version, pom template, then NAME=value pairs for it.
maven_libs() {
  local name=$1 version=$2 template=$3; shift 3
  local dir=$CACHE/$name-$version
  if [[ ! -f $dir/.complete ]]; then
    say "$name: fetching $name $version jars from Maven Central into $dir" >&2
    rm -rf "$dir"; mkdir -p "$dir"
    render "$template" "$dir/pom.xml" "$@"
    command -v mvn >/dev/null || die "$name: Maven (mvn) is needed to fetch the broker jars"
    (cd "$dir" && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=libs) >"$LOGS/$name-maven.log" 2>&1 ||
      die "$name: cannot fetch the broker jars: Maven Central not reachable or resolution failed (see $LOGS/$name-maven.log)"
    touch "$dir/.complete"
  fi
  echo "$dir/libs"
}

kafka_libs() { maven_libs kafka "$KAFKA_VERSION" kafka-pom.xml KAFKA_VERSION="$KAFKA_VERSION" LOG4J_VERSION="$LOG4J_VERSION"; }

kafka_up() {
  local pid dir=$STATE/kafka
  if pid=$(running_pid kafka); then say "kafka: already running (pid $pid)"; return 0; fi
  local libs; libs=$(kafka_libs)
  require_free_ports kafka "$KAFKA_PORT" "$CONTROLLER_PORT" "$KAFKA_SSL_PORT" "$KAFKA_SASL_SSL_PORT" "$KAFKA_SASL_PORT"
  tls_certificates
  ((FRESH)) && rm -rf "$dir/data"
  mkdir -p "$dir/data"
  render kafka-server.properties "$dir/server.properties" DATA="$dir/data" KAFKA_PORT="$KAFKA_PORT" CONTROLLER_PORT="$CONTROLLER_PORT" \
    KAFKA_SSL_PORT="$KAFKA_SSL_PORT" KAFKA_SASL_SSL_PORT="$KAFKA_SASL_SSL_PORT" KAFKA_SASL_PORT="$KAFKA_SASL_PORT" TLS_DIR="$TLS_DIR" \
    KAFKA_SASL_USER="$KAFKA_SASL_USER" KAFKA_SASL_PASSWORD="$KAFKA_SASL_PASSWORD"
  cp "$TEMPLATES/kafka-log4j2.properties" "$dir/log4j2.properties"
  local java=(java -Xmx512m -Dlog4j2.configurationFile="$dir/log4j2.properties" -cp "$libs/*")
  if [[ ! -f $dir/data/meta.properties ]]; then
    local id
    id=$("${java[@]}" kafka.tools.StorageTool random-uuid 2>"$LOGS/kafka-format.log") ||
      { log_tail "$LOGS/kafka-format.log"; die "kafka: cannot run Kafka's StorageTool from $libs"; }
    id=${id##*$'\n'}
    # Share groups (queues read through them): on by default from Kafka 4.2 (4.4: share.version=2,
    # with dead-letter topics); 4.1 has them as a preview that must be switched on here.
    local features=()
    [[ $KAFKA_VERSION == 4.1.* ]] && features=(--feature share.version=1)
    # The SCRAM users of the SASL listeners exist from the start (KRaft stores them in the metadata log).
    local scram=(--add-scram "SCRAM-SHA-256=[name=$KAFKA_SASL_USER,password=$KAFKA_SASL_PASSWORD]"
      --add-scram "SCRAM-SHA-512=[name=$KAFKA_SASL_USER,password=$KAFKA_SASL_PASSWORD]")
    "${java[@]}" kafka.tools.StorageTool format -t "$id" -c "$dir/server.properties" "${features[@]}" "${scram[@]}" >"$LOGS/kafka-format.log" 2>&1 ||
      { log_tail "$LOGS/kafka-format.log"; die "kafka: formatting the storage failed"; }
    touch "$dir/data/.scram-users"
  elif [[ ! -f $dir/data/.scram-users ]]; then
    say "kafka: storage formatted before the SCRAM users existed: SASL tests will fail; run up --fresh kafka"
  fi
  local log=$LOGS/kafka.log
  pid=$(launch kafka "$log" "${java[@]}" kafka.Kafka "$dir/server.properties")
  wait_ready kafka "$pid" "$KAFKA_PORT" "$log" 'Kafka Server started|\[KafkaRaftServer nodeId=1\] Kafka Server started'
  write_endpoints kafka "JMS_TEST_KAFKA_URL=kafka://127.0.0.1:$KAFKA_PORT" \
    "JMS_TEST_KAFKA_TLS_URL=kafka://127.0.0.1:$KAFKA_SSL_PORT?tls=true&tlsCa=$TLS_DIR/ca.pem" \
    "JMS_TEST_KAFKA_SASL_URL=kafka://$KAFKA_SASL_USER:$KAFKA_SASL_PASSWORD@127.0.0.1:$KAFKA_SASL_SSL_PORT?tls=true&tlsCa=$TLS_DIR/ca.pem&sasl=scram-sha-512" \
    "JMS_TEST_KAFKA_SASL_PLAINTEXT_URL=kafka://$KAFKA_SASL_USER:$KAFKA_SASL_PASSWORD@127.0.0.1:$KAFKA_SASL_PORT?sasl=plain"
  tls_endpoints
  say "kafka: running (pid $pid) Kafka $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT (controller $CONTROLLER_PORT)"
}
kafka_down() { stop_pid kafka; drop_endpoints kafka; }
kafka_status() {
  local pid
  if pid=$(running_pid kafka); then say "kafka: running (pid $pid) on $KAFKA_PORT (SSL $KAFKA_SSL_PORT, SASL_SSL $KAFKA_SASL_SSL_PORT, SASL_PLAINTEXT $KAFKA_SASL_PORT)"; else say "kafka: stopped"; fi
}

# ---------------------------------------------------------------- Redis
redis_answers() { # true when the port answers a RESP PING with +PONG (or asks for a password)
  local reply
  reply=$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1; printf 'PING\r\n' >&3; head -c 6 <&3" 2>/dev/null) || return 1
  [[ $reply == +PONG* || $reply == -NOAUTH* ]]
}

redis_up() {
  local pid dir=$STATE/redis
  if pid=$(running_pid redis); then say "redis: already running (pid $pid)"
  elif port_open "$REDIS_PORT"; then
    redis_answers "$REDIS_PORT" || die "redis needs 127.0.0.1:$REDIS_PORT, which is taken by $(port_owner "$REDIS_PORT") that does not speak Redis"
    say "redis: reusing the Redis already answering on 127.0.0.1:$REDIS_PORT"
    # redis-server itself too: test/brokers/redis-restart.test.ts runs a private server to restart it.
    apt_install redis-server
    touch "$STATE/redis.reused"
  else
    apt_install redis-server
    ((FRESH)) && rm -rf "$dir/data"
    mkdir -p "$dir/data"
    local log=$LOGS/redis.log
    # Append-only file with fsync every second: PERSISTENT messages survive a restart of the server.
    pid=$(launch redis "$log" /usr/bin/redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$dir/data" \
      --appendonly yes --appendfsync everysec --daemonize no --save '' --logfile '')
    wait_ready redis "$pid" "$REDIS_PORT" "$log" 'Ready to accept connections'
    say "redis: running (pid $pid) on 127.0.0.1:$REDIS_PORT"
  fi
  write_endpoints redis "JMS_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
  redis_tls_up
  tls_endpoints
}
redis_down() {
  if [[ -f $STATE/redis.reused ]]; then rm -f "$STATE/redis.reused"; say "redis: reused server left running"
  else stop_pid redis; fi
  drop_endpoints redis
  redis_tls_down
}
redis_status() {
  local pid
  if pid=$(running_pid redis); then say "redis: running (pid $pid) on $REDIS_PORT"
  elif port_open "$REDIS_PORT"; then say "redis: a Redis answers on $REDIS_PORT (not ours)"
  else say "redis: stopped"; fi
  redis_tls_status
}

# ---------------------------------------------------------------- faults
# SIGKILL to the broker's whole process group (launch() made it a session leader): a crash, no clean shutdown.
# A reused RabbitMQ (a system node) is not killed: the broker closes every client connection instead.
kill_broker() {
  local name=$1 pid
  if [[ $name == rabbitmq && -f $STATE/rabbitmq.reused ]]; then
    rabbitmqctl -q close_all_connections "jms-ts fault test" >/dev/null || die "rabbitmq: cannot close the connections of the reused node"
    say "rabbitmq: reused node not killed; all its client connections closed"
    return 0
  fi
  if [[ $name == redis && -f $STATE/redis.reused ]]; then
    die "$name: the server on this port was not started by this script; it is not killed (use JMS_BROKERS_DIR and a port of your own)"
  fi
  pid=$(running_pid "$name") || die "$name: not running"
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  rm -f "$(pid_file "$name")"
  say "$name: killed (pid $pid)"
}

# ---------------------------------------------------------------- RocketMQ
rocketmq_libs() { maven_libs rocketmq "$ROCKETMQ_VERSION" rocketmq-pom.xml ROCKETMQ_VERSION="$ROCKETMQ_VERSION"; }

# Two JVMs: the name server, and the gRPC proxy running the broker in its own process (local mode).
rocketmq_up() {
  local pid dir=$STATE/rocketmq
  if pid=$(running_pid rocketmq-proxy); then say "rocketmq: already running (proxy pid $pid)"; return 0; fi
  local libs; libs=$(rocketmq_libs)
  # The broker also listens on its port - 2 (the "VIP" channel) and + 1 (HA).
  require_free_ports rocketmq "$ROCKETMQ_NAMESRV_PORT" "$ROCKETMQ_BROKER_PORT" $((ROCKETMQ_BROKER_PORT - 2)) $((ROCKETMQ_BROKER_PORT + 1)) \
    "$ROCKETMQ_PROXY_PORT" "$ROCKETMQ_PROXY_REMOTING_PORT"
  ((FRESH)) && rm -rf "$dir/store"
  mkdir -p "$dir/store" "$dir/home"
  local ports=(NAMESRV_PORT="$ROCKETMQ_NAMESRV_PORT" BROKER_PORT="$ROCKETMQ_BROKER_PORT" BROKER_HA_PORT=$((ROCKETMQ_BROKER_PORT + 1))
    PROXY_PORT="$ROCKETMQ_PROXY_PORT" PROXY_REMOTING_PORT="$ROCKETMQ_PROXY_REMOTING_PORT" STORE="$dir/store")
  render rocketmq-namesrv.properties "$dir/namesrv.properties" "${ports[@]}"
  render rocketmq-broker.conf "$dir/broker.conf" "${ports[@]}"
  render rocketmq-proxy.json "$dir/proxy.json" "${ports[@]}"
  # RocketMQ writes its own logs under user.home/logs/rocketmqlogs; its start scripts' default heaps are gigabytes.
  local java=(java -XX:+UseG1GC -Duser.home="$dir/home" -Drocketmq.home.dir="$dir" -cp "$libs/*")
  local log=$LOGS/rocketmq-namesrv.log
  pid=$(launch rocketmq-namesrv "$log" "${java[@]}" -Xms64m -Xmx192m -XX:MaxDirectMemorySize=64m \
    org.apache.rocketmq.namesrv.NamesrvStartup -c "$dir/namesrv.properties")
  wait_ready rocketmq-namesrv "$pid" "$ROCKETMQ_NAMESRV_PORT" "$log" 'The Name Server boot success'
  log=$LOGS/rocketmq-proxy.log
  local broker_log=$dir/home/logs/rocketmqlogs/broker.log
  rm -f "$broker_log"
  pid=$(launch rocketmq-proxy "$log" "${java[@]}" -Xms128m -Xmx384m -XX:MaxDirectMemorySize=256m \
    org.apache.rocketmq.proxy.ProxyStartup -pm local -pc "$dir/proxy.json" -bc "$dir/broker.conf")
  wait_ready rocketmq-proxy "$pid" "$ROCKETMQ_PROXY_PORT" "$log" 'rocketmq-proxy startup successfully'
  # Until the broker's first registration with the name server (about 10 s in), the topics it
  # creates do not reach the routes, and the proxy caches their absence for 20 s.
  wait_ready rocketmq-proxy "$pid" "$ROCKETMQ_PROXY_PORT" "$broker_log" 'Registering current broker to name server completed'
  # pollWait=1000: this proxy allows 1 s long polls (its default minimum is 5 s), so given-back messages come back sooner.
  write_endpoints rocketmq "JMS_TEST_ROCKETMQ_URL=rocketmq://127.0.0.1:$ROCKETMQ_PROXY_PORT?brokerAddress=127.0.0.1:$ROCKETMQ_BROKER_PORT&pollWait=1000"
  say "rocketmq: running RocketMQ $ROCKETMQ_VERSION (name server pid $(running_pid rocketmq-namesrv), proxy+broker pid $pid): gRPC 127.0.0.1:$ROCKETMQ_PROXY_PORT, broker 127.0.0.1:$ROCKETMQ_BROKER_PORT"
}
rocketmq_down() { stop_pid rocketmq-proxy; stop_pid rocketmq-namesrv; drop_endpoints rocketmq; }
rocketmq_status() {
  local pid proxy=stopped namesrv=stopped
  if pid=$(running_pid rocketmq-proxy); then proxy="running (pid $pid)"; fi
  if pid=$(running_pid rocketmq-namesrv); then namesrv="running (pid $pid)"; fi
  say "rocketmq: proxy+broker $proxy on $ROCKETMQ_PROXY_PORT, name server $namesrv on $ROCKETMQ_NAMESRV_PORT"
}

# ---------------------------------------------------------------- main
usage() {
  echo "usage: $0 up|down|status|kill|restart [--fresh] [activemq|rabbitmq|kafka|redis|rocketmq ...]" >&2
  echo "  up      install what is missing, start the brokers, write $STATE/endpoints.env" >&2
  echo "  kill    SIGKILL brokers this script started (for fault tests); restart starts them again on their data" >&2
  echo "  --fresh start with empty data (ActiveMQ, Kafka, RocketMQ, a private RabbitMQ node, a private Redis)" >&2
  exit 2
}

(($# >= 1)) || usage
ACTION=$1; shift
FRESH=0
BROKERS=()
for arg in "$@"; do
  case $arg in
    --fresh) FRESH=1 ;;
    activemq | rabbitmq | kafka | redis | rocketmq) BROKERS+=("$arg") ;;
    *) usage ;;
  esac
done
((${#BROKERS[@]})) || BROKERS=("${ALL_BROKERS[@]}")
mkdir -p "$STATE" "$LOGS"

save_ports() {
  local name
  : >"$PORTS_FILE"
  for name in OPENWIRE STOMP AMQP RABBIT_STOMP KAFKA KAFKA_CONTROLLER REDIS ROCKETMQ_NAMESRV ROCKETMQ_BROKER ROCKETMQ_PROXY ROCKETMQ_PROXY_REMOTING; do
    local var=JMS_${name}_PORT value
    case $name in
      KAFKA_CONTROLLER) value=$CONTROLLER_PORT ;;
      *) value=$(eval "echo \$${name}_PORT") ;;
    esac
    printf ': "${%s:=%s}"\n' "$var" "$value" >>"$PORTS_FILE"
  done
}

case $ACTION in
  up) save_ports
      for b in "${BROKERS[@]}"; do "${b}_up"; done
      say "endpoints written to $STATE/endpoints.env" ;;
  down) for b in "${BROKERS[@]}"; do "${b}_down"; done ;;
  status) for b in "${BROKERS[@]}"; do "${b}_status"; done ;;
  kill) for b in "${BROKERS[@]}"; do kill_broker "$b"; done ;;
  restart) for b in "${BROKERS[@]}"; do "${b}_up"; done ;;
  *) usage ;;
esac
