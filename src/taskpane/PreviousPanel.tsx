/**
 * 导入上年报告: last year's report from JSON, a template workbook (.xlsx) or a published report (HTML or
 * copied text), kept in the workbook through the host, so the cross-year checks run; and the prefill of
 * 二、上年结转 from it, asked before changing filled cells.
 */
import { useState } from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { ConfirmWrite } from "./ConfirmWrite";
import type { TemplateRead } from "./checked";
import { DocumentInput } from "./DocumentInput";
import { usePane } from "./pane-context";
import { planCarryOver, readPrevious, type CarryOverPlan } from "./previous";
import { ShortList } from "./ShortList";
import type { WriteOutcome } from "./write-flow";
import { PaneSection } from "./PaneSection";

const SHOWN = 20;

type Notice =
  | { kind: "unreadable"; lines: string[] }
  | { kind: "notes"; lines: string[] }
  | { kind: "prefilled"; count: number }
  | { kind: "nothing" };

export function PreviousPanel({ template }: { template: TemplateRead }) {
  const { controller, state, t, lang } = usePane();
  const [notice, setNotice] = useState<Notice>();
  const working = state.busy.has("previous") || state.busy.has("prefill");
  const previous = template.previous;
  const text = (m: { message: string; messageEn: string; pointer: string }) =>
    `${m.pointer ? m.pointer + t.colon : ""}${lang === "en" ? m.messageEn : m.message}`;

  const importPrevious = (read: () => Promise<Uint8Array | string>) =>
    controller.run("previous", "previous", async () => {
      setNotice(undefined);
      const parsed = await readPrevious(await read());
      if (!parsed.ok) {
        setNotice({ kind: "unreadable", lines: parsed.problems.map(text) });
        return;
      }
      await controller.keepPrevious(parsed.report);
      if (parsed.notes.length) setNotice({ kind: "notes", lines: parsed.notes.map(text) });
    });

  const said = (outcome: WriteOutcome<CarryOverPlan, never>) => {
    if (outcome.kind === "nothing") setNotice({ kind: "nothing" });
    else if (outcome.kind === "written")
      setNotice({ kind: "prefilled", count: outcome.plan.values.size });
  };

  /** 二、上年结转 from last year's report as kept in the workbook when the plan is made. */
  const prefill = () =>
    controller.run("previous", "prefill", async () => {
      setNotice(undefined);
      said(
        await controller.proposeWrite<CarryOverPlan, never>({
          source: "prefill",
          plan: (now) =>
            now.previous ? { ok: true, plan: planCarryOver(now, now.previous) } : nothingToDo,
        })
      );
    });

  const list = (lines: string[]) => (
    <ShortList items={lines} shown={SHOWN} more={t.moreItems} itemKey={(_, i) => i}>
      {(line) => line}
    </ShortList>
  );

  return (
    <PaneSection id="nb-previous-title" title={t.previousTitle}>
      {previous ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            {t.previousKept(previous.agency, previous.year, previous.format)}
            {previous.year !== template.report.year - 1 && (
              <div>{t.previousWrongYear(previous.year, template.report.year - 1)}</div>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void prefill()} disabled={working}>
              {t.prefillCarryOver}
            </Button>
            <Button
              size="small"
              onClick={() =>
                void controller.run("previous", "previous", () =>
                  controller.keepPrevious(undefined)
                )
              }
              disabled={working}
            >
              {t.previousRemove}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : (
        <div>{t.previousIntro}</div>
      )}
      <DocumentInput
        fileLabel={t.previousFile}
        accept=".json,.xlsx,.html,.htm,.txt,.md,.pdf,.docx,application/json,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/html,text/plain"
        pasteLabel={t.previousPaste}
        pasteButton={t.previousPasteButton}
        readFileFailed={t.readFileFailed}
        busy={working}
        onRead={(read) => void importPrevious(read)}
      />
      {notice?.kind === "unreadable" && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.previousUnreadable}</MessageBarTitle>
            {list(notice.lines)}
          </MessageBarBody>
        </MessageBar>
      )}
      {notice?.kind === "notes" && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.previousNotes}</MessageBarTitle>
            {list(notice.lines)}
          </MessageBarBody>
        </MessageBar>
      )}
      <ConfirmWrite<CarryOverPlan>
        source="prefill"
        op="previous"
        busyKey="prefill"
        confirmLabel={t.prefillCarryOver}
        question={(plan) => t.confirmPrefill(plan.overwrites)}
        onOutcome={said}
      />
      {notice?.kind === "prefilled" && (
        <MessageBar intent="success">
          <MessageBarBody>{t.prefilled(notice.count)}</MessageBarBody>
        </MessageBar>
      )}
      {notice?.kind === "nothing" && (
        <MessageBar intent="info">
          <MessageBarBody>{t.prefillNothing}</MessageBarBody>
        </MessageBar>
      )}
    </PaneSection>
  );
}

/** Last year's report was removed meanwhile: an empty plan, said as "nothing to prefill". */
const nothingToDo = { ok: true, plan: { values: new Map(), overwrites: 0 } } as const;
