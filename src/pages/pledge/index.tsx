/**
 * 承诺: the pledges of the member's orgs. Nothing to show yet.
 * Stable ids/classes for e2e: #pledge-page, .page-frame-empty.
 */
import { View } from '@tarojs/components';
import ErrorBoundary from '../../components/ErrorBoundary';
import PageFrame from '../../components/PageFrame';

export default function PledgePage() {
  return (
    <ErrorBoundary>
      <View id='pledge-page' className='tab-page'>
        <PageFrame
          empty
          emptyIcon='诺'
          emptyTitle='暂无承诺'
          emptyHint='公开承诺阶段开始后，可以在这里查看所在团组织的“四好”承诺，并签署个人“四带头”承诺。'
        />
      </View>
    </ErrorBoundary>
  );
}
