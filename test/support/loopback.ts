// Keeps a server that insists on every interface (fauxqs listens on 0.0.0.0) on 127.0.0.1: while `start` runs,
// any listen() asking for a host gets 127.0.0.1 instead.

import { Server } from 'node:net';

export async function onLoopback<T>(start: () => Promise<T>): Promise<T> {
  const listen = Server.prototype.listen;
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    const [options] = args;
    if (options && typeof options === 'object' && 'host' in options) args[0] = { ...options, host: '127.0.0.1' };
    return Reflect.apply(listen, this, args) as Server;
  } as typeof listen;
  try {
    return await start();
  } finally {
    Server.prototype.listen = listen;
  }
}
