// Preloaded into the app server (NODE_OPTIONS="--import …", which allows no
// --cpu-prof): profiles the process running scripts/server.ts and writes
// its .cpuprofile into BENCH_CPU_PROFILE_DIR when it exits.
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir && process.argv.some((argument) => argument.endsWith("server.ts"))) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 200 });
  session.post("Profiler.start");
  process.once("exit", () => {
    // An in-thread session answers synchronously, so this completes before the process ends.
    session.post("Profiler.stop", (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
