/**
 * WeChat's user-privacy flow: before a privacy API (chooseMedia, chooseMessageFile, the clipboard…) runs
 * for the first time, WeChat asks the app (onNeedPrivacyAuthorization) to show its own consent sheet;
 * the API waits until the person agrees (a button with open-type agreePrivacyAuthorization) or declines.
 * Mount <PrivacySheet /> on a page that uses such APIs. Nothing happens in H5.
 * Classes: .privacy-sheet, #privacy-agree, #privacy-decline, #privacy-contract.
 */
import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button as NativeButton, Text, View } from '@tarojs/components';
import './index.scss';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

export default function PrivacySheet() {
  const [open, setOpen] = useState(false);
  const resolver = useRef<Resolve | null>(null);

  useEffect(() => {
    if (IS_H5 || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
    Taro.onNeedPrivacyAuthorization((resolve) => {
      resolver.current = resolve;
      resolve({ event: 'exposureAuthorization' });
      setOpen(true);
    });
  }, []);

  const answer = (event: 'agree' | 'disagree') => {
    resolver.current?.(event === 'agree' ? { event, buttonId: 'privacy-agree' } : { event });
    resolver.current = null;
    setOpen(false);
  };

  if (!open) return null;
  return (
    <View className="privacy-mask">
      <View className="privacy-sheet">
        <Text className="privacy-title">用户隐私保护提示</Text>
        <Text className="privacy-text">
          为了拍摄或选择活动照片，需要使用你的相机和相册。照片经内容安全审核后，仅在本组织内可见。请阅读
          <Text id="privacy-contract" className="privacy-link" onClick={() => Taro.openPrivacyContract({})}>
            《用户隐私保护指引》
          </Text>
          后选择是否同意。
        </Text>
        <View className="privacy-actions">
          <NativeButton id="privacy-decline" className="privacy-button" onClick={() => answer('disagree')}>
            拒绝
          </NativeButton>
          <NativeButton
            id="privacy-agree"
            className="privacy-button privacy-agree"
            openType="agreePrivacyAuthorization"
            onClick={() => answer('agree')}
          >
            同意
          </NativeButton>
        </View>
      </View>
    </View>
  );
}
