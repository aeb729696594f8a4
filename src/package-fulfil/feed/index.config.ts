export default definePageConfig({
  navigationBarTitleText: '践诺动态',
});
