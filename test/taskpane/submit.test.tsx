/** @jest-environment jsdom */
import "./jsdom-setup";
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { canonicalJson, idempotencyKey, type Receipt } from "../../src/platform/protocol";
import type { Report } from "../../src/report/model";
import { formatReceivedAt } from "../../src/taskpane/submitting";
import { tokenKey } from "../../src/taskpane/token-store";
import { randomConsistentReport } from "../support/random-report";
import { FakeHost, renderApp, reportWithKnownErrors, templateState } from "./fake-host";

const URL_ = "https://gk.example.gov.cn/nianbao/";
const ENDPOINT = "https://gk.example.gov.cn/nianbao/api/v1/reports";
const TOKEN = "tok-agency-1";
const RECEIVED_AT = "2025-01-20T03:04:05.000Z";

type Mode =
  | "store"
  | "offline"
  | "unreachable"
  | "hang"
  | "hang-but-store"
  | { status: number; body?: unknown; headers?: Record<string, string> };

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A platform behind a fake fetch that keeps the protocol: a report is stored once per Idempotency-Key
 * (201), the same key again gets the same receipt (201, Idempotent-Replayed), a wrong token gets 401. `mode` makes it fail.
 */
class FakePlatform {
  mode: Mode = "store";
  tokens = new Set([TOKEN]);
  sent: Sent[] = [];
  stored = new Map<string, Receipt>();

  readonly fetch = (url: string, init: RequestInit): Promise<unknown> => {
    const headers = init.headers as Record<string, string>;
    this.sent.push({ url, headers, body: String(init.body) });
    const mode = this.mode;
    if (mode === "offline" || mode === "unreachable")
      return Promise.reject(new TypeError("Failed to fetch"));
    if (mode === "hang" || mode === "hang-but-store") {
      if (mode === "hang-but-store") this.store(headers, String(init.body));
      return new Promise((_, reject) =>
        init.signal?.addEventListener("abort", () =>
          reject(new DOMException("aborted", "AbortError"))
        )
      );
    }
    if (typeof mode === "object")
      return Promise.resolve(answer(mode.status, mode.body, mode.headers));
    if (!this.tokens.has(headers.Authorization.replace(/^Bearer /, "")))
      return Promise.resolve(answer(401, { message: "unknown token" }));
    const key = headers["Idempotency-Key"];
    const known = this.stored.get(key);
    if (known) return Promise.resolve(answer(201, known, { "Idempotent-Replayed": "true" }));
    return Promise.resolve(answer(201, this.store(headers, String(init.body))));
  };

  private store(headers: Record<string, string>, body: string): Receipt {
    const key = headers["Idempotency-Key"];
    const existing = this.stored.get(key);
    if (existing) return existing;
    const report = JSON.parse(body) as Report;
    const receipt: Receipt = {
      id: `r-${this.stored.size + 1}`,
      agency: report.agency,
      year: report.year,
      format: report.format,
      sha256: key,
      receivedAt: RECEIVED_AT,
      summary: { errors: 0, warnings: 0, incomplete: 0 },
    };
    this.stored.set(key, receipt);
    return receipt;
  }
}

function answer(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return {
    status,
    ok: status < 300,
    headers: { get: (name: string) => headers[name] ?? null },
    json: async () => (body === undefined ? Promise.reject(new SyntaxError("no body")) : body),
  };
}

let platform: FakePlatform;
beforeEach(() => {
  platform = new FakePlatform();
  Object.assign(globalThis, { fetch: platform.fetch });
  localStorage.clear();
});
afterEach(() => jest.restoreAllMocks());

const cleanReport = () => ({ ...randomConsistentReport("2021", 5, 2024), agency: "某市某局" });

async function open(
  report: Report,
  options: { timeoutMs?: number; lang?: "zh" | "en"; partition?: string } = {}
) {
  const host = new FakeHost(templateState(report));
  host.partition = options.partition;
  renderApp(host, {
    lang: options.lang,
    submitTo: { url: URL_, timeoutMs: options.timeoutMs },
  });
  await screen.findByTestId("summary-counts");
  // The panel loads on demand, after the first screen.
  await screen.findByRole("heading", { name: options.lang === "en" ? /Submit/ : "提交到平台" });
  return host;
}

const submitButton = () => screen.getByRole("button", { name: "提交到平台" });
const tokenField = () => screen.queryByLabelText(/机关令牌/);
const retryButton = () => screen.getByRole("button", { name: "重试" });
const receiptText = () => screen.getByTestId("submit-receipt").textContent ?? "";

async function typeToken(user: ReturnType<typeof userEvent.setup>, token = TOKEN) {
  const field = tokenField();
  if (!field) throw new Error("the token was not asked");
  await user.type(field, token);
}

describe("提交到平台", () => {
  test("is not there at all when the build names no platform", async () => {
    const host = new FakeHost(templateState(cleanReport()));
    renderApp(host);
    await screen.findByTestId("summary-counts");
    expect(screen.queryByRole("heading", { name: "提交到平台" })).toBeNull();
    expect(screen.queryByRole("button", { name: "提交到平台" })).toBeNull();
  });

  test("is disabled while the export gate is closed (errors or blanks), and says why", async () => {
    const user = userEvent.setup();
    await open(reportWithKnownErrors());
    await typeToken(user);
    expect(submitButton()).toHaveProperty("disabled", true);
    expect(screen.getByText("还有 3 处错误或空白，改正后才能提交。")).toBeTruthy();
    expect(platform.sent).toHaveLength(0);
  });

  test("sends the canonical report with the token and its key, shows and keeps the receipt", async () => {
    const user = userEvent.setup();
    const report = cleanReport();
    const host = await open(report);
    expect(submitButton()).toHaveProperty("disabled", true); // no token yet
    await typeToken(user);
    await user.click(submitButton());
    await waitFor(() => expect(host.savedReceipt).toBeDefined());
    const key = await idempotencyKey(report);
    expect(platform.sent).toEqual([
      {
        url: ENDPOINT,
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          Authorization: `Bearer ${TOKEN}`,
          "Idempotency-Key": key,
        },
        body: canonicalJson(report),
      },
    ]);
    expect(host.savedReceipt).toEqual(platform.stored.get(key));
    expect(receiptText()).toContain(`已于 ${formatReceivedAt(RECEIVED_AT)} 提交，回执 r-1`);
    expect(receiptText()).toContain("工作簿中的表格与提交的内容一致");
    // The token is on this computer, not in the workbook.
    expect(localStorage.getItem(tokenKey(URL_))).toBe(TOKEN);
    expect(JSON.stringify(host.calls)).not.toContain(TOKEN);
    expect(JSON.stringify(host.savedReceipt)).not.toContain(TOKEN);
  });

  test("the token is asked once, kept for the next opening, and forgotten with one click", async () => {
    const user = userEvent.setup();
    const report = cleanReport();
    await open(report);
    await typeToken(user);
    await user.click(submitButton());
    await screen.findByTestId("submit-receipt");
    expect(tokenField()).toBeNull();
    cleanup();

    await open(report);
    await screen.findByRole("button", { name: "忘记令牌" });
    expect(tokenField()).toBeNull();
    expect(screen.getByText(/令牌保存在本电脑上/)).toBeTruthy();
    await user.click(submitButton());
    await waitFor(() => expect(platform.sent).toHaveLength(2));
    expect(platform.sent[1].headers.Authorization).toBe(`Bearer ${TOKEN}`);

    await user.click(screen.getByRole("button", { name: "忘记令牌" }));
    expect(await screen.findByText("已从本机删除令牌。")).toBeTruthy();
    expect(localStorage.getItem(tokenKey(URL_))).toBeNull();
    expect(tokenField()).not.toBeNull();
    expect(submitButton()).toHaveProperty("disabled", true);
  });

  test("where the host partitions storage (Excel on the web), the token is kept under its key", async () => {
    const user = userEvent.setup();
    const report = cleanReport();
    await open(report, { partition: "p1" });
    await typeToken(user);
    await user.click(submitButton());
    await screen.findByTestId("submit-receipt");
    expect(localStorage.getItem(tokenKey(URL_, "p1"))).toBe(TOKEN);
    expect(localStorage.getItem(tokenKey(URL_))).toBeNull();
    cleanup();

    // another partition does not see it, and asks for the token
    await open(report, { partition: "p2" });
    expect(tokenField()).not.toBeNull();
    cleanup();
    await open(report, { partition: "p1" });
    await screen.findByRole("button", { name: "忘记令牌" });
    expect(tokenField()).toBeNull();
  });

  test("the same report again gets the same receipt and nothing is stored twice", async () => {
    const user = userEvent.setup();
    const host = await open(cleanReport());
    await typeToken(user);
    await user.click(submitButton());
    await screen.findByTestId("submit-receipt");
    await user.click(submitButton());
    expect(await screen.findByText("平台已收到过这份报告，这次没有重复存储。")).toBeTruthy();
    expect(platform.sent).toHaveLength(2);
    expect(platform.sent[1].headers["Idempotency-Key"]).toBe(
      platform.sent[0].headers["Idempotency-Key"]
    );
    expect(platform.stored.size).toBe(1);
    expect(host.calls.keepReceipt).toEqual([host.savedReceipt, host.savedReceipt]);
  });

  test("offline: a plain message, the token and the report kept; 重试 sends the same key once online", async () => {
    const user = userEvent.setup();
    const onLine = jest.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    platform.mode = "offline";
    const host = await open(cleanReport());
    await typeToken(user);
    await user.click(submitButton());
    expect(await screen.findByText(/电脑未联网，未能提交/)).toBeTruthy();
    expect(host.savedReceipt).toBeUndefined();
    expect((tokenField() as HTMLInputElement).value).toBe(TOKEN); // nothing typed is lost

    onLine.mockReturnValue(true);
    platform.mode = "store";
    await user.click(retryButton());
    await screen.findByTestId("submit-receipt");
    expect(platform.sent.map((s) => s.headers["Idempotency-Key"])).toEqual([
      platform.sent[0].headers["Idempotency-Key"],
      platform.sent[0].headers["Idempotency-Key"],
    ]);
    expect(platform.stored.size).toBe(1);
  });

  test("an unreachable platform is told apart from being offline", async () => {
    const user = userEvent.setup();
    platform.mode = "unreachable";
    await open(cleanReport());
    await typeToken(user);
    await user.click(submitButton());
    expect(await screen.findByText(/无法连接到平台/)).toBeTruthy();
    expect(retryButton()).toBeTruthy();
  });

  test("timeout: aborted, then 重试 is answered with the receipt of what had arrived, never a duplicate", async () => {
    const user = userEvent.setup();
    platform.mode = "hang-but-store";
    const report = cleanReport();
    const host = await open(report, { timeoutMs: 50 });
    await typeToken(user);
    await user.click(submitButton());
    expect(await screen.findByText(/平台在 1 秒内没有答复。报告可能已经送达/)).toBeTruthy();
    expect(host.savedReceipt).toBeUndefined();
    // Not known to be right yet: still in the field, not yet kept.
    expect((tokenField() as HTMLInputElement).value).toBe(TOKEN);
    expect(localStorage.getItem(tokenKey(URL_))).toBeNull();

    // The sheet changes meanwhile: 重试 still sends what was tried, not the new tables.
    await host.write(new Map([["/narrative/other", "改动"]]));
    act(() => host.change());
    platform.mode = "store";
    await user.click(retryButton());
    await screen.findByTestId("submit-receipt");
    expect(platform.sent).toHaveLength(2);
    expect(platform.sent[1].body).toBe(canonicalJson(report));
    expect(platform.stored.size).toBe(1);
    expect(host.savedReceipt?.sha256).toBe(await idempotencyKey(report));
    await waitFor(() => expect(receiptText()).toContain("未提交最新修改"));
  });

  test("422: the platform's findings are listed, nothing is kept, no retry offered", async () => {
    const user = userEvent.setup();
    platform.mode = {
      status: 422,
      body: {
        valid: false,
        findings: [
          {
            severity: "error",
            message: "自然人列：一（2）+ 二（0）= 2，应等于 三（七）总计（0）+ 四（0）= 0，相差 2",
          },
          { severity: "warning", message: "金额疑似按元填写" },
        ],
      },
    };
    const host = await open(cleanReport());
    await typeToken(user);
    await user.click(submitButton());
    expect(await screen.findByText("平台校验发现 2 处问题，没有接受这份报告：")).toBeTruthy();
    expect(screen.getByText(/自然人列：一（2）/)).toBeTruthy();
    expect(screen.getByText("金额疑似按元填写")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "重试" })).toBeNull();
    expect(host.savedReceipt).toBeUndefined();
    // The platform answered without refusing the token: it is kept.
    expect(localStorage.getItem(tokenKey(URL_))).toBe(TOKEN);
  });

  test("401: the token is dropped and asked again; 重试 with the new one sends the same key", async () => {
    const user = userEvent.setup();
    localStorage.setItem(tokenKey(URL_), "revoked-token");
    const host = await open(cleanReport());
    await screen.findByRole("button", { name: "忘记令牌" });
    await user.click(submitButton());
    expect(await screen.findByText(/平台不接受这个令牌/)).toBeTruthy();
    expect(localStorage.getItem(tokenKey(URL_))).toBeNull();
    expect(screen.queryByRole("button", { name: "重试" })).toBeNull(); // no token to retry with
    await typeToken(user);
    await user.click(retryButton());
    await screen.findByTestId("submit-receipt");
    expect(platform.sent.map((s) => s.headers.Authorization)).toEqual([
      "Bearer revoked-token",
      `Bearer ${TOKEN}`,
    ]);
    expect(platform.sent[1].headers["Idempotency-Key"]).toBe(
      platform.sent[0].headers["Idempotency-Key"]
    );
    expect(localStorage.getItem(tokenKey(URL_))).toBe(TOKEN);
    expect(host.savedReceipt?.id).toBe("r-1");
  });

  test("403 not-an-agency: an administrator's token is dropped like a wrong one", async () => {
    const user = userEvent.setup();
    platform.mode = {
      status: 403,
      body: { error: "not-an-agency", message: "只有报送单位的令牌可以提交报告" },
    };
    const host = await open(cleanReport());
    await typeToken(user, "admin-token");
    await user.click(submitButton());
    expect(await screen.findByText(/这是管理员的令牌，不能提交报告/)).toBeTruthy();
    expect(localStorage.getItem(tokenKey(URL_))).toBeNull();
    expect((tokenField() as HTMLInputElement).value).toBe("");
    platform.mode = "store";
    await typeToken(user);
    await user.click(retryButton());
    await screen.findByTestId("submit-receipt");
    expect(host.savedReceipt?.id).toBe("r-1");
    expect(localStorage.getItem(tokenKey(URL_))).toBe(TOKEN);
  });

  test.each([
    {
      status: 403,
      mode: { status: 403, body: { message: "报告的机关不是令牌所属机关" } },
      text: /这个令牌无权提交它.*平台的说明：报告的机关不是令牌所属机关/,
      retry: false,
    },
    {
      status: 429,
      mode: { status: 429, body: {}, headers: { "Retry-After": "30" } },
      text: /提交过于频繁，请 30 秒后点击“重试”/,
      retry: true,
    },
    { status: 503, mode: { status: 503 }, text: /平台暂时无法处理（HTTP 503）/, retry: true },
    {
      status: 413,
      mode: { status: 413, body: { message: "too large" } },
      text: /平台拒绝了这次提交（HTTP 413）/,
      retry: false,
    },
  ])(
    "HTTP $status: a plain message, retry only where it can help",
    async ({ mode, text, retry }) => {
      const user = userEvent.setup();
      platform.mode = mode;
      const host = await open(cleanReport());
      await typeToken(user);
      await user.click(submitButton());
      expect(await screen.findByText(text)).toBeTruthy();
      expect(screen.queryByRole("button", { name: "重试" }) !== null).toBe(retry);
      expect(host.savedReceipt).toBeUndefined();
    }
  );

  test("a 2xx that is not the receipt of this report is not taken for one", async () => {
    const user = userEvent.setup();
    const report = cleanReport();
    platform.mode = {
      status: 201,
      body: {
        id: "r-9",
        agency: report.agency,
        year: report.year,
        format: report.format,
        sha256: "0".repeat(64),
        receivedAt: RECEIVED_AT,
        summary: { errors: 0, warnings: 0, incomplete: 0 },
      },
    };
    const host = await open(report);
    await typeToken(user);
    await user.click(submitButton());
    expect(await screen.findByText(/平台的答复无法识别/)).toBeTruthy();
    expect(host.savedReceipt).toBeUndefined();
    expect(screen.queryByTestId("submit-receipt")).toBeNull();
  });

  test("whoever opens the workbook sees the receipt kept in it, and an edit flags 未提交最新修改", async () => {
    const report = cleanReport();
    const host = new FakeHost(templateState(report));
    host.savedReceipt = {
      id: "r-42",
      agency: report.agency,
      year: report.year,
      format: report.format,
      sha256: await idempotencyKey(report),
      receivedAt: RECEIVED_AT,
      summary: { errors: 0, warnings: 0, incomplete: 0 },
    };
    renderApp(host, { submitTo: { url: URL_ } });
    await waitFor(() => expect(receiptText()).toContain("工作簿中的表格与提交的内容一致"));
    expect(receiptText()).toContain(`已于 ${formatReceivedAt(RECEIVED_AT)} 提交，回执 r-42`);
    expect(receiptText()).not.toContain("未提交最新修改");
    expect(platform.sent).toHaveLength(0);

    await host.write(new Map([["/narrative/other", "提交后又改了一句"]]));
    act(() => host.change());
    await waitFor(() => expect(receiptText()).toContain("未提交最新修改"));
  });

  test("in English", async () => {
    const user = userEvent.setup();
    await open(cleanReport(), { lang: "en" });
    await user.type(screen.getByLabelText(/Agency token/), TOKEN);
    await user.click(screen.getByRole("button", { name: "Submit to platform" }));
    expect(await screen.findByText(/Submitted on .* receipt r-1/)).toBeTruthy();
  });
});
