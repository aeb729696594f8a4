/**
 * 证书验证 (public, no sign-in): the page a certificate's 小程序码 opens (?scene=c%3D<code>) or a link with
 * ?code=; anyone may also type a code. It answers whether the award is real and, if so, what it is.
 * Stable ids: #verify-page, #verify-input, #verify-submit, #verify-ok, #verify-bad, #verify-award
 */
import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { codeOfScene, type VerifyResult } from '@contract/commend';
import ErrorBoundary from '@/components/ErrorBoundary';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { useParam } from '@/hooks/useParam';
import { call } from '@/services/cloud';
import { formatDay } from '@/utils/date';
import '../commend.scss';

function Verify() {
  const scene = useParam('scene');
  const initial = useParam('code') || (scene ? (codeOfScene(scene) ?? scene) : '');
  const [code, setCode] = useState(initial);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const { busy, error, run } = useAction();
  const check = (value: string) =>
    void run(async () => {
      setResult(await call('commend', 'verify', { code: value.trim() || '-' }));
    });
  useEffect(() => {
    if (initial) check(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial]);
  return (
    <View>
      <View className="fulfil-head">
        <Text className="fulfil-title">荣誉证书验证</Text>
        <Text className="fulfil-sub">输入证书上的 10 位验证码，或用微信扫描证书上的小程序码</Text>
      </View>
      <View className="card">
        <Input
          id="verify-input"
          className="field-input"
          value={code}
          maxlength={32}
          placeholder="例如 7KQ2MXH9PA"
          onInput={(e) => setCode(e.detail.value)}
        />
        <View className="form-actions">
          <Button id="verify-submit" type="primary" block loading={busy} onClick={() => check(code)}>
            验证
          </Button>
        </View>
        {error ? <Text className="form-error">{error.message}</Text> : null}
      </View>
      {result?.valid ? (
        <View className="verify-result">
          <Text id="verify-ok" className="verify-ok">
            ✓ 证书真实有效
          </Text>
          <Text id="verify-award" className="certificate-text">
            {result.award.subjectName}
            {result.award.subject === 'member' ? `（${result.award.branchName}）` : ''} 荣获“{result.award.awardName}”
          </Text>
          <Text className="certificate-code">
            {result.award.commendationTitle} · {result.issuer} · {formatDay(result.award.issuedOn, 0)}
          </Text>
        </View>
      ) : null}
      {result && !result.valid ? (
        <View className="verify-result">
          <Text id="verify-bad" className="verify-bad">
            ✕ 未找到该证书
          </Text>
          <Text className="certificate-code">请核对验证码；伪造或篡改的证书无法通过验证。</Text>
        </View>
      ) : null}
    </View>
  );
}

export default function VerifyPage() {
  return (
    <ErrorBoundary>
      <View id="verify-page" className="fulfil">
        <Verify />
      </View>
    </ErrorBoundary>
  );
}
