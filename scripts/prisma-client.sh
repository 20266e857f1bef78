#!/usr/bin/env bash
# Builds the web application's own Prisma client for the tests (tests/prisma) in DIR, from the npm
# registry: Prisma 7 with its PostgreSQL driver adapter, generated from the fixture's schema, and
# compiled with TypeScript. Prints the path of the program that test_prisma_client runs.
#
#   scripts/prisma-client.sh DIR
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir=${1:?usage: scripts/prisma-client.sh DIR}

node_major=$(node -p 'process.versions.node.split(".").slice(0, 2).join(".")' 2>/dev/null || echo 0)
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null; then
    echo "prisma-client.sh: Prisma 7 needs Node.js 20.19 or later; this machine has ${node_major}" >&2
    exit 1
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "prisma-client.sh: npm is missing (it comes with Node.js's nodejs package)" >&2
    exit 1
fi

mkdir -p "$dir"
# Absolute: the tests run it from their own working directories.
dir=$(cd "$dir" && pwd)
# The packages again only when the lock file changed.
if ! cmp -s "$here/tests/prisma/package-lock.json" "$dir/package-lock.json" || [[ ! -d "$dir/node_modules" ]]; then
    cp "$here/tests/prisma/package.json" "$here/tests/prisma/package-lock.json" "$dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
for file in tsconfig.json prisma.config.ts webapp.ts; do
    cp "$here/tests/prisma/$file" "$dir/"
done
cat "$here/tests/prisma/generator.prisma" "$here/tests/fixtures/schema.prisma" >"$dir/schema.prisma"

cd "$dir"
# `generate` needs no schema engine, but Prisma's CLI would first download one from its own
# server, which is not the npm registry; pointing it at a program that exists skips the download.
PRISMA_SCHEMA_ENGINE_BINARY=/bin/false npx --no-install prisma generate >&2
npx --no-install tsc -p . >&2
echo "$dir/out/webapp.js"
