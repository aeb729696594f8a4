export default definePageConfig({
  navigationBarTitleText: '领导小组',
});
