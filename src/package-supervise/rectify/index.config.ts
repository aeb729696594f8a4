export default definePageConfig({
  navigationBarTitleText: '限期整改',
});
