// The operations layer runs `npm start`, which serves the production build:
// reuse the one the end-to-end layer made, or make it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export default function buildOnce(): void {
  if (existsSync(".next/BUILD_ID")) return;
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status}): the operations layer needs the production build`);
}
