/**
 * Catches render errors in a page so one broken view shows a recoverable message, not a blank screen.
 * Stable class names: error-boundary, error-boundary-retry.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '../nut';
import '../PageFrame/index.scss';

interface Props {
  children?: ReactNode;
}

interface State {
  failed: boolean;
}

export default class ErrorBoundary extends Component<Props, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[ErrorBoundary]', error, info.componentStack);
  }

  private readonly retry = (): void => {
    this.setState({ failed: false });
  };

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <View className="page-frame page-frame-error error-boundary">
        <View className="page-frame-badge page-frame-badge-error">!</View>
        <Text className="page-frame-error-title">页面出错了</Text>
        <Text className="page-frame-error-detail">请重试；如果问题持续出现，请联系团组织管理员。</Text>
        <Button className="page-frame-retry error-boundary-retry" type="primary" size="small" onClick={this.retry}>
          重试
        </Button>
      </View>
    );
  }
}
