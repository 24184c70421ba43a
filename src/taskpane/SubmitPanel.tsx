/**
 * 提交到平台: sends the report to the disclosure platform the build names (PLATFORM_URL), only when it
 * passes the same gate as the export (no errors, no blanks). The agency's token is asked once and kept on
 * this computer (token-store.ts), never in the workbook; the receipt is kept in the workbook, so whoever
 * opens it sees what was submitted and whether the tables changed since. A failed attempt keeps the report
 * it tried to send; 重试 sends exactly that again, with the same Idempotency-Key.
 */
import { useEffect, useMemo, useState, type ReactNode } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens as theme,
} from "@fluentui/react-components";
import type { SpreadsheetHost } from "../excel/host";
import { buildSubmission, idempotencyKey, type Receipt } from "../platform/protocol";
import type { Report } from "../report/model";
import type { Checked, TemplateRead } from "./checked";
import type { PaneState } from "./controller";
import { blockingFindings } from "./exporting";
import type { Lang, Strings } from "./i18n";
import { describeError } from "./operations";
import { ShortList } from "./ShortList";
import {
  formatReceivedAt,
  sendSubmission,
  SUBMIT_TIMEOUT_MS,
  type Detail,
  type SendResult,
} from "./submitting";
import { createTokenStore, detectStorage, type TokenStore } from "./token-store";
import { PaneSection } from "./PaneSection";

/** How the pane is told where to submit (App's `submitTo`); tests also pass a token store and a timeout. */
export interface SubmitSettings {
  /** The platform's base URL (PLATFORM_URL). */
  url: string;
  timeoutMs?: number;
  tokens?: TokenStore;
}

interface Props extends SubmitSettings {
  t: Strings;
  lang: Lang;
  host: SpreadsheetHost;
  template: TemplateRead;
  checked: Checked;
  /** A fresh read, so that what is submitted is what the sheet holds now. */
  prepare: () => Promise<PaneState>;
}

type Outcome =
  | { kind: "sent"; result: SendResult; receiptError?: unknown }
  | { kind: "blocked"; count: number }
  | { kind: "read-failed"; error: unknown }
  | { kind: "forgotten" };

const SHOWN = 20;
/** Outcomes in which the platform never saw the token, so it is not known to be right yet. */
const NO_ANSWER: readonly SendResult["kind"][] = ["offline", "unreachable", "timeout"];

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: theme.spacingHorizontalS },
  note: { color: theme.colorNeutralForeground3 },
});

export function SubmitPanel({
  t: all,
  lang,
  host,
  template,
  checked,
  prepare,
  url,
  timeoutMs = SUBMIT_TIMEOUT_MS,
  tokens: givenTokens,
}: Props) {
  const t = all.submit;
  const styles = useStyles();
  const tokens = useMemo(
    () =>
      givenTokens ??
      createTokenStore(url, detectStorage(host.storagePartition(), host.runtimeStorage())),
    [givenTokens, url, host]
  );
  const [storedToken, setStoredToken] = useState<string>();
  const [typedToken, setTypedToken] = useState("");
  const [receipt, setReceipt] = useState<Receipt>();
  const [currentKey, setCurrentKey] = useState<string>();
  const [pending, setPending] = useState<Report>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let live = true;
    void tokens.get().then((token) => live && setStoredToken(token));
    // A receipt that cannot be read is no receipt; submitting still works.
    host.receipt().then(
      (r) => live && setReceipt(r),
      () => undefined
    );
    return () => {
      live = false;
    };
  }, [tokens, host]);

  useEffect(() => {
    let live = true;
    void idempotencyKey(template.report).then((key) => live && setCurrentKey(key));
    return () => {
      live = false;
    };
  }, [template.report]);

  const blocking = blockingFindings(checked).length;
  const token = typedToken.trim() || storedToken;

  /** One attempt with `report`; on any failure but a refusal of the report, it stays pending for 重试. */
  const attempt = async (report: Report) => {
    if (!token) return;
    const request = await buildSubmission(report, { baseUrl: url, token });
    const result = await sendSubmission(request, { timeoutMs });
    if (result.kind === "unauthorized" || result.kind === "not-an-agency") {
      await tokens.forget();
      setStoredToken(undefined);
      setTypedToken("");
    } else if (!NO_ANSWER.includes(result.kind) && token !== storedToken) {
      // The platform answered without refusing the token: keep it, so it is asked only once.
      await tokens.set(token);
      setStoredToken(token);
      setTypedToken("");
    }
    let receiptError: unknown;
    if (result.kind === "accepted") {
      setReceipt(result.receipt);
      try {
        await host.keepReceipt(result.receipt);
      } catch (error) {
        receiptError = error;
      }
    }
    const retryable = !["accepted", "invalid", "forbidden", "refused"].includes(result.kind);
    setPending(retryable ? report : undefined);
    setOutcome({ kind: "sent", result, receiptError });
  };

  const busy = async (work: () => Promise<void>) => {
    setSending(true);
    setOutcome(undefined);
    try {
      await work();
    } catch (error) {
      setOutcome({ kind: "read-failed", error });
    } finally {
      setSending(false);
    }
  };

  const submit = () =>
    busy(async () => {
      const state = await prepare();
      if (state.readError !== undefined) throw state.readError;
      if (state.workbook?.kind !== "template" || !state.checked) return;
      const count = blockingFindings(state.checked).length;
      if (count > 0) {
        setOutcome({ kind: "blocked", count });
        return;
      }
      await attempt(state.workbook.report);
    });

  const retry = () => busy(async () => pending && (await attempt(pending)));

  const forget = async () => {
    await tokens.forget();
    setStoredToken(undefined);
    setTypedToken("");
    setOutcome({ kind: "forgotten" });
  };

  const stale = receipt !== undefined && currentKey !== undefined && currentKey !== receipt.sha256;

  return (
    <PaneSection id="nb-submit-title" title={t.title}>
      <div className={styles.note}>{t.platform(new URL(url).host)}</div>
      {receipt && (
        <MessageBar intent={stale ? "warning" : "success"} layout="multiline">
          <MessageBarBody data-testid="submit-receipt">
            <div>{t.submitted(formatReceivedAt(receipt.receivedAt), receipt.id)}</div>
            {currentKey !== undefined && <div>{stale ? t.notLatest : t.latest}</div>}
          </MessageBarBody>
        </MessageBar>
      )}
      {!storedToken && (
        <Field label={t.tokenLabel}>
          <Input
            type="password"
            autoComplete="off"
            value={typedToken}
            onChange={(_, d) => setTypedToken(d.value)}
          />
        </Field>
      )}
      <div className={styles.row}>
        <Button
          appearance="primary"
          onClick={submit}
          disabled={sending || blocking > 0 || !token}
          icon={sending ? <Spinner size="tiny" /> : undefined}
        >
          {t.button}
        </Button>
        {storedToken && (
          <Button appearance="subtle" onClick={forget} disabled={sending}>
            {t.forgetToken}
          </Button>
        )}
      </div>
      {blocking > 0 && <div>{t.blocked(blocking)}</div>}
      {storedToken && (
        <div className={styles.note}>
          {tokens.keeps === "device" ? t.tokenKept : t.tokenSession}
        </div>
      )}
      <div aria-live="polite">
        {outcome && (
          <OutcomeView
            t={all}
            lang={lang}
            outcome={outcome}
            timeoutMs={timeoutMs}
            onRetry={pending && token && !sending ? retry : undefined}
          />
        )}
      </div>
    </PaneSection>
  );
}

function OutcomeView({
  t: all,
  lang,
  outcome,
  timeoutMs,
  onRetry,
}: {
  t: Strings;
  lang: Lang;
  outcome: Outcome;
  timeoutMs: number;
  onRetry?: () => void;
}) {
  const t = all.submit;
  if (outcome.kind === "forgotten") return <div>{t.tokenForgotten}</div>;
  if (outcome.kind === "blocked") return <Bar intent="error" text={t.blocked(outcome.count)} />;
  if (outcome.kind === "read-failed")
    return <Bar intent="error" text={t.readFailed(describeError(outcome.error, all))} />;
  const { result, receiptError } = outcome;
  const retry = onRetry && (
    <MessageBarActions>
      <Button size="small" onClick={onRetry}>
        {t.retry}
      </Button>
    </MessageBarActions>
  );
  const said = (detail?: Detail) =>
    detail ? ` ${t.serverSaid((lang === "en" && detail.messageEn) || detail.message)}` : "";
  switch (result.kind) {
    case "accepted":
      return (
        <>
          {result.repeat && <div>{t.repeat}</div>}
          {receiptError !== undefined && (
            <Bar intent="warning" text={t.receiptNotKept(describeError(receiptError, all))} />
          )}
        </>
      );
    case "invalid":
      return (
        <>
          <Bar intent="error" text={t.invalid(result.findings.length)} />
          <ShortList
            items={result.findings}
            shown={SHOWN}
            more={all.moreItems}
            itemKey={(_, i) => i}
          >
            {(f) => (lang === "en" && f.messageEn) || f.message}
          </ShortList>
        </>
      );
    case "forbidden":
      return <Bar intent="error" text={t.forbidden + said(result.detail)} />;
    case "refused":
      return <Bar intent="error" text={t.refused(result.status) + said(result.detail)} />;
    case "unauthorized":
      return <Bar intent="error" text={t.unauthorized} actions={retry} />;
    case "not-an-agency":
      return <Bar intent="error" text={t.notAnAgency} actions={retry} />;
    case "too-many":
      return <Bar intent="error" text={t.tooMany(result.retryAfterSeconds)} actions={retry} />;
    case "server":
      return <Bar intent="error" text={t.server(result.status)} actions={retry} />;
    case "offline":
      return <Bar intent="error" text={t.offline} actions={retry} />;
    case "unreachable":
      return <Bar intent="error" text={t.unreachable} actions={retry} />;
    case "timeout":
      return (
        <Bar
          intent="error"
          text={t.timeout(Math.max(1, Math.round(timeoutMs / 1000)))}
          actions={retry}
        />
      );
    case "bad-answer":
      return <Bar intent="error" text={t.badAnswer} actions={retry} />;
  }
}

function Bar({
  intent,
  text,
  actions,
}: {
  intent: "error" | "warning";
  text: string;
  actions?: ReactNode;
}) {
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>{text}</MessageBarBody>
      {actions}
    </MessageBar>
  );
}
