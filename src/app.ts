import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import './app.scss';

// The weapp reaches its CloudBase environment directly; the H5 build talks to the local emulator over HTTP.
if (!IS_H5) {
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true });
}

function App({ children }: PropsWithChildren) {
  // children are the pages being rendered
  return children;
}

export default App;
