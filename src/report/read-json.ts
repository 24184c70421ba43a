/**
 * Reading a report JSON file (report-json.md) from untrusted bytes. Never throws: whatever comes in, the
 * answer is a Report or a list of problems a person can act on, each named by its JSON Pointer, in Chinese
 * and English. Value-level faults (a decimal in a count, a negative count) are not problems here: the
 * checks report them as `type` findings, so the reader validates against the loose schema.
 */
import {
  Validator,
  ValidatorResult,
  type CustomProperty,
  type Schema,
  type ValidationError,
} from "jsonschema";
import { cellDef, cellDefs } from "../templates/cells";
import { FORMAT_IDS, type FormatId } from "../templates/formats";
import { pointerFromSegments, segmentsOfPointer, type Pointer } from "../templates/pointers";
import {
  cellValues,
  getValue,
  reportFromValues,
  type CellValue,
  type NarrativeKey,
  type Report,
} from "./model";
import { DATE_PATTERN, reportSchema, type JsonSchema } from "./schema";

export interface InputProblem {
  pointer: string;
  message: string;
  messageEn: string;
}

export type ReadResult = { ok: true; report: Report } | { ok: false; problems: InputProblem[] };

/** More problems than this say nothing more to a person; the rest are counted. */
export const MAX_PROBLEMS = 200;

type Doc = Record<string, unknown>;

export function readReportJson(input: Uint8Array | string): ReadResult {
  try {
    return readUnsafe(input);
  } catch (error) {
    // Only a bug of ours can get here; still an answer, not an exception.
    const detail = String((error as Error)?.message ?? error).slice(0, 200);
    return fail([
      problem("", `读取时发生内部错误：${detail}`, `Internal error while reading: ${detail}`),
    ]);
  }
}

/** 2-space JSON in the key order of report-json.md, with a trailing newline. */
export function reportToJson(report: Report): string {
  // Rebuilt from the format's cells, so the order is the document's and nothing outside the format slips out.
  const { format, year, agency, date } = report;
  const ordered = reportFromValues(
    { format, year, agency, date },
    cellValues(report),
    report.narrative
  );
  return JSON.stringify(ordered, null, 2) + "\n";
}

function readUnsafe(input: Uint8Array | string): ReadResult {
  const decoded = decode(input);
  if (!decoded.ok) return fail([decoded.problem]);
  const text = decoded.text;
  if (text.trim().length === 0) return fail([problem("", "文件为空", "The file is empty")]);

  const parsed = parse(text);
  if (!parsed.ok) return fail([parsed.problem]);
  const doc = parsed.value;
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    const [zh, en] = describeValue(doc);
    return fail([
      problem(
        "",
        `文件内容应为一个 JSON 对象（{ … }），${spaced("实际为", zh)}`,
        `The file should hold a JSON object ({ … }), found ${en}`
      ),
    ]);
  }

  const format = formatOf(doc as Doc);
  if (!format.ok) return fail([format.problem]);
  const problems = shapeProblems(doc as Doc, format.id);
  if (problems.items.length > 0) return fail(problems.items, problems.extra);
  return { ok: true, report: toReport(doc as Doc, format.id) };
}

function problem(pointer: string, message: string, messageEn: string): InputProblem {
  return { pointer, message, messageEn };
}

function fail(problems: InputProblem[], uncounted = 0): ReadResult {
  const rest = Math.max(0, problems.length - MAX_PROBLEMS) + uncounted;
  if (rest === 0) return { ok: false, problems };
  const more = problem("", `…还有 ${rest} 个问题`, `… and ${rest} more problem(s)`);
  return { ok: false, problems: [...problems.slice(0, MAX_PROBLEMS), more] };
}

/** Keeps the first MAX_PROBLEMS distinct problems and counts the rest, so a hostile file cannot flood memory. */
class ProblemList {
  readonly items: InputProblem[] = [];
  extra = 0;
  private readonly seen = new Set<string>();

  add(p: InputProblem): void {
    const key = p.pointer + "\u0000" + p.message;
    if (this.seen.has(key)) return;
    if (this.items.length >= MAX_PROBLEMS) {
      this.extra++;
      return;
    }
    this.seen.add(key);
    this.items.push(p);
  }

  has(pointer: string): boolean {
    return this.items.some((p) => p.pointer === pointer);
  }
}

// ---------------------------------------------------------------------------------------------- bytes → text

const UTF8 = new TextDecoder("utf-8", { fatal: true });

type Decoded = { ok: true; text: string } | { ok: false; problem: InputProblem };

function decode(input: unknown): Decoded {
  if (typeof input === "string")
    return { ok: true, text: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input };
  const bytes =
    input instanceof Uint8Array
      ? input
      : input instanceof ArrayBuffer
        ? new Uint8Array(input)
        : undefined;
  if (!bytes) {
    return {
      ok: false,
      problem: problem(
        "",
        "无法读取：输入不是文本或字节",
        "Cannot read: the input is neither text nor bytes"
      ),
    };
  }
  try {
    return { ok: true, text: UTF8.decode(bytes) }; // the decoder drops a UTF-8 BOM itself
  } catch {
    return { ok: false, problem: encodingProblem(bytes) };
  }
}

function encodingProblem(bytes: Uint8Array): InputProblem {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return problem(
      "",
      "文件是 UTF-16 编码，请另存为 UTF-8 编码",
      "The file is UTF-16 encoded; save it as UTF-8"
    );
  }
  const offset = invalidUtf8Offset(bytes);
  const line = offset < 0 ? 0 : countNewlines(bytes, offset) + 1;
  const where = offset < 0 ? "" : `（第 ${line} 行，第 ${offset + 1} 个字节）`;
  const whereEn = offset < 0 ? "" : ` (line ${line}, byte offset ${offset})`;
  return problem(
    "",
    `文件不是有效的 UTF-8 编码文本${where}。请以 UTF-8 编码保存（GBK 等编码的文件需先转换）`,
    `The file is not valid UTF-8${whereEn}. Save it as UTF-8 (convert GBK and other encodings first)`
  );
}

/** Offset of the first byte that starts an ill-formed UTF-8 sequence (Unicode table 3-7), or −1. */
function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const shape = utf8Shape(lead);
    if (!shape) return i;
    const [length, low, high] = shape;
    for (let k = 1; k < length; k++) {
      const b = bytes[i + k];
      const [lo, hi] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (b === undefined || b < lo || b > hi) return i;
    }
    i += length;
  }
  return -1;
}

/** Sequence length and the allowed range of the second byte for a lead byte; undefined if it cannot lead. */
function utf8Shape(lead: number): [number, number, number] | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f]; // no surrogates
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f]; // ≤ U+10FFFF
  return undefined;
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------- text → JSON

type Parsed = { ok: true; value: unknown } | { ok: false; problem: InputProblem };

function parse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (!(error instanceof SyntaxError)) {
      // RangeError and the like: nesting or size beyond what the engine takes.
      return {
        ok: false,
        problem: problem(
          "",
          "文件内容嵌套过深或过大，无法读取",
          "The content is nested too deeply or too large to read"
        ),
      };
    }
    return { ok: false, problem: syntaxProblem(text, errorOffset(error.message, text)) };
  }
}

/** Where JSON.parse stopped: from its message where it says so (V8 does not always), else by scanning. */
function errorOffset(message: string, text: string): number {
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) return offsetOfLineColumn(text, Number(lineColumn[1]), Number(lineColumn[2]));
  const position = /at position (\d+)/.exec(message);
  if (position) return Math.min(Number(position[1]), text.length);
  const scanned = syntaxErrorOffset(text);
  return scanned < 0 ? text.length : scanned;
}

function offsetOfLineColumn(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return Math.min(offset + column - 1, text.length);
}

function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function syntaxProblem(text: string, offset: number): InputProblem {
  const { line, column } = lineColumnOf(text, offset);
  if (offset >= text.length) {
    return problem(
      "",
      `JSON 格式错误：内容在第 ${line} 行第 ${column} 列意外结束，文件可能不完整（被截断）`,
      `JSON syntax error: unexpected end at line ${line} column ${column}; the file may be truncated`
    );
  }
  const cp = text.codePointAt(offset)!;
  const ch =
    cp < 0x20 || cp === 0x7f
      ? `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`
      : String.fromCodePoint(cp);
  const [hint, hintEn] = syntaxHint(text, offset);
  return problem(
    "",
    `JSON 格式错误（第 ${line} 行第 ${column} 列）：此处的「${ch}」不符合 JSON 语法${hint}`,
    `JSON syntax error at line ${line} column ${column}: unexpected "${ch}"${hintEn}`
  );
}

function syntaxHint(text: string, offset: number): [string, string] {
  const ch = text[offset];
  if (ch === "'")
    return ['（JSON 的文本须用双引号 "…"）', ' (JSON text must use double quotes "…")'];
  if (ch === "/") return ["（JSON 中不能有注释）", " (JSON has no comments)"];
  if ((ch === "}" || ch === "]") && /,\s*$/.test(text.slice(Math.max(0, offset - 20), offset))) {
    return ["（最后一项后面多了逗号）", " (a comma after the last item)"];
  }
  return ["", ""];
}

const INTEGER_PART = /0|[1-9]\d*/y;
const DIGITS = /\d+/y;
const ESCAPES = '"\\/bfnrt';

/**
 * Offset of the first JSON syntax error in text, or −1 if there is none. Used where V8's message gives no
 * position; places faults where V8 does. Iterative, so nesting depth costs memory, not stack.
 */
export function syntaxErrorOffset(text: string): number {
  return new JsonScanner(text).firstError();
}

/** Each scan method moves past what it reads; on a fault it stops at the fault and answers false. */
class JsonScanner {
  private i = 0;
  private readonly closers: string[] = [];

  constructor(private readonly text: string) {}

  firstError(): number {
    const n = this.text.length;
    let mode: "value" | "key" | "after" = "value";
    for (;;) {
      this.skipSpace();
      const c = this.text[this.i];
      if (mode === "value") {
        if (c === "{" || c === "[") mode = this.open(c);
        else if (this.scalar()) mode = "after";
        else return Math.min(this.i, n);
      } else if (mode === "key") {
        if (!this.key()) return Math.min(this.i, n);
        mode = "value";
      } else if (this.closers.length === 0) {
        return this.i < n ? this.i : -1;
      } else if (c === ",") {
        this.i++;
        mode = this.closers[this.closers.length - 1] === "}" ? "key" : "value";
      } else if (c === this.closers[this.closers.length - 1]) {
        this.i++;
        this.closers.pop();
      } else {
        return this.i;
      }
    }
  }

  /** After "{" or "[": an empty container is a whole value, else its first key or element follows. */
  private open(c: "{" | "["): "value" | "key" | "after" {
    const closer = c === "{" ? "}" : "]";
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === closer) {
      this.i++;
      return "after";
    }
    this.closers.push(closer);
    return c === "{" ? "key" : "value";
  }

  private key(): boolean {
    if (this.text[this.i] !== '"' || !this.string()) return false;
    this.skipSpace();
    if (this.text[this.i] !== ":") return false;
    this.i++;
    return true;
  }

  private scalar(): boolean {
    const c = this.text[this.i];
    if (c === '"') return this.string();
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    const word = ["true", "false", "null"].find((w) => w[0] === c);
    if (!word) return false;
    for (const expected of word) {
      if (this.text[this.i] !== expected) return false;
      this.i++;
    }
    return true;
  }

  private string(): boolean {
    const text = this.text;
    for (this.i++; this.i < text.length;) {
      const c = text[this.i];
      if (c === '"') {
        this.i++;
        return true;
      }
      if (c < " ") return false;
      if (c !== "\\") this.i++;
      else if (!this.escape()) return false;
    }
    return false;
  }

  private escape(): boolean {
    const e = this.text[this.i + 1];
    this.i++;
    if (e === "u") {
      this.i++;
      // V8 points at the first character that is not a hex digit.
      for (let k = 0; k < 4; k++, this.i++)
        if (!/[0-9a-fA-F]/.test(this.text[this.i] ?? "")) return false;
      return true;
    }
    if (e === undefined || !ESCAPES.includes(e)) return false;
    this.i++;
    return true;
  }

  /** A fault in a number is placed where a digit was due, as V8 places it. */
  private number(): boolean {
    if (this.text[this.i] === "-") this.i++;
    if (!this.skip(INTEGER_PART)) return false;
    if (this.text[this.i] === ".") {
      this.i++;
      if (!this.skip(DIGITS)) return false;
    }
    if (this.text[this.i] === "e" || this.text[this.i] === "E") {
      this.i++;
      if (this.text[this.i] === "+" || this.text[this.i] === "-") this.i++;
      if (!this.skip(DIGITS)) return false;
    }
    return true;
  }

  private skip(pattern: RegExp): boolean {
    pattern.lastIndex = this.i;
    const m = pattern.exec(this.text);
    if (m) this.i += m[0].length;
    return m !== null;
  }

  private skipSpace(): void {
    while (this.i < this.text.length && " \t\n\r".includes(this.text[this.i])) this.i++;
  }
}

// ---------------------------------------------------------------------------------------------- shape

type FormatResult = { ok: true; id: FormatId } | { ok: false; problem: InputProblem };

function formatOf(doc: Doc): FormatResult {
  const value = Object.prototype.hasOwnProperty.call(doc, "format") ? doc.format : undefined;
  if (FORMAT_IDS.includes(value as FormatId)) return { ok: true, id: value as FormatId };
  const allowed = FORMAT_IDS.map((f) => `"${f}"`).join(" 或 ");
  const allowedEn = FORMAT_IDS.map((f) => `"${f}"`).join(" or ");
  if (value === undefined) {
    return {
      ok: false,
      problem: problem(
        "/format",
        `/format：缺少必需的字段，应为 ${allowed}`,
        `/format: required field missing; expected ${allowedEn}`
      ),
    };
  }
  const [zh, en] = describeValue(value);
  return {
    ok: false,
    problem: problem(
      "/format",
      `/format：应为 ${allowed}（法定表格格式），${spaced("实际为", zh)}`,
      `/format: expected ${allowedEn} (the statutory format), found ${en}`
    ),
  };
}

/** Every structural problem of a document whose format is known: schema errors, numbers out of range, dates. */
function shapeProblems(doc: Doc, format: FormatId): ProblemList {
  const out = new ProblemList();
  // Where the schema already found a fault, what lies below it is not reported again.
  const flagged = new Set<Pointer>();
  for (const error of schemaValidator.validate(doc, validatorSchema(format)).errors) {
    const faultyValue = !["required", "additionalProperties"].includes(error.name);
    if (faultyValue && isUnreadableNumber(error.instance)) continue; // Infinity is out of range, not "the wrong kind"
    out.add(schemaProblem(error, format));
    if (error.name === "additionalProperties") flagged.add(pointerOf(error, error.argument));
    else if (faultyValue) flagged.add(pointerOf(error));
  }
  rangeProblems(doc, flagged, out);
  if (!out.has("/date")) dateProblems(doc).forEach((p) => out.add(p));
  return out;
}

/**
 * jsonschema interprets the schema where ajv compiled it: a few KB in the task pane instead of ajv's 37 KB
 * gzipped, for about 2 ms more per file read.
 */
const schemaValidator = new Validator();
schemaValidator.attributes.minLength = lengthLimit("minLength");
schemaValidator.attributes.maxLength = lengthLimit("maxLength");

/**
 * A text's length counted as the messages count it (codePointLength). jsonschema's own count leaves out
 * a lone low surrogate, so "\udc00" would be too short for a non-empty agency and yet be "1 个字符的文本".
 */
function lengthLimit(keyword: "minLength" | "maxLength"): CustomProperty {
  return (instance, schema, options, ctx) => {
    const result = new ValidatorResult(instance, schema, options, ctx);
    const limit = schema[keyword] as number;
    if (typeof instance !== "string") return result;
    const length = codePointLength(instance);
    if (keyword === "minLength" ? length < limit : length > limit)
      result.addError({
        name: keyword,
        argument: String(limit),
        message: `has ${length} characters, ${keyword} ${limit}`,
      });
    return result;
  };
}

const validatorSchemas = new Map<FormatId, Schema>();

/** The loose schema of a format as the validator walks it, made on first use. */
function validatorSchema(format: FormatId): Schema {
  let schema = validatorSchemas.get(format);
  if (!schema) {
    schema = forValidator(reportSchema(format, { strictValues: false }) as JsonSchema);
    validatorSchemas.set(format, schema);
  }
  return schema;
}

/**
 * A copy of a schema for jsonschema, which runs an object's keywords in the order of its keys and looks
 * names up in `properties` with plain indexing. So: `properties` last, so that an object's missing and
 * unknown keys are listed before what is wrong inside its values; `properties` maps without a prototype,
 * so that keys such as "constructor" and "__proto__" are unknown keys, not Object.prototype's; and no $id,
 * which the validator would take as the base URL of every subschema (a urn: cannot be one).
 */
function forValidator(schema: JsonSchema): Schema {
  const { properties, $id: _id, ...rest } = schema;
  if (properties === undefined) return rest;
  const own: Record<string, Schema> = Object.create(null);
  for (const [key, child] of Object.entries(properties as Record<string, JsonSchema>))
    own[key] = forValidator(child);
  return { ...rest, properties: own };
}

/** The JSON Pointer of the value an error is about, or of its key `key`. */
function pointerOf(error: ValidationError, key?: unknown): Pointer {
  const segments = error.path.map(String);
  return pointerFromSegments(key === undefined ? segments : [...segments, String(key)]);
}

function schemaProblem(error: ValidationError, format: FormatId): InputProblem {
  const at = (key: unknown) => displayPointer(pointerOf(error, key));
  if (error.name === "required") return missingProblem(at(error.argument), format);
  if (error.name === "additionalProperties") return unknownProblem(at(error.argument), format);
  const pointer = displayPointer(pointerOf(error));
  const schema = (typeof error.schema === "object" ? error.schema : {}) as JsonSchema;
  const [expected, expectedEn] = describeExpected(schema);
  const [found, foundEn] = describeValue(error.instance, error.name);
  const zh = `${pointer}：${spaced("应为", expected)}，${spaced("实际为", found)}`;
  return problem(pointer, zh, `${pointer}: expected ${expectedEn}, found ${foundEn}`);
}

function missingProblem(pointer: string, format: FormatId): InputProblem {
  const def = cellDef(format, pointer);
  const label = def ? `（${def.label}）` : "";
  return problem(
    pointer,
    `${pointer}：缺少必需的字段${label}`,
    `${pointer}: required field missing`
  );
}

function unknownProblem(pointer: string, format: FormatId): InputProblem {
  const other = FORMAT_IDS.find((f) => f !== format && knownPointers(f).has(pointer));
  const hint = other ? `（这是格式 ${other} 的项目，请检查 format 是否填对）` : "";
  const hintEn = other ? ` (it belongs to format ${other}; check "format")` : "";
  return problem(
    pointer,
    `${pointer}：未知字段，格式 ${format} 中没有此项${hint}`,
    `${pointer}: unknown field, format ${format} has no such item${hintEn}`
  );
}

const knownPointerCache = new Map<FormatId, Set<Pointer>>();

/** Every pointer of a format's cells and of the objects that hold them. */
function knownPointers(format: FormatId): Set<Pointer> {
  let known = knownPointerCache.get(format);
  if (!known) {
    known = new Set();
    for (const def of cellDefs(format)) {
      const segments = segmentsOfPointer(def.pointer);
      for (let k = 1; k <= segments.length; k++)
        known.add(pointerFromSegments(segments.slice(0, k)));
    }
    knownPointerCache.set(format, known);
  }
  return known;
}

/** What a schema asks for, in words: 「2000–2100 之间的整数」, 「数字或 null（空白）」. */
function describeExpected(schema: JsonSchema): [string, string] {
  if ("const" in schema) return [JSON.stringify(schema.const), JSON.stringify(schema.const)];
  if (schema.pattern === DATE_PATTERN)
    return ["YYYY-MM-DD 格式的日期", "a date in the form YYYY-MM-DD"];
  const types = ([] as unknown[]).concat(schema.type ?? []);
  const [zh, en] = describeType(
    types.find((t) => t !== "null"),
    schema
  );
  return types.includes("null") ? [`${zh}或 null（空白）`, `${en} or null (blank)`] : [zh, en];
}

function describeType(type: unknown, schema: JsonSchema): [string, string] {
  const { minimum: min, maximum: max, minLength, maxLength } = schema;
  const ranged = typeof min === "number" && typeof max === "number";
  switch (type) {
    case "integer":
      return ranged
        ? [`${min}–${max} 之间的整数`, `a whole number from ${min} to ${max}`]
        : ["整数", "a whole number"];
    case "number":
      return ranged
        ? [`${min}–${max} 之间的数字`, `a number from ${min} to ${max}`]
        : ["数字", "a number"];
    case "string": {
      const nonEmpty = typeof minLength === "number" && minLength > 0;
      const limit =
        typeof maxLength === "number"
          ? [`（不超过 ${maxLength} 个字符）`, ` of at most ${maxLength} characters`]
          : ["", ""];
      return [
        (nonEmpty ? "非空文本" : "文本") + limit[0],
        (nonEmpty ? "non-empty text" : "text") + limit[1],
      ];
    }
    case "object":
      return ["对象（{ … }）", "an object ({ … })"];
    default:
      return [String(type ?? "其他值"), String(type ?? "another value")];
  }
}

/** A value as a message quotes it: never all of a long text or a big structure. */
function describeValue(value: unknown, keyword?: string): [string, string] {
  if ((keyword === "maxLength" || keyword === "minLength") && typeof value === "string") {
    const length = codePointLength(value);
    return [`${length} 个字符的文本`, `text of ${length} characters`];
  }
  if (value === null) return ["null", "null"];
  if (value === undefined) return ["空", "nothing"];
  if (typeof value === "string") {
    const quoted = JSON.stringify(shorten(value, 40));
    return [`文本 ${quoted}`, `the text ${quoted}`];
  }
  if (typeof value === "number") return [String(value), String(value)];
  if (typeof value === "boolean") return [`布尔值 ${value}`, `the boolean ${value}`];
  if (Array.isArray(value))
    return [`数组（${value.length} 项）`, `an array (${value.length} items)`];
  return ["对象", "an object"];
}

/** Chinese text followed by digits or Latin letters takes a space between them: 「实际为 2024.5」. */
function spaced(words: string, rest: string): string {
  return /^[\x21-\x7e]/.test(rest) ? `${words} ${rest}` : words + rest;
}

function shorten(text: string, max: number): string {
  const chars = Array.from(text.slice(0, max * 2)); // whole characters, not halves of a surrogate pair
  return chars.length > max || text.length > max * 2 ? chars.slice(0, max).join("") + "…" : text;
}

function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) n++;
    else {
      const d = text.charCodeAt(i + 1);
      n++;
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** A pointer short enough to print: a key of megabytes must not make a megabyte message. */
function displayPointer(pointer: string): string {
  return pointer.length <= 200 ? pointer : `${pointer.slice(0, 120)}…${pointer.slice(-60)}`;
}

interface Frame {
  value: unknown;
  key: string;
  depth: number;
  parent?: Frame;
}

/** Below this depth no key is the schema's, so nothing there can have been flagged. */
const SCHEMA_DEPTH = 5;

function isUnreadableNumber(v: unknown): boolean {
  return typeof v === "number" && !(Math.abs(v) <= Number.MAX_SAFE_INTEGER);
}

/**
 * Numbers JSON.parse could not keep: 1e400 becomes Infinity, and integers past 2^53 lose digits. The walk
 * is iterative and builds pointers only near the top and for what it reports, so deep nesting costs neither
 * stack nor quadratic time.
 */
function rangeProblems(doc: Doc, flagged: ReadonlySet<Pointer>, out: ProblemList): void {
  const stack: Frame[] = [{ value: doc, key: "", depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (frame.depth > 0 && frame.depth <= SCHEMA_DEPTH && flagged.has(framePointer(frame)))
      continue;
    if (isUnreadableNumber(v)) {
      const p = displayPointer(framePointer(frame));
      out.add(
        problem(
          p,
          `${p}：数值超出范围（绝对值超过 ${Number.MAX_SAFE_INTEGER}），无法准确读取`,
          `${p}: number out of range (beyond ±${Number.MAX_SAFE_INTEGER}), cannot be read exactly`
        )
      );
    } else if (v !== null && typeof v === "object") {
      const keys = Array.isArray(v) ? v.map((_, i) => String(i)) : Object.keys(v);
      for (let k = keys.length - 1; k >= 0; k--) {
        stack.push({
          value: (v as Doc)[keys[k]],
          key: keys[k],
          depth: frame.depth + 1,
          parent: frame,
        });
      }
    }
  }
}

function framePointer(frame: Frame): Pointer {
  const segments: string[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) segments.push(f.key);
  return pointerFromSegments(segments.reverse());
}

/** The schema checks the shape of a date; this checks that the day exists (no 2025-02-30). */
function dateProblems(doc: Doc): InputProblem[] {
  const date = doc.date;
  if (typeof date !== "string" || isCalendarDate(date)) return [];
  return [
    problem(
      "/date",
      `/date：${JSON.stringify(shorten(date, 20))} 不是有效的日期`,
      `/date: ${JSON.stringify(shorten(date, 20))} is not a real calendar date`
    ),
  ];
}

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

// ---------------------------------------------------------------------------------------------- JSON → Report

/** A fresh report from a valid document: only the format's own keys are copied, never the parsed object. */
function toReport(doc: Doc, format: FormatId): Report {
  const values = new Map<Pointer, CellValue>();
  for (const def of cellDefs(format)) {
    const v = getValue(doc as unknown as Report, def.pointer) ?? null;
    values.set(def.pointer, v === 0 ? 0 : v); // -0 reads as 0
  }
  const narrative = doc.narrative as Record<NarrativeKey, string>;
  const meta = {
    format,
    year: doc.year as number,
    agency: doc.agency as string,
    ...(typeof doc.date === "string" ? { date: doc.date } : {}),
  };
  return reportFromValues(meta, values, {
    overview: narrative.overview,
    problems: narrative.problems,
    other: narrative.other,
  });
}
