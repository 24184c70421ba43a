/** jest's jsdom lacks TextDecoder, which read-json creates when loaded: imported first by jsdom tests. */
import { TextDecoder, TextEncoder } from "node:util";

Object.assign(globalThis, { TextDecoder, TextEncoder });
