/** The multi-line text box of the 践诺/评诺 forms: a controlled string, capped at maxlength. */
import { Textarea } from '@tarojs/components';

interface Props {
  id?: string;
  /** Extra classes after fulfil-textarea. */
  className?: string;
  value: string;
  maxlength: number;
  placeholder: string;
  onChange: (value: string) => void;
}

export default function FulfilTextarea({ id, className, value, maxlength, placeholder, onChange }: Props) {
  return (
    <Textarea
      id={id}
      className={className ? `fulfil-textarea ${className}` : 'fulfil-textarea'}
      value={value}
      maxlength={maxlength}
      placeholder={placeholder}
      onInput={(e) => onChange(e.detail.value)}
    />
  );
}
