/**
 * The Host names the emulator answers to. A page on another site can point its own domain at
 * 127.0.0.1 (DNS rebinding) and then call the local API as same-origin, picking any identity with a
 * header; its requests carry that domain as Host, so anything but the loopback names is refused.
 */
export function allowedHosts(port: number, boundHost: string): Set<string> {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  // An address the emulator was explicitly bound to (HOST=192.168.1.5, for a phone on the LAN).
  if (!['0.0.0.0', '::', '127.0.0.1', 'localhost', '::1'].includes(boundHost)) {
    names.push(boundHost.includes(':') ? `[${boundHost}]` : boundHost);
  }
  const hosts = new Set(names.map((name) => `${name.toLowerCase()}:${port}`));
  // Browsers leave out the default port.
  if (port === 80) for (const name of names) hosts.add(name.toLowerCase());
  return hosts;
}

export function isAllowedHost(header: string | undefined, allowed: Set<string>): boolean {
  return typeof header === 'string' && allowed.has(header.trim().toLowerCase());
}
