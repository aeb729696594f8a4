/**
 * Form parts with the styles of app.scss: a labelled field (.field, .field-label) around its control; TextField,
 * the usual one-line .field-input whose id is the Taro <Input>'s; FormSubmit, the error line and the submit button.
 */
import type { ReactNode } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@/components/nut';
import type { CloudError } from '@/services/cloud';

export function Field({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <View className="field">
      <Text className="field-label">{label}</Text>
      {children}
    </View>
  );
}

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  maxlength?: number;
  type?: 'text' | 'number';
  focus?: boolean;
}

export function TextField({ id, label, value, onChange, placeholder, maxlength, type, focus }: TextFieldProps) {
  return (
    <Field label={label}>
      <Input
        id={id}
        className="field-input"
        type={type}
        placeholder={placeholder}
        value={value}
        maxlength={maxlength}
        focus={focus}
        onInput={(e) => onChange(e.detail.value)}
      />
    </Field>
  );
}

export interface FormSubmitProps {
  id: string;
  /** The id of the error line. */
  errorId: string;
  error: CloudError | null;
  busy: boolean;
  onClick: () => void;
  children: ReactNode;
  /** A line under the button. */
  note?: string;
}

/** The end of a form: its error line (.form-error) and the primary button, loading and disabled while busy. */
export function FormSubmit({ id, errorId, error, busy, onClick, children, note }: FormSubmitProps) {
  return (
    <>
      {error ? (
        <Text id={errorId} className="form-error">
          {error.message}
        </Text>
      ) : null}
      <View className="form-actions">
        <Button id={id} type="primary" block loading={busy} disabled={busy} onClick={onClick}>
          {children}
        </Button>
        {note ? <Text className="form-note">{note}</Text> : null}
      </View>
    </>
  );
}
