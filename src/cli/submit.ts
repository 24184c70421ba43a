/**
 * `nianbao submit FILE... --to URL`: sends each report to a receiving service (nianbao/submit@1) with the
 * agency's token from NIANBAO_TOKEN, and writes one JSON line per file: the receipt, or why not. A timeout,
 * a lost connection or a server error is retried with the same Idempotency-Key, so a retry never stores a
 * report twice. Exit status as `validate`: 0 accepted without errors, 1 errors, 2 not read or not submitted.
 */
import { buildSubmission, readReceipt, type SubmissionRequest } from "../platform/protocol";
import { parseCommandArgs } from "./args";
import { expandPatterns } from "./glob";
import type { Io } from "./index";
import { loadInput } from "./input";

export const SUBMIT_USAGE = `  nianbao submit FILE... --to URL [--draft] [--timeout SECONDS] [--retries N]
      把报告提交到报送平台（协议 nianbao/submit@1），令牌取自环境变量 NIANBAO_TOKEN；每个文件输出一行回执（JSON Lines）。
      有错误的报告会被拒绝（422），除非加 --draft 作为草稿保存。超时或服务端错误时以同一幂等键重试，不会重复提交。
`;

export interface Answer {
  status: number;
  body: unknown;
}

/** Sends one submission, retrying what may have been lost; undefined when no answer came at all. */
async function send(
  request: SubmissionRequest,
  options: { timeoutMs: number; retries: number; onRetry?: (why: string) => void }
): Promise<Answer | { status: 0; body: { error: string; message: string } }> {
  let last = "";
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: kept as text
      }
      if (response.status < 500 && response.status !== 429)
        return { status: response.status, body };
      last = `HTTP ${response.status}`;
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      last = e.name === "TimeoutError" ? "timeout" : (e.cause?.code ?? e.message);
    }
    if (attempt >= options.retries)
      return { status: 0, body: { error: "unreachable", message: `无法提交：${last}` } };
    options.onRetry?.(last);
    await new Promise((r) => setTimeout(r, Math.min(8000, 250 * 2 ** attempt)));
  }
}

export async function submitCommand(args: string[], io: Io, usage: string): Promise<number> {
  const parsed = parseCommandArgs(
    "submit",
    {
      args,
      allowPositionals: true,
      options: {
        to: { type: "string" },
        draft: { type: "boolean" },
        timeout: { type: "string", default: "30" },
        retries: { type: "string", default: "4" },
      },
    },
    io,
    usage
  );
  if (!parsed) return 2;
  const { positionals, values } = parsed;
  const files = expandPatterns(positionals);
  const token = process.env.NIANBAO_TOKEN?.trim();
  const timeoutMs = Number(values.timeout) * 1000;
  const retries = Number(values.retries);
  let base: URL | undefined;
  try {
    base = values.to ? new URL(values.to) : undefined;
  } catch {
    base = undefined;
  }
  const problem = !files.length
    ? "请指定要提交的文件（no file given）"
    : !base || !/^https?:$/.test(base.protocol)
      ? "请用 --to 给出平台地址，如 --to https://gk.example.gov.cn/（--to URL is required）"
      : !token
        ? "请在环境变量 NIANBAO_TOKEN 中给出本单位的令牌（NIANBAO_TOKEN is not set）"
        : !(timeoutMs > 0) || !Number.isInteger(retries) || retries < 0
          ? "--timeout 与 --retries 应为正数（invalid --timeout or --retries）"
          : undefined;
  if (problem) {
    io.err(`nianbao submit: ${problem}\n\n${usage}`);
    return 2;
  }

  let status = 0;
  const worse = (s: number) => (status = Math.max(status, s));
  const line = (value: object) => io.out(JSON.stringify(value) + "\n");
  for (const file of files) {
    const input = await loadInput(file, io.stdin);
    if (!input.ok) {
      worse(2);
      line({ file: input.name, submitted: false, error: "unreadable", problems: input.problems });
      continue;
    }
    const request = await buildSubmission(input.report, {
      baseUrl: base!.toString(),
      token: token!,
      draft: values.draft,
    });
    const answer = await send(request, {
      timeoutMs,
      retries,
      onRetry: (why) => io.err(`nianbao submit: ${input.name}：${why}，正在重试（retrying）\n`),
    });
    const receipt = answer.status === 201 ? readReceipt(answer.body) : undefined;
    if (receipt) {
      if (receipt.summary.errors > 0) worse(1);
      line({ file: input.name, submitted: true, ...receipt });
    } else if (answer.status === 422) {
      worse(1);
      line({ file: input.name, submitted: false, status: 422, findings: answer.body });
    } else {
      worse(2);
      const body =
        typeof answer.body === "object" && answer.body
          ? answer.body
          : { message: String(answer.body).slice(0, 500) };
      line({ file: input.name, submitted: false, status: answer.status, ...body });
    }
  }
  return status;
}
