#!/usr/bin/env bash
# Creates the Quartier topics listed in topics.txt on a running broker. The brokers run with
# auto.create.topics.enable=false, so a service can never create a topic with default
# partitions by publishing first; this one-shot job (docker-compose service `kafka-init`) is
# the only creator. Idempotent: existing topics are left as they are (partitions can only
# grow, and that is an operator's decision, not a start-up side effect).
#
# Environment:
#   BOOTSTRAP_SERVERS         broker list (default kafka:9092)
#   TOPIC_REPLICATION_FACTOR  replicas per partition (default 1: the single compose broker)
#   TOPIC_MIN_INSYNC_REPLICAS min.insync.replicas per topic (default 1)
#   KAFKA_TOPICS_BIN          kafka-topics.sh to call (default /opt/kafka/bin/kafka-topics.sh)
#   TOPICS_FILE               topic list (default: topics.txt next to this script)
#   CONNECT_ATTEMPTS          how often to try reaching the broker before giving up (default 30)
set -euo pipefail

bootstrap=${BOOTSTRAP_SERVERS:-kafka:9092}
replication=${TOPIC_REPLICATION_FACTOR:-1}
min_isr=${TOPIC_MIN_INSYNC_REPLICAS:-1}
kafka_topics=${KAFKA_TOPICS_BIN:-/opt/kafka/bin/kafka-topics.sh}
topics_file=${TOPICS_FILE:-$(dirname "${BASH_SOURCE[0]}")/topics.txt}
attempts=${CONNECT_ATTEMPTS:-30}

log() { printf '[kafka-init] %s\n' "$*" >&2; }

if [[ ! -r "$topics_file" ]]; then
  log "topic list not readable: $topics_file"
  exit 66
fi
if (( min_isr > replication )); then
  # Producers use acks=all; with min.insync.replicas above the replica count every write fails.
  log "TOPIC_MIN_INSYNC_REPLICAS ($min_isr) must not exceed TOPIC_REPLICATION_FACTOR ($replication)"
  exit 64
fi

# The compose healthcheck already waits for the broker, but a broker that just became
# reachable may still be electing its controller; retry listing until it answers.
for ((try = 1; ; try++)); do
  if "$kafka_topics" --bootstrap-server "$bootstrap" --list >/dev/null 2>&1; then
    break
  fi
  if (( try >= attempts )); then
    log "broker $bootstrap not reachable after $attempts attempts"
    exit 69
  fi
  log "waiting for broker $bootstrap ($try/$attempts)"
  sleep 2
done

created=0
line_no=0
while IFS= read -r line || [[ -n "$line" ]]; do
  line_no=$((line_no + 1))
  line=${line%%#*}
  read -r name partitions retention extra <<<"$line" || true
  [[ -z "${name:-}" ]] && continue
  if [[ -n "${extra:-}" || ! "$partitions" =~ ^[1-9][0-9]*$ || ! "$retention" =~ ^(-1|[1-9][0-9]*)$ ]]; then
    log "$topics_file:$line_no: expected '<topic> <partitions> <retention.ms>', got: $line"
    exit 65
  fi
  "$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$replication" \
    --config "retention.ms=$retention" --config "min.insync.replicas=$min_isr" \
    --config "cleanup.policy=delete"
  created=$((created + 1))
done <"$topics_file"

log "ensured $created topics on $bootstrap (replication factor $replication)"
