/** Whether only this machine reaches `host`: 127.0.0.0/8, `::1` or `localhost`. */
export function isLoopbackAddress(host: string): boolean {
  return /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(host);
}
