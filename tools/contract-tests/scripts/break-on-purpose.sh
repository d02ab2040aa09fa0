#!/usr/bin/env bash
# Breaks one side at a time (spec, mock, client) in a throwaway clone of HEAD and prints which named
# contract tests fail, to show the contract tests hold each side. Slow (several builds); not part of CI.
# Usage: bash tools/contract-tests/scripts/break-on-purpose.sh
set -u
src=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d)
git clone -q "$src" "$work/repo" && cd "$work/repo"
export TURBO_TELEMETRY_DISABLED=1 CI=true
npx -y pnpm@10.34.9 install --frozen-lockfile --offline >/dev/null 2>&1 || npx -y pnpm@10.34.9 install --frozen-lockfile >/dev/null 2>&1
npx -y pnpm@10.34.9 exec turbo run build --output-logs=errors-only >/dev/null 2>&1
run_contract() {
  (cd tools/contract-tests && CONTRACT_RUNS=100 CONTRACT_FAULT_RUNS=10 npx vitest run 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -E "^ *(FAIL|×)|Tests " | sort -u | head -25)
}
echo "### 1. a renamed field in a spec (dds: instance_ids -> instance_id_list, schema and examples), regenerated"
sed -i 's/instance_ids/instance_id_list/g' specs/dds/openapi.yaml
node tools/codegen/src/cli.mjs write >/dev/null
npx -y pnpm@10.34.9 exec turbo run build --output-logs=errors-only 2>&1 | grep -E "error TS|Failed:" | head -5
run_contract
git checkout -q -- specs packages && node tools/codegen/src/cli.mjs write >/dev/null
npx -y pnpm@10.34.9 exec turbo run build --output-logs=errors-only >/dev/null 2>&1

echo "### 2. the mock returns an undocumented field"
python3 - <<'PY'
import re
p='packages/mocks/src/mock-api.ts'
t=open(p).read()
t=t.replace('HttpResponse.json(body as Record<string, unknown>, { status, headers: { "X-Request-Id": requestId } })','HttpResponse.json({ ...(body as Record<string, unknown>), undocumented_field: true }, { status, headers: { "X-Request-Id": requestId } })')
open(p,'w').write(t)
PY
git diff --stat
npx -y pnpm@10.34.9 exec turbo run build --filter=@dbupgrade/mocks --output-logs=errors-only >/dev/null 2>&1
run_contract
git checkout -q -- packages && npx -y pnpm@10.34.9 exec turbo run build --filter=@dbupgrade/mocks --output-logs=errors-only >/dev/null 2>&1

echo "### 3. the client sends a wrong header (X-Auth-Token misspelled X-Auth-Tokn)"
sed -i 's/baseHeaders\["X-Auth-Token"\] = auth.token;/baseHeaders["X-Auth-Tokn"] = auth.token;/' packages/client/src/service-client.ts
git diff --stat
npx -y pnpm@10.34.9 exec turbo run build --filter=@dbupgrade/client --output-logs=errors-only >/dev/null 2>&1
run_contract
cd / && rm -rf "$work"
