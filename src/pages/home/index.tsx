/**
 * 首页: the campaign at a glance and its five stages.
 * Stable ids/classes for e2e: #home-page, .home-hero, .home-title, .home-stage-list,
 * .home-stage-item (one per stage, in order; each also has id home-stage-<key>), .home-stage-name.
 */
import { Text, View } from '@tarojs/components';
import { STAGES, STAGE_NAMES, type StageKey } from '../../../types/models';
import ErrorBoundary from '../../components/ErrorBoundary';
import './index.scss';

const STAGE_SUMMARIES: Record<StageKey, string> = {
  mobilize: '校团委发布实施方案，各学院团总支召开动员会，部署到每个团支部和团小组。',
  pledge: '团组织公开“四好”承诺，团员集体签署“四带头”承诺，接受团员青年监督。',
  review: '召开阶段总结会，逐级点评工作成效、存在问题和努力方向。',
  evaluate: '上级团组织组织团员青年对下级团组织开展群众评议，结果在相应范围内公布。',
  commend: '逐级评比、逐级推荐，表彰五四红旗团组织和优秀共青团员。',
};

function Home() {
  return (
    <View id='home-page' className='home'>
      <View className='home-hero'>
        <Text className='home-eyebrow'>共青团 · 主题实践活动</Text>
        <Text className='home-title'>党团共建 · 创先争优</Text>
        <Text className='home-subtitle'>公开承诺 · 践行承诺 · 群众评议 · 评比表彰</Text>
      </View>

      <Text className='section-title'>活动阶段</Text>
      <View className='card home-stage-list'>
        {STAGES.map((key, index) => (
          <View key={key} id={`home-stage-${key}`} className='home-stage-item'>
            <View className='home-stage-rail'>
              <View className='home-stage-index'>{index + 1}</View>
              {index < STAGES.length - 1 ? <View className='home-stage-line' /> : null}
            </View>
            <View className='home-stage-body'>
              <Text className='home-stage-name'>{STAGE_NAMES[key]}</Text>
              <Text className='home-stage-summary'>{STAGE_SUMMARIES[key]}</Text>
            </View>
          </View>
        ))}
      </View>
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
