/**
 * What jest's jsdom lacks and browsers have: TextDecoder/TextEncoder (read-json decodes bytes with them),
 * Web Crypto's digest and ResizeObserver. Imported first by every task-pane test.
 */
import { webcrypto } from "node:crypto";
import { TextDecoder, TextEncoder } from "node:util";

Object.assign(globalThis, { TextDecoder, TextEncoder });
/** The submission key is a SHA-256 by Web Crypto, which every webview has and jsdom lacks. */
if (!globalThis.crypto?.subtle)
  Object.defineProperty(globalThis, "crypto", { configurable: true, value: webcrypto });

/** Fluent's overflow-aware components observe their size; jsdom has no layout, so nothing ever changes. */
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!("ResizeObserver" in globalThis))
  Object.assign(globalThis, { ResizeObserver: NoResizeObserver });

/** Web Crypto's digest (SHA-256 of a chosen file): browsers have it; jest's jsdom leaves it out. */
if (!globalThis.crypto?.subtle)
  Object.defineProperty(globalThis, "crypto", {
    value: require("node:crypto").webcrypto,
    configurable: true,
  });
