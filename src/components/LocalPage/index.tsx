/**
 * The frame of a local-mode-only page (本地登录, 本地消息, 本地工具): the dashed 本地模式 banner, then the
 * page's content in the H5 local build, or a "…不可用" notice in the weapp build, where no emulator runs.
 * Stable ids/classes for e2e:
 *   #<name>-page / .local-page                 the page
 *   #local-mode-banner / .local-mode-banner    the banner (components/LocalModeBanner)
 *   #<name>-unavailable                        shown in the weapp build instead of the content
 */
import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import ErrorBoundary from '@/components/ErrorBoundary';
import LocalModeBanner from '@/components/LocalModeBanner';
import PageFrame from '@/components/PageFrame';
import './index.scss';

interface Props {
  /** Prefix of the page's ids: '<name>-page' and '<name>-unavailable'. */
  name: string;
  /** The feature's name in the weapp notice, e.g. '本地消息' → '本地消息不可用'. */
  feature: string;
  title: string;
  hint: string;
  /** Content that starts with a card: a gap under the banner and at the bottom. */
  spaced?: boolean;
  children: ReactNode;
}

export default function LocalPage({ name, feature, title, hint, spaced = false, children }: Props) {
  return (
    <ErrorBoundary>
      <View id={`${name}-page`} className={`local-page ${name}${spaced ? ' local-page-spaced' : ''}`}>
        <LocalModeBanner title={title} hint={hint} />
        {IS_H5 ? (
          children
        ) : (
          <View id={`${name}-unavailable`}>
            <PageFrame empty emptyIcon="!" emptyTitle={`${feature}不可用`} emptyHint={`${feature}仅在浏览器本地模式下可用。`} />
          </View>
        )}
      </View>
    </ErrorBoundary>
  );
}
