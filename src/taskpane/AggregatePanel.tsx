/**
 * 汇总下级报告: choose several reports, see each (agency, year, format, valid or not, its findings a click
 * away), and after confirmation write their sums into the current template in one sync, with the list of
 * sources kept in the workbook's settings; a compiled workbook then says here what it was made from.
 * Self-contained: the pane gives it the host and a way to re-read.
 */
import { Fragment, useId, useState, type ChangeEvent } from "react";
import {
  Button,
  Checkbox,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Refusal } from "../aggregate/aggregate";
import { blankSources, type SourcesRecord } from "../aggregate/record";
import { AGGREGATE_STRINGS } from "./aggregate-strings";
import type { CompileOptions, CompilePlan, SourceRow } from "./aggregating";
import type { TemplateRead } from "./checked";
import { ConfirmWrite } from "./ConfirmWrite";
import { readFileBytes } from "./DocumentInput";
import type { Lang, Strings } from "./i18n";
import { usePane } from "./pane-context";
import { ShortList } from "./ShortList";
import type { WriteOutcome } from "./write-flow";
import { PaneSection } from "./PaneSection";

const SHOWN = 20;

const useStyles = makeStyles({
  table: { tableLayout: "auto" },
  file: { wordBreak: "break-all", color: tokens.colorNeutralForeground3 },
  details: { paddingInlineStart: tokens.spacingHorizontalM },
  actions: { display: "flex", gap: tokens.spacingHorizontalXS, flexWrap: "wrap" },
});

type Plan = Extract<CompilePlan, { ok: true }>;

/** The aggregator and the readers are loaded when first used: most sessions never compile. */
const logic = () => import(/* webpackChunkName: "aggregate" */ "./aggregating.js");
type Notice = { kind: "refused"; refusals: Refusal[] } | { kind: "done"; record: SourcesRecord };

export function AggregatePanel({ template }: { template: TemplateRead }) {
  const { controller, state, t, lang } = usePane();
  const { busy } = state;
  const styles = useStyles();
  const a = AGGREGATE_STRINGS[lang];
  const fileId = useId();
  const [rows, setRows] = useState<SourceRow[]>([]);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [options, setOptions] = useState<CompileOptions>({});
  const [notice, setNotice] = useState<Notice>();
  const reading = busy.has("aggregate-read");
  const writing = busy.has("aggregate");
  const en = lang === "en";
  const text = (m: { message: string; messageEn?: string }) =>
    en && m.messageEn ? m.messageEn : m.message;
  /** The sources or options changed: what was said, or asked, of the old ones no longer holds. */
  const changed = () => {
    setNotice(undefined);
    if (state.pendingWrite?.source === "aggregate") controller.cancelWrite();
  };

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const files = Array.from(input.files ?? []);
    if (files.length === 0) return;
    void controller.run("aggregate", "aggregate-read", async () => {
      try {
        const { readSource } = await logic();
        const read: SourceRow[] = [];
        for (const file of files) read.push(await readSource(file.name, await readFileBytes(file)));
        setRows((r) => [...r, ...read]);
        changed();
      } finally {
        input.value = "";
      }
    });
  };

  const remove = (index: number) => {
    setRows((r) => r.filter((_, i) => i !== index));
    setOpen(new Set());
    changed();
  };

  const toggle = (index: number) =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(index)) next.add(index);
      return next;
    });

  const option = (key: keyof CompileOptions, label: string) => (
    <Checkbox
      label={label}
      checked={options[key] ?? false}
      onChange={(_, d) => {
        setOptions({ ...options, [key]: d.checked === true });
        changed();
      }}
    />
  );

  const said = (outcome: WriteOutcome<Plan, Refusal[]>) => {
    if (outcome.kind === "refused") setNotice({ kind: "refused", refusals: outcome.refusal });
    else if (outcome.kind === "written") setNotice({ kind: "done", record: outcome.plan.record });
  };

  /** The sums replace every value cell, so the user is always asked, with the filled cells they change. */
  const compile = () =>
    controller.run("aggregate", "aggregate", async () => {
      setNotice(undefined);
      const { planCompilation } = await logic();
      said(
        await controller.proposeWrite<Plan, Refusal[]>({
          source: "aggregate",
          alwaysAsk: true,
          plan: (now) => {
            const plan = planCompilation(rows, now, options);
            return plan.ok ? { ok: true, plan } : { ok: false, refusal: plan.refusals };
          },
          write: (plan, host) => host.writeCompiled(plan.values, plan.record),
        })
      );
    });

  const unreadable = rows.some((r) => !r.ok);
  const list = <T,>(items: readonly T[], render: (item: T) => string) => (
    <ShortList items={items} shown={SHOWN} more={t.moreItems} itemKey={(_, i) => i}>
      {render}
    </ShortList>
  );

  return (
    <PaneSection id="nb-aggregate-title" title={a.title}>
      {template.compiledFrom && <CompiledFrom record={template.compiledFrom} lang={lang} t={t} />}
      <div>{a.intro}</div>
      <label htmlFor={fileId}>{a.chooseFiles}</label>
      <input
        id={fileId}
        type="file"
        multiple
        accept=".json,.xlsx,.html,.htm,.txt,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/html,text/plain"
        onChange={choose}
        disabled={reading || writing}
      />
      {reading && <Spinner size="tiny" label={a.reading} />}
      {rows.length > 0 && (
        <Table size="small" className={styles.table} aria-label={a.title}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{a.agency}</TableHeaderCell>
              <TableHeaderCell>{a.year}</TableHeaderCell>
              <TableHeaderCell>{a.format}</TableHeaderCell>
              <TableHeaderCell>{a.status}</TableHeaderCell>
              <TableHeaderCell>{a.actions}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row, i) => (
              <Fragment key={`${row.sha256}:${i}`}>
                <TableRow>
                  <TableCell>
                    <div>{row.ok ? row.report.agency : ""}</div>
                    <div className={styles.file}>{row.file}</div>
                  </TableCell>
                  <TableCell>{row.ok ? row.report.year : ""}</TableCell>
                  <TableCell>{row.ok ? row.report.format : ""}</TableCell>
                  <TableCell>
                    {!row.ok ? a.unreadable : row.errors > 0 ? a.errors(row.errors) : a.valid}
                    {row.ok && row.blanks > 0 && <div>{a.blanks(row.blanks)}</div>}
                  </TableCell>
                  <TableCell>
                    <div className={styles.actions}>
                      <Button
                        size="small"
                        aria-expanded={open.has(i)}
                        aria-label={`${open.has(i) ? a.hideFindings : a.showFindings}${t.colon}${row.file}`}
                        onClick={() => toggle(i)}
                      >
                        {open.has(i) ? a.hideFindings : a.showFindings}
                      </Button>
                      <Button
                        size="small"
                        aria-label={`${a.remove}${t.colon}${row.file}`}
                        onClick={() => remove(i)}
                        disabled={writing}
                      >
                        {a.remove}
                      </Button>
                    </div>
                  </TableCell>
                </TableRow>
                {open.has(i) && (
                  <TableRow>
                    <TableCell colSpan={5} className={styles.details}>
                      {!row.ok
                        ? list(row.problems, text)
                        : row.findings.length + row.notes.length === 0
                          ? a.noFindings
                          : list([...row.findings, ...row.notes], text)}
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            ))}
          </TableBody>
        </Table>
      )}
      {rows.length > 0 && (
        <>
          {option("allowDuplicates", a.allowDuplicates)}
          {option("allowErrors", a.allowErrors)}
          {option("blankAsZero", a.blankAsZero)}
          {unreadable && <div>{a.removeUnreadable}</div>}
          <div>
            <Button
              appearance="primary"
              onClick={() => void compile()}
              disabled={unreadable || reading || writing}
            >
              {a.compile}
            </Button>
          </div>
        </>
      )}
      {notice?.kind === "refused" && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{a.refused}</MessageBarTitle>
            <ShortList
              items={notice.refusals}
              shown={SHOWN}
              more={t.moreItems}
              itemKey={(_, i) => i}
            >
              {(r) => (
                <>
                  {text(r)}
                  {r.errors && list(r.errors, text)}
                </>
              )}
            </ShortList>
          </MessageBarBody>
        </MessageBar>
      )}
      <ConfirmWrite<Plan, Refusal[]>
        source="aggregate"
        op="aggregate"
        busyKey="aggregate"
        confirmLabel={a.confirmButton}
        question={(plan) => a.confirm(plan.record.sourceCount, plan.values.size, plan.overwrites)}
        onOutcome={said}
      />
      {notice?.kind === "done" && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{a.done(notice.record.sourceCount)}</MessageBarBody>
        </MessageBar>
      )}
    </PaneSection>
  );
}

/** What the workbook says it was made from (its settings): the sources, and the cells left blank. */
function CompiledFrom({ record, lang, t }: { record: SourcesRecord; lang: Lang; t: Strings }) {
  const a = AGGREGATE_STRINGS[lang];
  const blank = record.blanks.filter((b) => b.treatedAs === "blank");
  const zeroed = record.blanks.filter((b) => b.treatedAs === "zero");
  const notListed = record.sourceCount - record.sources.length;
  const cells = (list: typeof blank) => (
    <ShortList items={list} shown={SHOWN} more={t.moreItems} itemKey={(b) => b.pointer}>
      {(b) => `${lang === "en" ? b.labelEn : b.label} — ${blankSources(b, lang)}`}
    </ShortList>
  );
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          {a.compiledFrom(record.sourceCount, record.year, record.format)}
        </MessageBarTitle>
        <ShortList items={record.sources} shown={SHOWN} more={t.moreItems} itemKey={(_, i) => i}>
          {(s) =>
            a.sourceLine(s.agency, s.file, s.sha256.slice(0, 12)) +
            (s.errorCount ? a.sourceErrors(s.errorCount) : "")
          }
        </ShortList>
        {notListed > 0 && <div>{a.notListed(notListed)}</div>}
        {blank.length > 0 && (
          <>
            <div>{a.blanksLeft(blank.length)}</div>
            {cells(blank)}
          </>
        )}
        {zeroed.length > 0 && (
          <>
            <div>{a.zeroed(zeroed.length)}</div>
            {cells(zeroed)}
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
