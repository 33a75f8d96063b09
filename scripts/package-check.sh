#!/usr/bin/env bash
# Packs jms-ts as `npm publish` would and uses the tarball the way an application does: installed
# into a scratch application outside the checkout, then an ES module program, a CommonJS program,
# strict TypeScript checked against the installed .d.ts (ESM and compiled to CommonJS), the jms
# command, and the conformance suite. Needs the npm cache that `npm ci` fills.
# `jms send/receive` needs a real broker: JMS_TEST_AMQP_URL or JMS_TEST_STOMP_URL (required when
# JMS_REQUIRE_BROKERS=1, as in CI).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/jms-ts-package-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tsc="$repo/node_modules/typescript/bin/tsc"
step() { printf '\n== %s\n' "$*"; }
fail() { printf 'package check FAILED: %s\n' "$*" >&2; exit 1; }

step "npm pack (prepare builds dist/)"
(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null)
tarball="$(ls "$work"/jms-ts-*.tgz)"
version="$(node -p "require('$repo/package.json').version")"
echo "$(basename "$tarball")"

step "tarball file list"
tar -tzf "$tarball" | sed 's|^package/||' | sort > "$work/files.txt"
echo "$(wc -l < "$work/files.txt") files"
unexpected="$(grep -vE '^(package\.json|README\.md|LICENSE|CHANGELOG\.md|bin/jms\.js|dist/(src|adapters)/.+\.(js|d\.ts))$' "$work/files.txt" || true)"
[ -z "$unexpected" ] || fail "the tarball holds files it should not: $unexpected"
for required in LICENSE CHANGELOG.md README.md bin/jms.js dist/src/index.js dist/src/index.d.ts \
  dist/src/inversify/index.js dist/src/cli/main.js dist/src/conformance/suite/index.d.ts dist/src/spi/public.d.ts \
  dist/adapters/memory/index.js dist/adapters/amqp/index.js dist/adapters/stomp/index.js dist/adapters/kafka/index.js; do
  grep -qxF "$required" "$work/files.txt" || fail "the tarball lacks $required"
done

step "install the tarball into a scratch application"
app="$work/app"
mkdir -p "$app"
echo '{ "name": "scratch-app", "version": "1.0.0", "private": true }' > "$app/package.json"
types_node="$(node -p "require('$repo/node_modules/@types/node/package.json').version")"
inversify="$(node -p "require('$repo/node_modules/inversify/package.json').version")"
(cd "$app" && npm install --prefer-offline --no-audit --no-fund --loglevel=error \
  "$tarball" "inversify@$inversify" "@types/node@$types_node" >/dev/null)
[ ! -e "$app/node_modules/tsx" ] || fail "tsx was installed with the package"

cp -r "$repo/test/package/app/." "$app/"

step "ES module program"
(cd "$app" && node esm.mjs)
step "CommonJS program"
(cd "$app" && node cjs.cjs)
step "strict TypeScript, module nodenext, ES modules"
(cd "$app/ts-esm" && node "$tsc" -p tsconfig.json && node dist/main.js)
step "strict TypeScript compiled to CommonJS"
(cd "$app/ts-cjs" && node "$tsc" -p tsconfig.json && node dist/main.js)
step "jms-ts/conformance on memory://"
(cd "$app" && node conformance.mjs)

step "jms-ts/inversify with each inversify major the peer range names"
for major in 6.2.2 7.11.0; do
  (cd "$app" && npm install --prefer-offline --no-audit --no-fund --loglevel=error "inversify@$major" >/dev/null)
  printf 'inversify %s: ' "$major"
  (cd "$app" && node esm.mjs)
done

step "OpenTelemetry is an optional peer: absent above, then installed with an SDK"
[ ! -e "$app/node_modules/@opentelemetry/api" ] || fail "@opentelemetry/api was installed with the package"
otel_api="$(node -p "require('$repo/node_modules/@opentelemetry/api/package.json').version")"
otel_sdk="$(node -p "require('$repo/node_modules/@opentelemetry/sdk-trace-base/package.json').version")"
(cd "$app" && npm install --prefer-offline --no-audit --no-fund --loglevel=error \
  "@opentelemetry/api@$otel_api" "@opentelemetry/sdk-trace-base@$otel_sdk" >/dev/null)
(cd "$app" && node otel.mjs)

step "npx jms --version"
printed="$(cd "$app" && npx --no-install jms --version)"
[ "$printed" = "$version" ] || fail "jms --version printed '$printed', expected '$version'"
echo "$printed"

step "npx jms send/receive and a CommonJS program on a real broker"
url="${JMS_TEST_AMQP_URL:-${JMS_TEST_STOMP_URL:-}}"
if [ -z "$url" ]; then
  reason="no broker: set JMS_TEST_AMQP_URL or JMS_TEST_STOMP_URL (memory:// cannot carry a message from one process to the next)"
  [ "${JMS_REQUIRE_BROKERS:-}" = 1 ] && fail "$reason"
  echo "skipped: $reason"
else
  queue="package-check.$$.$(date +%s)"
  text="hello from the packed jms-ts $$"
  (cd "$app" && npx --no-install jms send --url "$url" --queue "$queue" "$text")
  received="$(cd "$app" && npx --no-install jms receive --url "$url" --queue "$queue" --count 1 --timeout 15000)"
  echo "$received"
  grep -qF "$text" <<< "$received" || fail "jms receive did not print the message jms send sent"
  (cd "$app" && node cjs-broker.cjs "$url")
fi

printf '\npackage check passed\n'
