/**
 * Form parts with the styles of app.scss: a labelled field (.field, .field-label) around its control; TextField,
 * the usual one-line .field-input whose id is the Taro <Input>'s; TextArea, a multi-line box with its limits;
 * FormSubmit, the error line and the submit button.
 */
import type { ReactNode } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@/components/nut';
import type { TextLimit } from '@contract/fields';
import type { CloudError } from '@/services/cloud';

/** The counter shows from this share of the limit on, so a long text is never cut without warning. */
const NEAR_LIMIT = 0.8;

/**
 * The server's limits of a field (types/fields.ts), stated under its control: the minimum before the user
 * fails it (`rule`, or 至少 N 个字), and a live counter near the maximum that says when input stops there.
 */
export function LimitHint({ id, value, limit, rule }: { id?: string; value: string; limit: TextLimit; rule?: string }) {
  const used = value.length;
  const min = limit.min ?? 1;
  const stated = rule ?? (min > 1 ? `至少 ${min} 个字` : '');
  const near = used >= limit.max * NEAR_LIMIT;
  if (!stated && !near) return null;
  return (
    <View id={id} className="field-hint">
      <Text className="field-hint-rule">{stated}</Text>
      {near ? (
        <Text className={used >= limit.max ? 'field-hint-count field-hint-full' : 'field-hint-count'}>
          {used >= limit.max ? `已达 ${limit.max} 字上限，超出部分无法输入` : `${used}/${limit.max}`}
        </Text>
      ) : null}
    </View>
  );
}

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
  /** The server's limits: maxlength, the counter and the stated minimum come from it. */
  limit?: TextLimit;
  type?: 'text' | 'number';
  focus?: boolean;
}

export function TextField({ id, label, value, onChange, placeholder, maxlength, limit, type, focus }: TextFieldProps) {
  return (
    <Field label={label}>
      <Input
        id={id}
        className="field-input"
        type={type}
        placeholder={placeholder}
        value={value}
        maxlength={limit?.max ?? maxlength}
        focus={focus}
        onInput={(e) => onChange(e.detail.value)}
      />
      {limit ? <LimitHint id={`${id}-hint`} value={value} limit={limit} /> : null}
    </Field>
  );
}

export interface TextAreaProps {
  /** The box's id; its hint is #<id>-hint. */
  id?: string;
  /** The page's box style (field-textarea …, fulfil-textarea). */
  className: string;
  value: string;
  onChange: (value: string) => void;
  /** The server's limits: maxlength, the counter and the stated minimum come from it. */
  limit: TextLimit;
  placeholder?: string;
}

/** A multi-line text box capped at its field's server maximum, its LimitHint under it. */
export function TextArea({ id, className, value, onChange, limit, placeholder }: TextAreaProps) {
  return (
    <>
      <Textarea
        id={id}
        className={className}
        value={value}
        maxlength={limit.max}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
      />
      <LimitHint id={id ? `${id}-hint` : undefined} value={value} limit={limit} />
    </>
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
