/**
 * One text field in a sheet (new org name, rename, cadre post, staff fields).
 * ids: <id> (sheet), <id>-input, <id>-error, <id>-ok.
 */
import { useState } from 'react';
import { Text } from '@tarojs/components';
import type { TextLimit } from '@contract/fields';
import { TextField } from '@/components/Form';
import { useAction } from '@/hooks/useAction';
import { CloudError } from '@/services/cloud';
import Sheet, { SheetFooter } from './Sheet';

export interface PromptField {
  key: string;
  label: string;
  /** The server's limits for this field (FIELDS in types/fields.ts). */
  limit: TextLimit;
  placeholder?: string;
  initial?: string;
  optional?: boolean;
}

export interface PromptSheetProps {
  id: string;
  title: string;
  fields: PromptField[];
  okText?: string;
  note?: string;
  onClose: () => void;
  /** Throw to keep the sheet open with the error shown. */
  onSubmit: (values: Record<string, string>) => Promise<void>;
}

export default function PromptSheet({ id, title, fields, okText, note, onClose, onSubmit }: PromptSheetProps) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.key, f.initial ?? ''])));
  const { busy, error, setError, run } = useAction();

  const submit = () => {
    if (busy) return;
    const missing = fields.find((f) => !f.optional && !(values[f.key] ?? '').trim());
    if (missing) {
      setError(new CloudError('INVALID_ARGUMENT', `请填写${missing.label}`));
      return;
    }
    void run(() => onSubmit(Object.fromEntries(fields.map((f) => [f.key, (values[f.key] ?? '').trim()]))));
  };

  return (
    <Sheet id={id} title={title} onClose={onClose}>
      {note ? <Text className="form-note">{note}</Text> : null}
      {fields.map((f, i) => (
        <TextField
          key={f.key}
          id={fields.length === 1 ? `${id}-input` : `${id}-input-${f.key}`}
          label={f.label}
          placeholder={f.placeholder ?? ''}
          value={values[f.key] ?? ''}
          focus={i === 0}
          limit={f.limit}
          onChange={(v) => setValues((prev) => ({ ...prev, [f.key]: v }))}
        />
      ))}
      <SheetFooter id={id} error={error} busy={busy} okText={okText} onCancel={onClose} onOk={submit} />
    </Sheet>
  );
}
