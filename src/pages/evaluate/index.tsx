/**
 * 评议: mass evaluations open to the member. Nothing to show yet.
 * Stable ids/classes for e2e: #evaluate-page, .page-frame-empty.
 */
import { View } from '@tarojs/components';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';

export default function EvaluatePage() {
  return (
    <ErrorBoundary>
      <View id="evaluate-page" className="tab-page">
        <PageFrame
          empty
          emptyIcon="评"
          emptyTitle="暂无进行中的评议"
          emptyHint="上级团组织发起群众评议后，可以在这里为相关团组织投票。每人一票，匿名提交。"
        />
      </View>
    </ErrorBoundary>
  );
}
