/** What this Excel cannot do, said plainly, so that a user on an older version knows what to expect. */
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
} from "@fluentui/react-components";
import type { Capabilities } from "../excel/host";
import type { Strings } from "./i18n";

const useStyles = makeStyles({ list: { margin: "4px 0", paddingInlineStart: "20px" } });

/** ExcelApi 1.6 brought conditional formats, which colour failing cells without the add-in. */
function hasConditionalFormats(excelApi: string): boolean {
  const [major, minor] = excelApi.split(".").map(Number);
  return major > 1 || (major === 1 && minor >= 6);
}

function unavailableFeatures(t: Strings, caps: Capabilities): string[] {
  const out: string[] = [];
  if (!caps.changeEvents) out.push(t.noChangeEvents(caps.excelApi));
  if (!caps.full && !hasConditionalFormats(caps.excelApi))
    out.push(t.noConditionalFormats(caps.excelApi));
  if (!caps.dataValidation) out.push(t.noDataValidation(caps.excelApi));
  return out;
}

export function CapabilityNotice({ t, caps }: { t: Strings; caps: Capabilities }) {
  const styles = useStyles();
  const missing = unavailableFeatures(t, caps);
  if (missing.length === 0) return null;
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t.capsTitle}</MessageBarTitle>
        <ul className={styles.list}>
          {missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
