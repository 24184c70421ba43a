/**
 * The Office.js request model: proxy objects that are returned at once, property writes and method calls
 * that are queued and run in order at `context.sync()`, and scalar properties that can be read only after
 * they were `load`ed and synced (or set locally, which Office.js also keeps on the proxy). A failing
 * operation rejects the sync with an `OfficeExtension.Error`-shaped error; operations before it stay
 * applied, operations after it are dropped — as Excel does.
 */
import { notSimulated, propertyNotLoaded, SimOfficeError, simError } from "./errors";
import { type ApiKey } from "./requirements";
import type { SimCore } from "./core";

export interface QueuedOp {
  kind: "read" | "write" | "other";
  /** e.g. "Range.values", shown in error locations and sync statistics */
  label: string;
  api?: ApiKey | ApiKey[];
  run: () => void;
}

export interface LoadSpec {
  paths: string[];
  top?: number;
  skip?: number;
}

/** Parses every form `load` accepts: "a, b/c", ["a"], { select, expand, top, skip } and { a: true, b: { c: true } }. */
export function parseLoad(option: unknown): LoadSpec {
  if (option === undefined || option === null) return { paths: [] };
  const split = (s: string) =>
    s
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "");
  if (typeof option === "string") return { paths: split(option) };
  if (Array.isArray(option)) return { paths: option.flatMap((o) => split(String(o))) };
  if (typeof option === "object") {
    const o = option as Record<string, unknown>;
    if ("select" in o || "expand" in o) {
      const list = (v: unknown) =>
        v === undefined
          ? []
          : Array.isArray(v)
            ? v.flatMap((x) => split(String(x)))
            : split(String(v));
      return {
        paths: [...list(o.select), ...list(o.expand)],
        ...(typeof o.top === "number" ? { top: o.top } : {}),
        ...(typeof o.skip === "number" ? { skip: o.skip } : {}),
      };
    }
    const paths: string[] = [];
    const walk = (obj: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(obj)) {
        if (k === "$all" || k === "$top" || k === "$skip") continue;
        if (v === true) paths.push(prefix + k);
        else if (typeof v === "object" && v !== null)
          walk(v as Record<string, unknown>, prefix + k + "/");
      }
    };
    walk(o, "");
    return {
      paths,
      ...(typeof o.$top === "number" ? { top: o.$top } : {}),
      ...(typeof o.$skip === "number" ? { skip: o.$skip } : {}),
    };
  }
  throw simError("InvalidArgument", "The load option is not valid.");
}

export interface PropDesc<T> {
  get: (target: T) => unknown;
  api?: ApiKey | ApiKey[];
}

/** The request context: `Excel.RequestContext`'s queue, `load`, `trace`, `sync`. */
export class SimContextBase {
  /** @internal */ _queue: QueuedOp[] = [];
  /** @internal */ _traces: string[] = [];
  readonly trackedObjects = { add(): void {}, remove(): void {} };
  readonly requestHeaders: Record<string, string> = {};

  constructor(
    /** @internal */ readonly _core: SimCore,
    /** @internal */ readonly _delayForCellEdit: boolean
  ) {}

  /** @internal */ _enqueue(op: QueuedOp): void {
    this._queue.push(op);
  }

  load(object: SimObject<unknown>, option?: unknown): void {
    object.load(option as string);
  }

  trace(message: string): void {
    this._enqueue({ kind: "other", label: "trace", run: () => this._traces.push(message) });
  }

  get debugInfo(): { pendingStatements: string[] } {
    return { pendingStatements: this._queue.map((o) => o.label) };
  }

  sync<T>(passThroughValue?: T): Promise<T> {
    return this._core.sync(this, passThroughValue);
  }
}

/**
 * Base of every proxy. `locate` finds the model object the proxy stands for when an operation runs (it may
 * throw ItemNotFound and the like, which then fail the sync); the result is kept, as Office keeps a
 * reference to the host object once resolved. Proxies from `*OrNullObject` methods locate to null instead
 * of failing, and learn `isNullObject` at the next sync.
 */
export abstract class SimObject<T> {
  /** @internal */ _loaded = new Map<string, unknown>();
  private _resolved?: { value: T | null };
  private _isNull?: boolean;
  protected abstract readonly _typeName: string;

  constructor(
    readonly context: SimContextBase,
    private readonly _locate: () => T | null,
    nullable = false
  ) {
    if (nullable) {
      context._enqueue({
        kind: "other",
        label: "resolve",
        run: () => {
          this._isNull = this._target() === null;
        },
      });
    }
  }

  /** The model object, located on first use. @internal */
  _target(): T | null {
    if (!this._resolved) this._resolved = { value: this._locate() };
    return this._resolved.value;
  }

  /** True after a sync when an `*OrNullObject` method found nothing. Reading it before that sync throws. */
  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded("isNullObject", this._typeName);
    return this._isNull;
  }

  /** Scalar (loadable) properties of this type. */
  protected abstract _props(): Record<string, PropDesc<T>>;

  /** Navigation properties (child proxies) by name, for "format/fill/color" load paths. */
  protected _child(_name: string): SimObject<unknown> | undefined {
    return undefined;
  }

  protected _read<V>(name: string): V {
    if (!this._loaded.has(name)) throw propertyNotLoaded(name, this._typeName);
    return this._loaded.get(name) as V;
  }

  /** Queues a property write; the value stays readable on the proxy, as Office.js keeps it. */
  protected _write(
    name: string,
    value: unknown,
    api: ApiKey | ApiKey[] | undefined,
    apply: (t: T, value: unknown) => void
  ): void {
    this._loaded.set(name, value);
    this._queueCall(`${this._typeName}.${name}`, api, (t) => apply(t, value), "write");
  }

  /** Queues a method call (a write unless told otherwise); a null object ignores it. */
  protected _queueCall(
    label: string,
    api: ApiKey | ApiKey[] | undefined,
    apply: (t: T) => void,
    kind: QueuedOp["kind"] = "write"
  ): void {
    this.context._enqueue({
      kind,
      label: label.includes(".") ? label : `${this._typeName}.${label}`,
      ...(api ? { api } : {}),
      run: () => {
        const t = this._target();
        if (t === null) return;
        apply(t);
      },
    });
  }

  load(option?: string | string[] | object): this {
    const spec = parseLoad(option);
    this.context._enqueue({
      kind: "read",
      label: `${this._typeName}.load`,
      run: () => this._loadNow(spec.paths),
    });
    return this;
  }

  /** Runs a load at sync time. @internal */
  _loadNow(paths: string[]): void {
    const t = this._target();
    this._isNull = t === null;
    const props = this._props();
    // load() with no arguments: every scalar the host supports (Office returns what it has)
    const core = this.context._core;
    const supported = (d: PropDesc<T>) =>
      !d.api ||
      (Array.isArray(d.api) ? d.api : [d.api]).every((a) => core.requirements.supports(a));
    const wanted =
      paths.length === 0 ? Object.keys(props).filter((k) => supported(props[k])) : paths;
    for (const path of wanted) {
      const p = this._pathAt(path, props);
      if ("child" in p) p.child._loadNow(p.rest.length ? [p.rest.join("/")] : []);
      else this._loaded.set(p.name, t === null ? null : p.desc.get(t));
    }
  }

  /** Checks load paths (names and requirement sets) without reading anything. @internal */
  _checkPaths(paths: string[]): void {
    const props = this._props();
    for (const path of paths) {
      const p = this._pathAt(path, props);
      if ("child" in p && p.rest.length) p.child._checkPaths([p.rest.join("/")]);
    }
  }

  /**
   * Where a load path leads: a child proxy and the rest of the path, or one of this type's scalar
   * properties, which must exist and be supported by the host (else the load fails).
   */
  private _pathAt(
    path: string,
    props: Record<string, PropDesc<T>>
  ): { child: SimObject<unknown>; rest: string[] } | { name: string; desc: PropDesc<T> } {
    const [head, ...rest] = path.split("/");
    const child = this._child(head);
    if (child) return { child, rest };
    const desc = props[head];
    if (!desc || rest.length) {
      throw simError(
        "InvalidArgument",
        `The property '${path}' does not exist on type '${this._typeName}'.`,
        `${this._typeName}.load`
      );
    }
    if (desc.api) this.context._core.requireAll(desc.api);
    return { name: head, desc };
  }

  /** `set(properties)`: assigns each given property through its setter (nested objects to child proxies). */
  set(properties: object): void {
    for (const [k, v] of Object.entries(properties)) {
      const child = this._child(k);
      if (child && typeof v === "object" && v !== null && !Array.isArray(v)) {
        child.set(v as object);
        continue;
      }
      const proto = Object.getPrototypeOf(this) as object;
      const desc = findSetter(proto, k);
      if (!desc) throw notSimulated(`setting '${k}' on ${this._typeName}`);
      desc.call(this, v);
    }
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }

  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }
}

function findSetter(proto: object | null, key: string): ((v: unknown) => void) | undefined {
  while (proto) {
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (d?.set) return d.set;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return undefined;
}

/**
 * A collection proxy: `items` exists only after a load and sync; `load("name")` or `load("items/name")`
 * loads those properties of every item.
 */
export abstract class SimCollection<Item extends SimObject<M>, M> {
  private _items?: Item[];
  protected abstract readonly _typeName: string;

  constructor(readonly context: SimContextBase) {}

  /** The model objects currently in the collection, at sync time. */
  protected abstract _list(): M[];
  protected abstract _wrap(model: M): Item;
  protected _loadApi(): ApiKey | ApiKey[] | undefined {
    return undefined;
  }

  get items(): Item[] {
    if (!this._items) throw propertyNotLoaded("items", this._typeName);
    return this._items;
  }

  /** `getCount()`: counted at the sync (by default the items `_list` has then). */
  protected _getCount(
    api: ApiKey | ApiKey[],
    count: () => number = () => this._list().length
  ): SimClientResult<number> {
    const result = new SimClientResult<number>();
    this.context._enqueue({
      kind: "read",
      label: `${this._typeName}.getCount`,
      api,
      run: () => result._set(count()),
    });
    return result;
  }

  load(option?: string | string[] | object): this {
    const spec = parseLoad(option);
    const paths = spec.paths
      .map((p) => (p.startsWith("items/") ? p.slice(6) : p))
      .filter((p) => p !== "items");
    this.context._enqueue({
      kind: "read",
      label: `${this._typeName}.load`,
      ...(this._loadApi() ? { api: this._loadApi() } : {}),
      run: () => {
        // the host checks the query itself, even when the collection is empty
        this._wrap(undefined as unknown as M)._checkPaths(paths);
        let list = this._list();
        if (spec.skip) list = list.slice(spec.skip);
        if (spec.top !== undefined) list = list.slice(0, spec.top);
        const items = list.map((m) => this._wrap(m));
        for (const item of items) item._loadNow(paths);
        this._items = items;
      },
    });
    return this;
  }

  toJSON(): { items: Record<string, unknown>[] } {
    return { items: (this._items ?? []).map((i) => i.toJSON()) };
  }
}

/** `OfficeExtension.ClientResult<T>`: `value` readable after the sync that computed it. */
export class SimClientResult<T> {
  private _value?: { v: T };
  /** @internal */ _set(v: T): void {
    this._value = { v };
  }
  get value(): T {
    if (!this._value) throw propertyNotLoaded("value", "ClientResult");
    return this._value.v;
  }
}

/** Office refuses proxies of one request context as arguments in another. */
export function assertSameContext(arg: { context: SimContextBase }, context: SimContextBase): void {
  if (arg.context !== context) {
    throw simError(
      "InvalidRequestContext",
      "Cannot use the object across different request contexts."
    );
  }
}

export function isSimError(e: unknown): e is SimOfficeError {
  return e instanceof SimOfficeError;
}
