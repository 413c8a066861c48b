#!/bin/sh
# Prisma 7's CLI insists on a native schema-engine binary before generate/validate/format, which cannot be
# downloaded here. Those commands never execute it; migrations run through scripts/db-migrate.mjs instead.
if [ "$1" = "--version" ]; then
  echo "schema-engine-cli offline-stub (use scripts/db-migrate.mjs)"
  exit 0
fi
echo "Prisma's schema-engine binary is not available offline. Use: npm run db:migrate:create | db:migrate:deploy | db:migrate:status" >&2
exit 1
