export default definePageConfig({
  navigationBarTitleText: '党团共建·创先争优',
});
