/**
 * Wraps a page's content with its three non-content states.
 * A refusal (not bound, not signed in, no permission, gone) is not a fault: it offers the way on (去绑定,
 * 去登录, 返回首页) and no request id; no permission and gone have no 重试. Faults keep 重试 and the request id.
 * Stable class names (for tests): page-frame, page-frame-loading, page-frame-error,
 * page-frame-error-title, page-frame-error-detail, page-frame-retry, page-frame-way (去绑定 / 去登录 / 返回首页),
 * page-frame-empty, page-frame-empty-title, page-frame-empty-hint, page-frame-empty-action.
 */
import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ERROR_MESSAGES, type ErrorCode } from '@contract/errors';
import { routes, TAB_PAGES, type Page } from '@/routes';
import type { CloudError } from '@/services/cloud';
import { Button } from '../nut';
import './index.scss';

/** Codes that answer who the caller is or what exists: each offers its way on. */
const REFUSALS: readonly ErrorCode[] = ['NOT_BOUND', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'];
/** Refusals that trying again cannot change (binding or signing in elsewhere can, so those keep 重试). */
const FINAL: readonly ErrorCode[] = ['FORBIDDEN', 'NOT_FOUND'];

const REFUSAL_HINTS: Partial<Record<ErrorCode, string>> = {
  NOT_BOUND: '绑定学号和姓名后即可查看。',
  FORBIDDEN: '此页面只对相关团组织的负责人开放。',
};

/** This page with its query, to come back to after binding (tab pages take no query: 绑定 then goes back). */
function currentPage(): string | undefined {
  const router = Taro.getCurrentInstance().router;
  const path = (router?.path ?? '').split('?')[0].replace(/^\//, '');
  if (!path || (TAB_PAGES as readonly string[]).includes(path as Page)) return undefined;
  const query = Object.entries(router?.params ?? {})
    .filter(([key, value]) => !key.startsWith('$') && typeof value === 'string' && value !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return query.length > 0 ? `/${path}?${query.join('&')}` : `/${path}`;
}

function Way({ code }: { code: ErrorCode }) {
  if (code === 'NOT_BOUND') {
    return (
      <Button
        className="page-frame-way"
        type="primary"
        size="small"
        onClick={() => void Taro.navigateTo({ url: routes.bind(currentPage()) })}
      >
        去绑定
      </Button>
    );
  }
  if (code === 'UNAUTHENTICATED' && IS_H5) {
    return (
      <Button className="page-frame-way" type="primary" size="small" onClick={() => void Taro.navigateTo({ url: routes.localLogin() })}>
        去登录
      </Button>
    );
  }
  return (
    <Button className="page-frame-way" type="default" size="small" onClick={() => void Taro.switchTab({ url: routes.home() })}>
      返回首页
    </Button>
  );
}

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
    const refused = REFUSALS.includes(error.code);
    const detail = error.message && error.message !== title ? error.message : refused ? (REFUSAL_HINTS[error.code] ?? '') : '';
    return (
      <View className="page-frame page-frame-error">
        <View className="page-frame-badge page-frame-badge-error">!</View>
        <Text className="page-frame-error-title">{title}</Text>
        {detail ? <Text className="page-frame-error-detail">{detail}</Text> : null}
        {error.requestId && !refused ? <Text className="page-frame-request-id">请求编号 {error.requestId}</Text> : null}
        {refused ? <Way code={error.code} /> : null}
        {onRetry && !FINAL.includes(error.code) ? (
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
