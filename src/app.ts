import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { registerPrivacyFlow } from './components/PrivacySheet/flow';
import './app.scss';

// The weapp reaches its CloudBase environment directly; the H5 build talks to the local emulator over HTTP.
if (!IS_H5) {
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true });
}
// WeChat's user-privacy flow, once for every page: each page that calls a privacy API mounts <PrivacySheet />.
registerPrivacyFlow();

function App({ children }: PropsWithChildren) {
  // children are the pages being rendered
  return children;
}

export default App;
