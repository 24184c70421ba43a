/**
 * Host operations as the pane runs them: each shows its own spinner, only its own button is disabled, and a
 * rejected promise becomes a readable message instead of an uncaught exception.
 */
import { useCallback, useState } from "react";
import type { OpId, Strings } from "./i18n";

export interface OpError {
  op: OpId;
  error: unknown;
}

export type RunOp = <T>(op: OpId, key: string, work: () => Promise<T>) => Promise<T | undefined>;

export function useOperations(onError: (error: OpError) => void): {
  busy: ReadonlySet<string>;
  run: RunOp;
} {
  const [busy, setBusy] = useState<ReadonlySet<string>>(() => new Set());
  const run = useCallback<RunOp>(
    async (op, key, work) => {
      setBusy((b) => new Set(b).add(key));
      try {
        return await work();
      } catch (error) {
        onError({ op, error });
        return undefined;
      } finally {
        setBusy((b) => {
          const next = new Set(b);
          next.delete(key);
          return next;
        });
      }
    },
    [onError]
  );
  return { busy, run };
}

/** What went wrong, in words: Office errors carry a message and a code (e.g. "ItemNotFound"). */
export function describeError(error: unknown, t: Strings): string {
  if (typeof error === "string" && error.trim() !== "") return error;
  if (error && typeof error === "object") {
    const { message, code } = error as { message?: unknown; code?: unknown };
    const text = typeof message === "string" && message.trim() !== "" ? message : undefined;
    const tag = typeof code === "string" && code !== "" && code !== text ? code : undefined;
    if (text && tag) return t.errorWithCode(text, tag);
    const either = text ?? tag;
    if (either) return either;
  }
  return t.unknownError;
}
