/** What went wrong in a pane command, in words for the user. */
import type { Strings } from "./i18n";

/** Office errors carry a message and a code (e.g. "ItemNotFound"); anything else is said as it is. */
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
