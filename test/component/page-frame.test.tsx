import { fireEvent, render, screen } from '@testing-library/react';
import ErrorBoundary from '../../src/components/ErrorBoundary';
import PageFrame from '../../src/components/PageFrame';
import { CloudError } from '../../src/services/cloud';

test('loading state', () => {
  const { container } = render(<PageFrame loading>内容</PageFrame>);
  expect(container.querySelector('.page-frame-loading')).not.toBeNull();
  expect(screen.getByText('加载中…')).toBeTruthy();
  expect(screen.queryByText('内容')).toBeNull();
});

test('error state shows the Chinese message of the code, the server detail, and retries', () => {
  const onRetry = jest.fn();
  const error = new CloudError('FORBIDDEN', '只有团支部书记可以查看', { requestId: 'req-7' });
  const { container } = render(
    <PageFrame error={error} onRetry={onRetry}>
      内容
    </PageFrame>,
  );
  expect(container.querySelector('.page-frame-error-title')?.textContent).toBe('没有权限进行此操作');
  expect(container.querySelector('.page-frame-error-detail')?.textContent).toBe('只有团支部书记可以查看');
  expect(screen.getByText('请求编号 req-7')).toBeTruthy();
  expect(screen.queryByText('内容')).toBeNull();
  fireEvent.click(screen.getByText('重试'));
  expect(onRetry).toHaveBeenCalledTimes(1);
});

test('error state without a server detail shows only the code message', () => {
  const { container } = render(<PageFrame error={new CloudError('NETWORK')} onRetry={() => undefined} />);
  expect(container.querySelector('.page-frame-error-title')?.textContent).toBe('网络异常，请检查网络后重试');
  expect(container.querySelector('.page-frame-error-detail')).toBeNull();
});

test('empty state with title and hint', () => {
  const { container } = render(<PageFrame empty emptyTitle="暂无承诺" emptyHint="稍后再来看看" />);
  expect(container.querySelector('.page-frame-empty-title')?.textContent).toBe('暂无承诺');
  expect(container.querySelector('.page-frame-empty-hint')?.textContent).toBe('稍后再来看看');
});

test('content state renders children', () => {
  render(<PageFrame>正文内容</PageFrame>);
  expect(screen.getByText('正文内容')).toBeTruthy();
});

test('ErrorBoundary catches a render error and recovers on 重试', () => {
  let broken = true;
  function Fragile() {
    if (broken) throw new Error('boom');
    return <span>恢复正常</span>;
  }
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    render(
      <ErrorBoundary>
        <Fragile />
      </ErrorBoundary>,
    );
    expect(screen.getByText('页面出错了')).toBeTruthy();
    broken = false;
    fireEvent.click(screen.getByText('重试'));
    expect(screen.getByText('恢复正常')).toBeTruthy();
  } finally {
    spy.mockRestore();
  }
});
