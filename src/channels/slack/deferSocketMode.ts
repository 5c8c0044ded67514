// Bolt's App requires @slack/socket-mode when it loads, even for an HTTP app, and socket-mode loads
// undici: ≈ 4.6 MB of heap on every replica that never opens a socket. In HTTP mode that require returns
// a stand-in that loads the real module the first time anything reads from it (only
// SocketModeReceiver's constructor does). This file imports nothing from Bolt: it must run before Bolt loads.
import { createRequire } from 'node:module';

type Load = (this: unknown, request: string, parent: unknown, isMain: boolean) => unknown;
interface CommonJsLoader {
  _load: Load;
}

const SOCKET_MODE = '@slack/socket-mode';
let deferred = false;

/** Call before the first import of `@slack/bolt`; harmless if Bolt is already loaded (then it does nothing). */
export function deferSocketModeLoad(): void {
  if (deferred) return;
  deferred = true;
  const loader = createRequire(import.meta.url)('node:module') as CommonJsLoader;
  const load = loader._load;
  loader._load = function (this: unknown, request, parent, isMain) {
    if (request !== SOCKET_MODE) return load.call(this, request, parent, isMain);
    let real: object | undefined;
    const target = (): object => (real ??= load.call(this, request, parent, isMain) as object);
    return new Proxy(
      {},
      {
        get: (_stub, key) => Reflect.get(target(), key),
        has: (_stub, key) => Reflect.has(target(), key),
        ownKeys: () => Reflect.ownKeys(target()),
        // Reported as configurable: a proxy may not claim a non-configurable property its stub lacks.
        getOwnPropertyDescriptor: (_stub, key) => {
          const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
          return descriptor ? { ...descriptor, configurable: true } : undefined;
        },
      },
    );
  };
}
