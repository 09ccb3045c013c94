#!/usr/bin/env bash
# A throw-away Elasticsearch node for CI and local runs (see docs/elasticsearch.md).
#
#   eval "$(.ci/es.sh start)"   start one (fetched with Maven the first time), export its URL
#   .ci/es.sh stop              stop it and delete its data
#   .ci/es.sh fetch             only fetch and unzip the distribution (e.g. in `make setup-dev`)
#
# The test suite does not need this: its session fixture starts and stops its own node.
# With CONCORDIA_TEST_ES_URL exported, the tests use this node instead of starting one.
# Environment: ES_NODE_NAME (default ci), CONCORDIA_ES_VERSION, ES_JAVA_HOME, CONCORDIA_ES_HEAP.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
[ -x "$PY" ] || PY=python3
name=${ES_NODE_NAME:-ci}
case "${1:-}" in
  start)
    url=$("$PY" -m tests.es_node start --name "$name")
    echo "export CONCORDIA_TEST_ES_URL=$url CONCORDIA_ES_URL=$url"
    ;;
  stop)
    "$PY" -m tests.es_node stop --name "$name"
    ;;
  fetch)
    "$PY" -m tests.es_node fetch
    ;;
  *)
    echo "usage: $0 start|stop|fetch" >&2
    exit 2
    ;;
esac
