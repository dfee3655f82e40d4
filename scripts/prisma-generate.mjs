// Runs `prisma generate` without the native schema engine, which the Prisma CLI
// would otherwise download from a host this project cannot reach. Generation
// needs no engine; the stub exits non-zero so any command that does need it
// fails loudly instead of silently doing nothing.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const stubDir = mkdtempSync(join(tmpdir(), "prisma-engine-stub-"));
const stub = join(stubDir, "schema-engine");
writeFileSync(stub, "#!/bin/sh\necho 'the native schema engine is not used by this project' >&2\nexit 1\n");
chmodSync(stub, 0o755);

const result = spawnSync("npx", ["--no-install", "prisma", "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: stub,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
