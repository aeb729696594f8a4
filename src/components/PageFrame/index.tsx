/**
 * Wraps a page's content with its three non-content states.
 * Stable class names (for tests): page-frame, page-frame-loading, page-frame-error,
 * page-frame-error-title, page-frame-error-detail, page-frame-retry, page-frame-empty,
 * page-frame-empty-title, page-frame-empty-hint, page-frame-empty-action.
 */
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { ERROR_MESSAGES } from '@contract/errors';
import type { CloudError } from '@/services/cloud';
import { Button } from '../nut';
import './index.scss';

export interface PageFrameProps {
  loading?: boolean;
  error?: CloudError | null;
  onRetry?: () => void;
  /** Show the empty state instead of children. */
  empty?: boolean;
  emptyTitle?: string;
  emptyHint?: string;
  emptyIcon?: string;
  /** A way out of the empty state (e.g. 去绑定), under its hint. */
  emptyAction?: ReactNode;
  children?: ReactNode;
}

export default function PageFrame(props: PageFrameProps) {
  const { loading, error, onRetry, empty, emptyTitle, emptyHint, emptyIcon, emptyAction, children } = props;

  if (loading) {
    return (
      <View className="page-frame page-frame-loading">
        <View className="page-frame-spinner" />
        <Text className="page-frame-loading-text">加载中…</Text>
      </View>
    );
  }

  if (error) {
    const title = ERROR_MESSAGES[error.code];
    const detail = error.message && error.message !== title ? error.message : '';
    return (
      <View className="page-frame page-frame-error">
        <View className="page-frame-badge page-frame-badge-error">!</View>
        <Text className="page-frame-error-title">{title}</Text>
        {detail ? <Text className="page-frame-error-detail">{detail}</Text> : null}
        {error.requestId ? <Text className="page-frame-request-id">请求编号 {error.requestId}</Text> : null}
        {onRetry ? (
          <Button className="page-frame-retry" type="primary" size="small" onClick={() => onRetry()}>
            重试
          </Button>
        ) : null}
      </View>
    );
  }

  if (empty) {
    return (
      <View className="page-frame page-frame-empty">
        <View className="page-frame-badge">{emptyIcon ?? '空'}</View>
        <Text className="page-frame-empty-title">{emptyTitle ?? '暂无内容'}</Text>
        {emptyHint ? <Text className="page-frame-empty-hint">{emptyHint}</Text> : null}
        {emptyAction ? <View className="page-frame-empty-action">{emptyAction}</View> : null}
      </View>
    );
  }

  return <View className="page-frame page-frame-content">{children}</View>;
}
