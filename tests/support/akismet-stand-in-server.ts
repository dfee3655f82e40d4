// Runs the Akismet stand-in as its own process for the end-to-end tests:
// `tsx tests/support/akismet-stand-in-server.ts PORT`. GET /__requests lists
// what it received.
import { startAkismetStandIn } from "./akismet-stand-in";

const port = Number(process.argv[2] ?? 3199);
const standIn = await startAkismetStandIn({ port });
console.log(`Akismet stand-in on http://${standIn.host} (key ${standIn.key})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void standIn.close().then(() => process.exit(0)));
}
