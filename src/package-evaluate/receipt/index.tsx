/**
 * 核对回执: after the close, a voter checks with their receipt code that their ballot was counted. The answer says
 * 已计入 (or not yet / not found) and nothing about what the ballot holds or whose it is.
 * Query: ?id=&receipt= (optional). Stable ids for e2e: #receipt-page, #receipt-code, #receipt-check, #receipt-state.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { RECEIPT_STATE_NAMES, type ReceiptCheck } from '@contract/evaluate';
import ErrorBoundary from '@/components/ErrorBoundary';
import { FormSubmit, TextField } from '@/components/Form';
import { useAction } from '@/hooks/useAction';
import { useParam } from '@/hooks/useParam';
import { call } from '@/services/cloud';
import '../evaluate.scss';

export default function ReceiptPage() {
  const id = useParam('id');
  const [code, setCode] = useState(useParam('receipt'));
  const [state, setState] = useState<ReceiptCheck['state'] | null>(null);
  const action = useAction();
  const check = () =>
    action.run(async () => {
      setState((await call('evaluate', 'checkReceipt', { evaluationId: id, receipt: code.trim() })).state);
    });
  return (
    <ErrorBoundary>
      <View id="receipt-page" className="ev">
        <Text className="ev-intro">输入投票后得到的回执码。核对结果只说明这张选票是否计入，不显示投票内容，也不记录是谁在核对。</Text>
        <View className="card ev-card">
          <TextField id="receipt-code" label="回执码" value={code} onChange={setCode} maxlength={20} placeholder="例如 ABCD-EFGH-JKMN" />
          <FormSubmit id="receipt-check" errorId="receipt-error" error={action.error} busy={action.busy} onClick={() => void check()}>
            核对
          </FormSubmit>
          {state ? (
            <Text id="receipt-state" className={`ev-check receipt-state-${state}`}>
              {RECEIPT_STATE_NAMES[state]}
            </Text>
          ) : null}
        </View>
      </View>
    </ErrorBoundary>
  );
}
