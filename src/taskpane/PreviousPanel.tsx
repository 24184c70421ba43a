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
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { CellValue } from "../report/model";
import type { Pointer } from "../templates/pointers";
import { ConfirmBar } from "./ConfirmBar";
import type { TemplateRead } from "./controller";
import { DocumentInput } from "./DocumentInput";
import type { Lang, Strings } from "./i18n";
import type { RunOp } from "./operations";
import { planCarryOver, readPrevious } from "./previous";
import { ShortList } from "./ShortList";

const SHOWN = 20;

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

type Notice =
  | { kind: "unreadable"; lines: string[] }
  | { kind: "notes"; lines: string[] }
  | { kind: "confirm"; values: Map<Pointer, CellValue>; overwrites: number }
  | { kind: "prefilled"; count: number }
  | { kind: "nothing" };

interface Props {
  t: Strings;
  lang: Lang;
  template: TemplateRead;
  busy: ReadonlySet<string>;
  run: RunOp;
  keep: (report: TemplateRead["previous"]) => Promise<void>;
  write: (values: Map<Pointer, CellValue>) => Promise<void>;
}

export function PreviousPanel({ t, lang, template, busy, run, keep, write }: Props) {
  const styles = useStyles();
  const [notice, setNotice] = useState<Notice>();
  const working = busy.has("previous") || busy.has("prefill");
  const previous = template.previous;
  const text = (m: { message: string; messageEn: string; pointer: string }) =>
    `${m.pointer ? m.pointer + t.colon : ""}${lang === "en" ? m.messageEn : m.message}`;

  const importPrevious = (read: () => Promise<Uint8Array | string>) =>
    run("previous", "previous", async () => {
      setNotice(undefined);
      const parsed = await readPrevious(await read());
      if (!parsed.ok) {
        setNotice({ kind: "unreadable", lines: parsed.problems.map(text) });
        return;
      }
      await keep(parsed.report);
      if (parsed.notes.length) setNotice({ kind: "notes", lines: parsed.notes.map(text) });
    });

  const prefill = () =>
    run("previous", "prefill", async () => {
      if (!previous) return;
      const plan = planCarryOver(template, previous);
      if (plan.values.size === 0) setNotice({ kind: "nothing" });
      else if (plan.overwrites > 0) setNotice({ kind: "confirm", ...plan });
      else {
        await write(plan.values);
        setNotice({ kind: "prefilled", count: plan.values.size });
      }
    });

  const list = (lines: string[]) => (
    <ShortList items={lines} shown={SHOWN} more={t.moreItems} itemKey={(_, i) => i}>
      {(line) => line}
    </ShortList>
  );

  return (
    <section className={styles.section} aria-labelledby="nb-previous-title">
      <h2 id="nb-previous-title" className={styles.heading}>
        {t.previousTitle}
      </h2>
      {previous ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            {t.previousKept(previous.agency, previous.year, previous.format)}
            {previous.year !== template.report.year - 1 && (
              <div>{t.previousWrongYear(previous.year, template.report.year - 1)}</div>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={prefill} disabled={working}>
              {t.prefillCarryOver}
            </Button>
            <Button
              size="small"
              onClick={() => void run("previous", "previous", () => keep(undefined))}
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
      {notice?.kind === "confirm" && (
        <ConfirmBar
          confirmLabel={t.prefillCarryOver}
          cancelLabel={t.cancel}
          busy={working}
          onConfirm={() =>
            void run("previous", "prefill", async () => {
              await write(notice.values);
              setNotice({ kind: "prefilled", count: notice.values.size });
            })
          }
          onCancel={() => setNotice(undefined)}
        >
          {t.confirmPrefill(notice.overwrites)}
        </ConfirmBar>
      )}
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
    </section>
  );
}
