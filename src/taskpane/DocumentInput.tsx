/**
 * A document from a file or pasted text, for the import panels: the file is read as bytes (the reader
 * decides the encoding), the pasted text as it is. The input is cleared after each read, so the same file
 * can be chosen again once it is fixed.
 */
import { useId, useState, type ChangeEvent } from "react";
import { Button, Field, Spinner, Textarea } from "@fluentui/react-components";

interface Props {
  fileLabel: string;
  accept: string;
  pasteLabel: string;
  pasteButton: string;
  readFileFailed: string;
  busy: boolean;
  onRead: (read: () => Promise<Uint8Array | string>) => void;
}

export function DocumentInput(props: Props) {
  const { fileLabel, accept, pasteLabel, pasteButton, readFileFailed, busy, onRead } = props;
  const fileId = useId();
  const [pasted, setPasted] = useState("");

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    onRead(async () => {
      try {
        return await readFileBytes(file);
      } catch {
        throw new Error(readFileFailed);
      } finally {
        input.value = "";
      }
    });
  };

  return (
    <>
      <label htmlFor={fileId}>{fileLabel}</label>
      <input id={fileId} type="file" accept={accept} onChange={onFile} disabled={busy} />
      <Field label={pasteLabel}>
        <Textarea
          value={pasted}
          onChange={(_, d) => setPasted(d.value)}
          resize="vertical"
          rows={3}
        />
      </Field>
      <div>
        <Button
          onClick={() => onRead(async () => pasted)}
          disabled={busy || pasted.trim() === ""}
          icon={busy ? <Spinner size="tiny" /> : undefined}
        >
          {pasteButton}
        </Button>
      </div>
    </>
  );
}

/** FileReader rather than Blob.arrayBuffer(): the older webviews Excel still ships lack the latter. */
export function readFileBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("FileReader"));
    reader.readAsArrayBuffer(file);
  });
}
