#!/usr/bin/env bash
# A one-node Garage (an S3-compatible object store written in Rust; `make garage` installs it
# from the package registries) for the file-store tests and the drills: a bucket `ocop` and a
# key that may use it.
#
#   bench/garage.sh start   starts it afresh in $GARAGE_DIR and prints the store's address
#                           (for TEST_S3_URL or FILES_URL) on the last line
#   bench/garage.sh stop    stops it
#
# Ports: $GARAGE_PORT (S3, default 3930) and the next two (RPC, admin), on 127.0.0.1.
set -euo pipefail
dir="${GARAGE_DIR:-/tmp/ocop-garage}"
port="${GARAGE_PORT:-3930}"
# Fixed test credentials: this store lives for a test run, on loopback only.
key_id="GK0cc0ba1e0cc0ba1e0cc0ba1e"
secret="0cc0ba1e0cc0ba1e0cc0ba1e0cc0ba1e0cc0ba1e0cc0ba1e0cc0ba1e0cc0ba1e"

garage() { command garage -c "$dir/garage.toml" "$@"; }

stop() {
  if [ -f "$dir/pid" ]; then
    kill "$(cat "$dir/pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$(cat "$dir/pid")" 2>/dev/null || break; sleep 0.1; done
    rm -f "$dir/pid"
  fi
}

case "${1:-}" in
  stop) stop ;;
  start)
    command -v garage >/dev/null || { echo "garage is not installed: run make garage" >&2; exit 1; }
    stop
    rm -rf "$dir" && mkdir -p "$dir"
    cat > "$dir/garage.toml" <<TOML
metadata_dir = "$dir/meta"
data_dir = "$dir/data"
db_engine = "sqlite"
replication_factor = 1
rpc_bind_addr = "127.0.0.1:$((port + 1))"
rpc_public_addr = "127.0.0.1:$((port + 1))"
rpc_secret = "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"

[s3_api]
s3_region = "garage"
api_bind_addr = "127.0.0.1:$port"
root_domain = ".s3.garage.localhost"

[admin]
api_bind_addr = "127.0.0.1:$((port + 2))"
TOML
    RUST_LOG=warn setsid "$(command -v garage)" -c "$dir/garage.toml" server > "$dir/garage.log" 2>&1 &
    echo $! > "$dir/pid"
    for _ in $(seq 1 100); do garage status >/dev/null 2>&1 && break; sleep 0.2; done
    node="$(garage node id -q 2>/dev/null | cut -d@ -f1)"
    [ -n "$node" ] || { echo "garage did not start; its log:" >&2; cat "$dir/garage.log" >&2; exit 1; }
    garage layout assign -z local -c 1G "$node" >/dev/null
    garage layout apply --version 1 >/dev/null
    garage key import -n ocop --yes "$key_id" "$secret" >/dev/null
    garage bucket create ocop >/dev/null
    garage bucket allow --read --write --owner ocop --key ocop >/dev/null
    echo "s3://ocop?endpoint=http://127.0.0.1:$port&region=garage&access_key_id=$key_id&secret_access_key=$secret"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
