/**
 * Before there is a template: year, agency and format, then "插入模板". The format follows the year unless
 * the user picks the other one, which is allowed (a supervising body may ask for it) but said plainly.
 */
import { useState, type FormEvent } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { InsertRequest, InsertResult } from "../excel/host";
import { FORMAT_IDS, formatForYear, type FormatId } from "../templates/formats";
import type { Strings } from "./i18n";

const MAX_AGENCY = 100;

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

interface Props {
  t: Strings;
  inserting: boolean;
  opening: boolean;
  onInsert: (request: InsertRequest) => Promise<InsertResult | undefined>;
  onOpen: () => void;
  now?: Date;
}

export function InsertForm({ t, inserting, opening, onInsert, onOpen, now = new Date() }: Props) {
  const styles = useStyles();
  const currentYear = now.getFullYear();
  const [yearText, setYearText] = useState(String(currentYear - 1));
  const [agency, setAgency] = useState("");
  const [chosenFormat, setChosenFormat] = useState<FormatId>();
  const [submitted, setSubmitted] = useState(false);
  const [result, setResult] = useState<InsertResult>();

  const year = Number(yearText.trim());
  const yearError = !/^\d{4}$/.test(yearText.trim())
    ? t.yearInvalid
    : year < 2019
      ? t.yearTooEarly
      : year > currentYear
        ? t.yearInFuture(currentYear)
        : undefined;
  const yearFormat = yearError ? undefined : formatForYear(year);
  const format: FormatId = chosenFormat ?? yearFormat ?? "2021";
  const agencyName = agency.trim();
  const agencyLength = [...agencyName].length;
  const agencyError =
    agencyLength === 0
      ? t.agencyRequired
      : agencyLength > MAX_AGENCY
        ? t.agencyTooLong(agencyLength)
        : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setResult(undefined);
    if (yearError || agencyError) return;
    setResult(await onInsert({ format, year, agency: agencyName }));
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby="nb-insert-title">
      <h2 id="nb-insert-title" className={styles.heading}>
        {t.insertTitle}
      </h2>
      <Field
        label={t.year}
        hint={t.yearHint}
        required
        validationState={yearError ? "error" : "none"}
        validationMessage={yearError}
      >
        <Input
          type="number"
          inputMode="numeric"
          min={2019}
          max={currentYear}
          value={yearText}
          onChange={(_, d) => setYearText(d.value)}
        />
      </Field>
      <Field
        label={t.agency}
        hint={t.agencyHint}
        required
        validationState={submitted && agencyError ? "error" : "none"}
        validationMessage={submitted ? agencyError : undefined}
      >
        <Input value={agency} onChange={(_, d) => setAgency(d.value)} />
      </Field>
      <Field
        label={t.format}
        validationState={yearFormat && format !== yearFormat ? "warning" : "none"}
        validationMessage={
          yearFormat && format !== yearFormat
            ? t.formatDiffers(year, yearFormat, format)
            : undefined
        }
      >
        <Select
          value={format}
          // Picking the year's own format returns to following the year.
          onChange={(_, d) =>
            setChosenFormat(d.value === yearFormat ? undefined : (d.value as FormatId))
          }
        >
          {FORMAT_IDS.map((id) => (
            <option key={id} value={id}>
              {t.formatOption(id)}
            </option>
          ))}
        </Select>
      </Field>
      <div>
        <Button
          type="submit"
          appearance="primary"
          disabled={inserting || yearError !== undefined}
          icon={inserting ? <Spinner size="tiny" /> : undefined}
        >
          {t.insertButton}
        </Button>
      </div>
      {result && !result.ok && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {result.reason === "template-exists"
              ? t.templateExists(result.sheetName)
              : t.sheetExists(result.sheetName)}
          </MessageBarBody>
          {result.reason === "template-exists" && (
            <MessageBarActions>
              <Button
                size="small"
                onClick={onOpen}
                disabled={opening}
                icon={opening ? <Spinner size="tiny" /> : undefined}
              >
                {t.open}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
    </form>
  );
}
