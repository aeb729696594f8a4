export default definePageConfig({ navigationBarTitleText: '发起表彰' });
