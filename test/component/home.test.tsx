/** 首页 against a real HTTP server: the timeline's stages, current round, todos (overdue in red), NOT_BOUND. */
import { fireEvent, render, waitFor } from '@testing-library/react';
import HomePage from '../../src/pages/home';
import type { Timeline } from '../../types/campaign';
import { apiServerPerTest, byId, failure, success } from './helpers';
import { navigateTo } from './taro-shim';

const server = apiServerPerTest();

const timeline: Timeline = {
  campaign: {
    id: 'campaign-demo',
    title: '“党团共建、创先争优”活动',
    phases: [],
    stages: [
      { key: 'mobilize', start: '2026-11-04', end: '2026-11-13' },
      { key: 'pledge', start: '2026-11-14', end: '2026-11-28' },
      { key: 'review', start: '2026-11-29', end: '2026-12-24' },
      { key: 'evaluate', start: '2026-12-25', end: '2027-01-08' },
      { key: 'commend', start: '2027-01-09', end: '2027-01-23' },
    ],
    rounds: [{ key: 'round-1', theme: '牢记宗旨为民服务、庆祝建党90周年', start: '2026-11-14', deadline: '2026-11-28' }],
    rules: { member: { itemsPerLead: 1, minLength: 4 }, cadre: { itemsPerLead: 2, minLength: 10 } },
  },
  today: '2026-11-24',
  currentStage: 'pledge',
  currentRound: { key: 'round-1', theme: '牢记宗旨为民服务、庆祝建党90周年', start: '2026-11-14', deadline: '2026-11-28' },
  todos: [
    { key: 'org-pledge', text: '提交计科2301班团支部的“四好”承诺', due: '2026-11-20', overdue: true, page: 'pages/pledge/index' },
    {
      key: 'sign',
      text: '组织团员签署“四带头”承诺',
      due: '2026-11-28',
      overdue: false,
      page: 'package-pledge/session/index?branchId=org-cs-1&roundKey=round-1',
    },
    { key: 'note', text: '关注动员部署安排', due: null, overdue: false, page: null },
  ],
};

test('stages with dates, the current one highlighted; todos with overdue marked 已逾期', async () => {
  server.handle('/api/functions/campaign', success(timeline));
  render(<HomePage />);
  await waitFor(() => expect(byId('home-current-stage')?.textContent).toBe('公开承诺'));
  expect(server.received[0].body).toEqual({ action: 'timeline', payload: {} });
  expect(Array.from(document.querySelectorAll('.home-stage-name')).map((e) => e.textContent)).toEqual([
    '动员部署',
    '公开承诺',
    '点评总结',
    '群众评议',
    '评比表彰',
  ]);
  expect(byId('home-stage-pledge')?.className).toContain('home-stage-current');
  expect(byId('home-stage-mobilize')?.className).toContain('home-stage-done');
  expect(byId('home-stage-review')?.className).toContain('home-stage-upcoming');
  expect(byId('home-round-theme')?.textContent).toBe('牢记宗旨为民服务、庆祝建党90周年');

  const todos = document.querySelectorAll('.home-todo');
  expect(todos).toHaveLength(3);
  const overdue = document.querySelectorAll('.home-todo-overdue');
  expect(overdue).toHaveLength(1);
  expect(overdue[0].id).toBe('home-todo-org-pledge');
  expect(overdue[0].textContent).toContain('已逾期');
  expect(byId('home-todo-sign')?.textContent).not.toContain('已逾期');

  fireEvent.click(byId('home-todo-sign') as HTMLElement);
  expect(navigateTo).toHaveBeenCalledWith({ url: '/package-pledge/session/index?branchId=org-cs-1&roundKey=round-1' });
  navigateTo.mockClear();
  fireEvent.click(byId('home-todo-note') as HTMLElement);
  expect(navigateTo).not.toHaveBeenCalled();
});

test('no todos: a calm empty line', async () => {
  server.handle('/api/functions/campaign', success({ ...timeline, todos: [] }));
  render(<HomePage />);
  await waitFor(() => expect(byId('home-todos-empty')).not.toBeNull());
});

test('NOT_BOUND shows a 去绑定 prompt and still the five stages', async () => {
  server.handle('/api/functions/campaign', failure('NOT_BOUND', ''));
  render(<HomePage />);
  await waitFor(() => expect(byId('home-bind')).not.toBeNull());
  expect(document.querySelectorAll('.home-stage-item')).toHaveLength(5);
  fireEvent.click(byId('home-bind-button') as HTMLElement);
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/bind/index' });
});
