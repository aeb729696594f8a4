export default definePageConfig({
  navigationBarTitleText: '动员部署',
});
