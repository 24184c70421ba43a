/**
 * File patterns for shells that do not expand them (Windows cmd, PowerShell, quoted arguments): `*` and `?`
 * within one path segment, `**` for any number of directories. A pattern that matches nothing stays as it
 * is, so the user is told that the file does not exist.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, sep } from "node:path";

const WILD = /[*?]/;

export function expandPatterns(args: string[]): string[] {
  return args.flatMap((arg) => {
    if (arg === "-" || !WILD.test(arg) || existsSync(arg)) return [arg];
    const matches = expandPattern(arg);
    return matches.length ? matches : [arg];
  });
}

function expandPattern(pattern: string): string[] {
  const segments = pattern.split(/[\\/]+/);
  const absolute = isAbsolute(pattern);
  const start = absolute ? segments.shift() + sep : "";
  const out = new Set<string>();
  walk(start, segments, out);
  return [...out].sort();
}

function walk(base: string, segments: string[], out: Set<string>): void {
  if (segments.length === 0) {
    if (base && isFile(base)) out.add(base);
    return;
  }
  const [head, ...rest] = segments;
  if (head === "**") {
    walk(base, rest, out); // zero directories
    for (const dir of entries(base).filter((e) => e.dir && !e.name.startsWith(".")))
      walk(join(base, dir.name), segments, out);
    return;
  }
  if (!WILD.test(head)) {
    walk(base ? join(base, head) : head, rest, out);
    return;
  }
  const re = segmentRegExp(head);
  for (const e of entries(base)) {
    if (!re.test(e.name) || (e.name.startsWith(".") && !head.startsWith("."))) continue;
    if (rest.length === 0 ? !e.dir : e.dir) walk(join(base, e.name), rest, out);
  }
}

function segmentRegExp(segment: string): RegExp {
  const body = segment
    .split("")
    .map((ch) =>
      ch === "*" ? "[^/\\\\]*" : ch === "?" ? "[^/\\\\]" : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")
    )
    .join("");
  return new RegExp(`^${body}$`, process.platform === "win32" ? "i" : "");
}

function entries(dir: string): { name: string; dir: boolean }[] {
  try {
    return readdirSync(dir || ".", { withFileTypes: true })
      .filter((e) => !e.isSymbolicLink()) // no loops through links
      .map((e) => ({ name: e.name, dir: e.isDirectory() }));
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
