export default definePageConfig({ navigationBarTitleText: '推荐与审核' });
