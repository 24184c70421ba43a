/**
 * Where the agency's token for the platform is kept: for this user on this computer, never in the workbook
 * (which travels by e-mail), and forgotten with one click.
 *
 * What Excel offers an add-in for that (learn.microsoft.com, "Persist add-in state and settings"):
 * - `localStorage` of the pane's webview, which Microsoft names as the place for a task pane's private data,
 *   with `Office.context.partitionKey` as a key prefix where storage is partitioned (Excel on the web);
 *   the key is undefined where the webview does not partition (Windows). Browsers or policies may block it,
 *   so it is probed before use.
 * - `OfficeRuntime.storage` (requirement set SharedRuntime 1.1): persistent, shared by the add-in's
 *   runtimes, but documented for add-ins that declare the shared runtime, which this one does not (it keeps
 *   the pane's code running after it closes and needs Excel 2002+, not the volume-licensed 2019). It is used
 *   only when localStorage is blocked and the set is supported.
 * - Otherwise the token lives in memory until the pane closes, and the pane says it will ask again.
 * The partition key and OfficeRuntime.storage come from the SpreadsheetHost: Office.js stays in src/excel/.
 */
import type { AsyncStorage } from "../excel/host";

/** The part of Web Storage that is used here. */
interface SyncStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface TokenStore {
  /** "device": kept for this user on this computer; "session": only until the pane is closed. */
  readonly keeps: "device" | "session";
  get(): Promise<string | undefined>;
  set(token: string): Promise<void>;
  forget(): Promise<void>;
}

/** What the store may use, found by feature detection (tests pass their own). */
export interface StorageEnvironment {
  localStorage?: SyncStorage;
  partitionKey?: string;
  runtimeStorage?: AsyncStorage;
}

/** One token per platform: the key names the platform's address, after the partition key if any. */
export function tokenKey(platformUrl: string, partitionKey?: string): string {
  const key = `nianbao.token ${platformUrl}`;
  return partitionKey ? `${partitionKey}/${key}` : key;
}

export function createTokenStore(platformUrl: string, env: StorageEnvironment): TokenStore {
  const key = tokenKey(platformUrl, env.partitionKey);
  const local = env.localStorage;
  if (local && works(local)) {
    return {
      keeps: "device",
      get: async () => local.getItem(key) || undefined,
      set: async (token) => local.setItem(key, token),
      forget: async () => local.removeItem(key),
    };
  }
  const runtime = env.runtimeStorage;
  if (runtime) {
    return {
      keeps: "device",
      get: async () => (await runtime.getItem(key)) || undefined,
      set: (token) => runtime.setItem(key, token),
      forget: () => runtime.removeItem(key),
    };
  }
  let held: string | undefined;
  return {
    keeps: "session",
    get: async () => held,
    set: async (token) => {
      held = token;
    },
    forget: async () => {
      held = undefined;
    },
  };
}

/** Writes, reads back and removes a probe: blocked storage throws or forgets. */
function works(storage: SyncStorage): boolean {
  const probe = "nianbao.probe";
  try {
    storage.setItem(probe, probe);
    const ok = storage.getItem(probe) === probe;
    storage.removeItem(probe);
    return ok;
  } catch {
    return false;
  }
}

/**
 * The pane's storage: its webview's localStorage, every access guarded (a blocked one throws on reading
 * it), with the host's partition key and OfficeRuntime.storage (SpreadsheetHost.storagePartition and
 * runtimeStorage).
 */
export function detectStorage(
  partitionKey: string | undefined,
  runtimeStorage?: AsyncStorage
): StorageEnvironment {
  const env: StorageEnvironment = { partitionKey, runtimeStorage };
  try {
    env.localStorage = globalThis.localStorage ?? undefined;
  } catch {
    // blocked by the browser's settings or a policy
  }
  return env;
}
