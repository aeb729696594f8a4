/**
 * A bottom sheet over the page: forms and pickers of the management screens.
 * Classes: sheet-mask, sheet, sheet-title, sheet-close (id <id>-close); SheetFooter: form-error (id <id>-error),
 * sheet-buttons with 取消 and the confirm button (id <id>-ok).
 */
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@/components/nut';
import type { CloudError } from '@/services/cloud';

export interface SheetProps {
  id: string;
  title: string;
  onClose: () => void;
  children?: ReactNode;
}

export default function Sheet({ id, title, onClose, children }: SheetProps) {
  return (
    <View className="sheet-mask" onClick={onClose} catchMove>
      <View id={id} className="sheet" onClick={(e) => e.stopPropagation()}>
        <View className="sheet-head">
          <Text className="sheet-title">{title}</Text>
          <Text id={`${id}-close`} className="sheet-close" onClick={onClose}>
            关闭
          </Text>
        </View>
        {children}
      </View>
    </View>
  );
}

export interface SheetFooterProps {
  id: string;
  error: CloudError | null;
  busy: boolean;
  okText?: string;
  onCancel: () => void;
  onOk: () => void;
}

/** The error line and the 取消 / confirm buttons every form sheet ends with. */
export function SheetFooter({ id, error, busy, okText, onCancel, onOk }: SheetFooterProps) {
  return (
    <>
      {error ? (
        <Text id={`${id}-error`} className="form-error">
          {error.message}
        </Text>
      ) : null}
      <View className="sheet-buttons">
        <Button type="default" onClick={onCancel}>
          取消
        </Button>
        <Button id={`${id}-ok`} type="primary" loading={busy} onClick={onOk}>
          {okText ?? '确定'}
        </Button>
      </View>
    </>
  );
}
