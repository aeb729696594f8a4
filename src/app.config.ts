export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/pledge/index',
    'pages/evaluate/index',
    'pages/mine/index',
    'pages/local-login/index',
    'pages/bind/index',
  ],
  subPackages: [
    {
      root: 'package-admin',
      pages: ['org/index', 'members/index', 'import/index', 'staff/index', 'leaders/index', 'campaign/index', 'mobilize/index'],
    },
    {
      // SIGN_PAGE (types/pledge.ts) is package-pledge/sign/index: the page a signing 小程序码 opens.
      root: 'package-pledge',
      pages: ['sign/index', 'session/index', 'sheet/index'],
    },
    {
      // 践诺 · 评诺: activities with photos, the feed, check-ins, reviews and the 承诺–践诺 report.
      root: 'package-fulfil',
      pages: ['feed/index', 'post/index', 'checkin/index', 'report/index', 'org-report/index', 'compiled/index', 'attend/index'],
    },
    {
      // Reminders: 消息提醒 (credits per template) and 提醒送达 (who a reminder missed, for admins and secretaries).
      root: 'package-notify',
      pages: ['reminders/index', 'unreachable/index'],
    },
    {
      // Supervision (督促检查): 我的联系点 for members of the leading group.
      root: 'package-supervise',
      pages: ['contacts/index', 'inspect/index', 'draw/index', 'verify/index', 'rectify/index'],
    },
    {
      // 群众评议: the organiser's form, the secret ballot and its receipt, turnout, results.
      root: 'package-evaluate',
      pages: ['edit/index', 'ballot/index', 'turnout/index', 'results/index', 'receipt/index'],
    },
    {
      // H5 local mode only: the emulator's subscription-message inbox (本地消息) and its clock (本地工具).
      root: 'package-local',
      pages: ['inbox/index', 'tools/index'],
    },
    {
      // 进度看板: progress of the caller's scope rolled up the tree, and list exports (issue 14).
      root: 'package-dashboard',
      pages: ['progress/index'],
    },
    {
      // 评比表彰 (nominations, 公示, certificates and their public verification page) and 先进典型 stories.
      root: 'package-commend',
      pages: [
        'index/index',
        'open/index',
        'nominations/index',
        'notice/index',
        'certificate/index',
        'verify/index',
        'stories/index',
        'story-post/index',
      ],
    },
  ],
  // Inject a component's code only where a page uses it (faster start); the sitemap lets WeChat search index every page.
  lazyCodeLoading: 'requiredComponents',
  sitemapLocation: 'sitemap.json',
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f6f8',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '党团共建·创先争优',
    navigationBarTextStyle: 'white',
    // WeChat's default bar; in H5 this also turns on Taro's own bar: every page's title, and a back
    // button (or 首页 on a page opened directly), on a phone and in a desktop browser alike.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#86909c',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/pledge/index', text: '承诺', iconPath: 'assets/tab/pledge.png', selectedIconPath: 'assets/tab/pledge-active.png' },
      {
        pagePath: 'pages/evaluate/index',
        text: '评议',
        iconPath: 'assets/tab/evaluate.png',
        selectedIconPath: 'assets/tab/evaluate-active.png',
      },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
});
