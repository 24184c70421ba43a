/** Where the agency's token is kept, by what the environment offers: every fallback, and forgetting. */
import { createTokenStore, detectStorage, tokenKey } from "../../src/taskpane/token-store";

const URL_ = "https://gk.example.gov.cn/nianbao/";

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** As Safari's private mode or a policy does: writing throws. */
class BlockedStorage extends MemoryStorage {
  override setItem(): void {
    throw new DOMException("blocked", "QuotaExceededError");
  }
}

class RuntimeStorage {
  readonly items = new Map<string, string>();
  async getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  async setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  async removeItem(key: string) {
    this.items.delete(key);
  }
}

test("localStorage, under the partition key where Office gives one; the probe leaves nothing", async () => {
  const local = new MemoryStorage();
  const store = createTokenStore(URL_, { localStorage: local, partitionKey: "p1" });
  expect(store.keeps).toBe("device");
  expect(await store.get()).toBeUndefined();
  await store.set("tok");
  expect([...local.items]).toEqual([[`p1/nianbao.token ${URL_}`, "tok"]]);
  expect(await createTokenStore(URL_, { localStorage: local, partitionKey: "p1" }).get()).toBe(
    "tok"
  );
  // Another partition (another Office context) or another platform does not see it.
  expect(await createTokenStore(URL_, { localStorage: local, partitionKey: "p2" }).get()).toBe(
    undefined
  );
  expect(
    await createTokenStore("https://other.example.cn/", { localStorage: local }).get()
  ).toBeUndefined();
  await store.forget();
  expect(local.items.size).toBe(0);
});

test("no partition key (Windows): the key is the platform's alone", () => {
  expect(tokenKey(URL_)).toBe(`nianbao.token ${URL_}`);
});

test("blocked localStorage: OfficeRuntime.storage when SharedRuntime 1.1 offers it", async () => {
  const runtime = new RuntimeStorage();
  const store = createTokenStore(URL_, {
    localStorage: new BlockedStorage(),
    runtimeStorage: runtime,
  });
  expect(store.keeps).toBe("device");
  await store.set("tok");
  expect(runtime.items.get(tokenKey(URL_))).toBe("tok");
  expect(await store.get()).toBe("tok");
  await store.forget();
  expect(runtime.items.size).toBe(0);
});

test("nothing to keep it in: memory for this session, and the pane is told so", async () => {
  const store = createTokenStore(URL_, { localStorage: new BlockedStorage() });
  expect(store.keeps).toBe("session");
  await store.set("tok");
  expect(await store.get()).toBe("tok");
  await store.forget();
  expect(await store.get()).toBeUndefined();
});

test("detectStorage: the page's localStorage, with the partition key and OfficeRuntime.storage the host gives", async () => {
  const runtime = new RuntimeStorage();
  const g = globalThis as { localStorage?: unknown };
  const local = new MemoryStorage();
  g.localStorage = local;
  try {
    const env = detectStorage("p1", runtime);
    expect(env).toEqual({ localStorage: local, partitionKey: "p1", runtimeStorage: runtime });
    await createTokenStore(URL_, env).set("tok");
    expect([...local.items]).toEqual([[tokenKey(URL_, "p1"), "tok"]]);
    // A blocked localStorage throws on being read: the host's storage is then what keeps the token.
    Object.defineProperty(globalThis, "localStorage", {
      configurable: true,
      get: () => {
        throw new DOMException("blocked", "SecurityError");
      },
    });
    const blocked = detectStorage(undefined, runtime);
    expect(blocked.localStorage).toBeUndefined();
    await createTokenStore(URL_, blocked).set("tok2");
    expect(runtime.items.get(tokenKey(URL_))).toBe("tok2");
  } finally {
    delete g.localStorage;
  }
});
