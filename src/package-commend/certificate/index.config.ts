export default definePageConfig({ navigationBarTitleText: '荣誉证书' });
