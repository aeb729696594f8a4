/**
 * A bottom sheet over the page: forms and pickers of the management screens.
 * Classes: sheet-mask, sheet, sheet-title, sheet-close (id <id>-close).
 */
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

export interface SheetProps {
  id: string;
  title: string;
  onClose: () => void;
  children?: ReactNode;
}

export default function Sheet({ id, title, onClose, children }: SheetProps) {
  return (
    <View className='sheet-mask' onClick={onClose} catchMove>
      <View id={id} className='sheet' onClick={(e) => e.stopPropagation()}>
        <View className='sheet-head'>
          <Text className='sheet-title'>{title}</Text>
          <Text id={`${id}-close`} className='sheet-close' onClick={onClose}>
            关闭
          </Text>
        </View>
        {children}
      </View>
    </View>
  );
}
