export default definePageConfig({
  navigationBarTitleText: '践诺打卡',
});
