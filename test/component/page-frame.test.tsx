import { fireEvent, render, screen } from '@testing-library/react';
import ErrorBoundary from '../../src/components/ErrorBoundary';
import PageFrame from '../../src/components/PageFrame';
import { CloudError } from '../../src/services/cloud';
import { switchTab } from './taro-shim';

test('loading state', () => {
  const { container } = render(<PageFrame loading>内容</PageFrame>);
  expect(container.querySelector('.page-frame-loading')).not.toBeNull();
  expect(screen.getByText('加载中…')).toBeTruthy();
  expect(screen.queryByText('内容')).toBeNull();
});

test('a fault shows the Chinese message of the code, the server detail, the request id, and retries', () => {
  const onRetry = jest.fn();
  const error = new CloudError('INTERNAL', '数据库暂时不可用', { requestId: 'req-7' });
  const { container } = render(
    <PageFrame error={error} onRetry={onRetry}>
      内容
    </PageFrame>,
  );
  expect(container.querySelector('.page-frame-error-title')?.textContent).toBe('服务器开小差了，请稍后再试');
  expect(container.querySelector('.page-frame-error-detail')?.textContent).toBe('数据库暂时不可用');
  expect(screen.getByText('请求编号 req-7')).toBeTruthy();
  expect(screen.queryByText('内容')).toBeNull();
  fireEvent.click(screen.getByText('重试'));
  expect(onRetry).toHaveBeenCalledTimes(1);
});

test('a refusal offers its way on instead of 重试 and shows no request id', () => {
  const forbidden = render(<PageFrame error={new CloudError('FORBIDDEN', '', { requestId: 'req-8' })} onRetry={() => undefined} />);
  expect(forbidden.container.querySelector('.page-frame-error-detail')?.textContent).toBe('此页面只对相关团组织的负责人开放。');
  expect(screen.queryByText('请求编号 req-8')).toBeNull();
  expect(screen.queryByText('重试')).toBeNull();
  fireEvent.click(screen.getByText('返回首页'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  forbidden.unmount();

  render(<PageFrame error={new CloudError('NOT_BOUND')} onRetry={() => undefined} />);
  expect(screen.getByText('绑定学号和姓名后即可查看。')).toBeTruthy();
  expect(screen.getByText('去绑定')).toBeTruthy();
  expect(screen.getByText('重试')).toBeTruthy(); // binding elsewhere changes the answer
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
