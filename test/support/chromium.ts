/** Launching Debian's Chromium through playwright-core (no browser download), for every browser test. */
import { chromium, type Browser } from "playwright-core";

/** The flags that work on this kind of machine (closed network, root, no GPU). */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromiumAt(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
