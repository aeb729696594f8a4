export default definePageConfig({
  navigationBarTitleText: '花名册',
  onReachBottomDistance: 80,
});
