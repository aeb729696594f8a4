/**
 * The consent sheet of WeChat's user-privacy flow (registered once in src/app.ts, see ./flow.ts). Mount
 * <PrivacySheet /> on every page that calls a privacy API (chooseMedia, chooseMessageFile, the clipboard,
 * saveImageToPhotosAlbum…): it opens when WeChat asks on that page and says what the API is for.
 * Nothing happens in H5. Classes: .privacy-sheet, #privacy-agree, #privacy-decline, #privacy-contract.
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button as NativeButton, Text, View } from '@tarojs/components';
import { answerPrivacy, attachSheet, purposeOf } from './flow';
import './index.scss';

export default function PrivacySheet() {
  const [referrer, setReferrer] = useState<string | null>(null);

  useEffect(() => {
    if (IS_H5) return undefined;
    const page = Taro.getCurrentInstance().router?.path.replace(/^\//, '').split('?')[0] ?? '';
    return attachSheet(page, setReferrer);
  }, []);

  if (referrer === null) return null;
  return (
    <View className="privacy-mask">
      <View className="privacy-sheet">
        <Text className="privacy-title">用户隐私保护提示</Text>
        <Text className="privacy-text">
          为了{purposeOf(referrer)}请阅读
          <Text id="privacy-contract" className="privacy-link" onClick={() => Taro.openPrivacyContract({})}>
            《用户隐私保护指引》
          </Text>
          后选择是否同意。
        </Text>
        <View className="privacy-actions">
          <NativeButton id="privacy-decline" className="privacy-button" onClick={() => answerPrivacy(false, 'privacy-decline')}>
            拒绝
          </NativeButton>
          <NativeButton
            id="privacy-agree"
            className="privacy-button privacy-agree"
            openType="agreePrivacyAuthorization"
            onClick={() => answerPrivacy(true, 'privacy-agree')}
          >
            同意
          </NativeButton>
        </View>
      </View>
    </View>
  );
}
