/**
 * 首页: the campaign timeline (campaign.timeline): the five stages with their dates (past ones 已结束,
 * the current one 进行中), the current pledge round's theme and deadline, and the caller's 待办.
 * NOT_BOUND → a 去绑定 prompt (the stages still show, without dates); UNAUTHENTICATED in H5 → 去登录 card.
 * Stable ids/classes for e2e:
 *   #home-page, .home-hero, .home-title, #home-campaign-title
 *   .home-stage-list; .home-stage-item (one per stage, in order; id home-stage-<key>; plus
 *     .home-stage-done / .home-stage-current / .home-stage-upcoming), .home-stage-name, .home-stage-dates,
 *     .home-stage-status
 *   #home-current-stage                 the current stage's name (or 当前不在活动阶段内)
 *   #home-round / .home-round           current round: #home-round-theme, #home-round-deadline
 *   #home-todos / .home-todos; .home-todo (id home-todo-<key>), .home-todo-text, .home-todo-due,
 *     .home-todo-overdue (added to an overdue .home-todo; its badge reads 已逾期); #home-todos-empty
 *   #home-bind / .home-bind             not bound: prompt, #home-bind-button 去绑定
 *   #home-login, #home-login-button      H5 signed out: 去登录 (a landing page does not jump away)
 *   #home-models                        先进典型 · 评比表彰 (opens the 先进典型 feed)
 * Errors render through PageFrame.
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Timeline, Todo } from '@contract/campaign';
import { STAGES, STAGE_NAMES, type StageKey } from '@contract/models';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import RemindButton from '@/components/RemindButton';
import { Button } from '@/components/nut';
import { useCloud } from '@/hooks/useCloud';
import { useReloadOnShow } from '@/hooks/useReloadOnShow';
import { openPage, routes } from '@/routes';
import { call } from '@/services/cloud';
import { formatDay } from '@/utils/date';
import './index.scss';

const STAGE_SUMMARIES: Record<StageKey, string> = {
  mobilize: '校团委发布实施方案，各学院团总支召开动员会，部署到每个团支部和团小组。',
  pledge: '团组织公开“四好”承诺，团员集体签署“四带头”承诺，接受团员青年监督。',
  review: '召开阶段总结会，逐级点评工作成效、存在问题和努力方向。',
  evaluate: '上级团组织组织团员青年对下级团组织开展群众评议，结果在相应范围内公布。',
  commend: '逐级评比、逐级推荐，表彰五四红旗团组织和优秀共青团员。',
};

type StageState = 'done' | 'current' | 'upcoming';
const STATE_TEXT: Record<StageState, string> = { done: '已结束', current: '进行中', upcoming: '未开始' };

function stageState(timeline: Timeline | null, key: StageKey): StageState | null {
  if (!timeline) return null;
  if (timeline.currentStage === key) return 'current';
  const w = timeline.campaign.stages.find((s) => s.key === key);
  if (!w) return null;
  if (w.end < timeline.today) return 'done';
  return 'upcoming';
}

export function TodoList({ todos }: { todos: Todo[] }) {
  if (todos.length === 0) {
    return (
      <Text id="home-todos-empty" className="home-todos-empty">
        暂无待办，保持关注活动进展。
      </Text>
    );
  }
  return (
    <View>
      {todos.map((todo) => (
        <View
          key={todo.key}
          id={`home-todo-${todo.key}`}
          className={`home-todo${todo.overdue ? ' home-todo-overdue' : ''}${todo.page ? ' home-todo-link' : ''}`}
          onClick={() => {
            if (todo.page) openPage(todo.page);
          }}
        >
          <View className="home-todo-dot" />
          <View className="home-todo-main">
            <Text className="home-todo-text">{todo.text}</Text>
            {todo.due ? <Text className="home-todo-due">截止 {formatDay(todo.due)}</Text> : null}
          </View>
          {todo.overdue ? <Text className="home-todo-badge">已逾期</Text> : null}
          {todo.page ? <Text className="home-todo-arrow"> ›</Text> : null}
        </View>
      ))}
    </View>
  );
}

function StageList({ timeline }: { timeline: Timeline | null }) {
  return (
    <View className="card home-stage-list">
      {STAGES.map((key, index) => {
        const state = stageState(timeline, key);
        const w = timeline?.campaign.stages.find((s) => s.key === key);
        return (
          <View key={key} id={`home-stage-${key}`} className={`home-stage-item${state ? ` home-stage-${state}` : ''}`}>
            <View className="home-stage-rail">
              <View className="home-stage-index">{state === 'done' ? '✓' : index + 1}</View>
              {index < STAGES.length - 1 ? <View className="home-stage-line" /> : null}
            </View>
            <View className="home-stage-body">
              <View className="home-stage-head">
                <Text className="home-stage-name">{STAGE_NAMES[key]}</Text>
                {state ? <Text className="home-stage-status">{STATE_TEXT[state]}</Text> : null}
              </View>
              {w ? (
                <Text className="home-stage-dates">
                  {formatDay(w.start)} — {formatDay(w.end)}
                </Text>
              ) : null}
              <Text className="home-stage-summary">{STAGE_SUMMARIES[key]}</Text>
            </View>
          </View>
        );
      })}
    </View>
  );
}

function Home() {
  const { loading, data, error, reload } = useCloud(() => call('campaign', 'timeline', {}));
  useReloadOnShow(() => void reload());

  const notBound = error?.code === 'NOT_BOUND';
  // A landing page does not jump away: signed-out visitors (H5 local mode) get a 去登录 card instead.
  const signedOut = IS_H5 && error?.code === 'UNAUTHENTICATED';
  const blockingError = error && !notBound && error.code !== 'UNAUTHENTICATED' ? error : null;
  const current = data?.currentStage ?? null;

  return (
    <View id="home-page" className="home">
      <View className="home-hero">
        <Text className="home-eyebrow">共青团 · 主题实践活动</Text>
        <Text className="home-title">党团共建 · 创先争优</Text>
        {data ? (
          <Text id="home-campaign-title" className="home-subtitle">
            {data.campaign.title}
          </Text>
        ) : (
          <Text className="home-subtitle">公开承诺 · 践行承诺 · 群众评议 · 评比表彰</Text>
        )}
        {data ? (
          <View className="home-now">
            <Text className="home-now-label">当前阶段</Text>
            <Text id="home-current-stage" className="home-now-stage">
              {current ? STAGE_NAMES[current] : '当前不在活动阶段内'}
            </Text>
          </View>
        ) : null}
      </View>

      {notBound ? (
        <View id="home-bind" className="card home-bind">
          <Text className="home-bind-title">欢迎参加“党团共建、创先争优”活动</Text>
          <Text className="home-bind-hint">完成实名绑定后，可以查看本人待办、签署“四带头”承诺、参与群众评议。</Text>
          <Button
            id="home-bind-button"
            className="home-bind-button"
            type="primary"
            block
            onClick={() => void Taro.navigateTo({ url: routes.bind() })}
          >
            去绑定
          </Button>
        </View>
      ) : null}

      {signedOut ? (
        <View id="home-login" className="card home-bind">
          <Text className="home-bind-title">请先登录</Text>
          <Text className="home-bind-hint">本地模式下选择一个演示身份登录后，即可查看本人待办和承诺。</Text>
          <Button id="home-login-button" type="primary" block onClick={() => void Taro.navigateTo({ url: routes.localLogin() })}>
            去登录
          </Button>
        </View>
      ) : null}

      <PageFrame loading={loading && !data && !notBound && !signedOut} error={blockingError} onRetry={() => void reload()}>
        {data?.currentRound ? (
          <View id="home-round" className="card home-round">
            <Text className="home-round-label">本轮承诺主题</Text>
            <Text id="home-round-theme" className="home-round-theme">
              {data.currentRound.theme}
            </Text>
            <Text id="home-round-deadline" className="home-round-deadline">
              {formatDay(data.currentRound.start)} 起 · {formatDay(data.currentRound.deadline)} 截止
            </Text>
          </View>
        ) : null}

        {data ? (
          <View>
            <Text className="section-title">我的待办</Text>
            <View id="home-todos" className="card home-todos">
              <TodoList todos={data.todos} />
            </View>
            <View id="home-models" className="card home-entry" onClick={() => void Taro.navigateTo({ url: routes.stories() })}>
              <Text className="home-entry-title">先进典型 · 评比表彰</Text>
              <Text className="home-entry-hint">学习身边的榜样，查看表彰公示 ›</Text>
            </View>
          </View>
        ) : null}
      </PageFrame>

      <View className="home-stage-title">
        <Text className="section-title">活动阶段</Text>
        {data ? <RemindButton id="home-remind" kinds={['stageStart']} text="阶段开始提醒我" /> : null}
      </View>
      <StageList timeline={data} />
    </View>
  );
}

export default function HomePage() {
  return (
    <ErrorBoundary>
      <Home />
    </ErrorBoundary>
  );
}
