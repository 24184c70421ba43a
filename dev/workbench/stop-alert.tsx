/**
 * Excel's stop alert for a value that the cell's data validation rejects: the validation's own title and
 * message (the template's Chinese text), 重试 to go back to the entry with what was typed, 取消 to leave the
 * cell as it was. Nothing typed is lost without a word.
 */
import { useEffect, useRef } from "react";
import type { WorkbenchStrings } from "./strings";

export interface StopAlertProps {
  t: WorkbenchStrings;
  title: string;
  message: string;
  onRetry: () => void;
  onCancel: () => void;
}

export function StopAlert({ t, title, message, onRetry, onCancel }: StopAlertProps) {
  const retry = useRef<HTMLButtonElement>(null);
  useEffect(() => retry.current?.focus(), []);
  return (
    <div className="wb-alert-backdrop">
      <div
        className="wb-alert"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="wb-alert-title"
        aria-describedby="wb-alert-message"
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            onCancel();
          }
        }}
      >
        <div id="wb-alert-title" className="wb-alert-title">
          <span className="wb-alert-icon" aria-hidden="true">
            ✖
          </span>
          {title}
        </div>
        <p id="wb-alert-message">{message}</p>
        <div className="wb-alert-buttons">
          <button ref={retry} type="button" onClick={onRetry}>
            {t.stopRetry}
          </button>
          <button type="button" onClick={onCancel}>
            {t.stopCancel}
          </button>
        </div>
      </div>
    </div>
  );
}
