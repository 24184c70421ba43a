/**
 * What jest's jsdom lacks and browsers have: TextDecoder/TextEncoder (read-json decodes bytes with them) and
 * ResizeObserver. Imported first by every task-pane test.
 */
import { TextDecoder, TextEncoder } from "node:util";

Object.assign(globalThis, { TextDecoder, TextEncoder });

/** Fluent's overflow-aware components observe their size; jsdom has no layout, so nothing ever changes. */
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!("ResizeObserver" in globalThis))
  Object.assign(globalThis, { ResizeObserver: NoResizeObserver });
