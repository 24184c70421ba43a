/** `nianbao serve` as the bench starts it (compiled with the bench, so it needs no separate CLI build). */
import { serveCommand } from "../src/cli/serve";

void serveCommand(
  process.argv.slice(2),
  { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) },
  ""
);
