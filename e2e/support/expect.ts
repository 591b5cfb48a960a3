// Waits until a condition holds (the UIs are live: things arrive a moment later).
export async function expect(condition: () => Promise<boolean> | boolean, message = 'condition', timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await condition()) return;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${message}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}
