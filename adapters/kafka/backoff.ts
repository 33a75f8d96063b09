/**
 * Runs `run` until it succeeds, waiting 10, 20, 40 … ms (at most 500) between tries for as long as
 * `again(error, tries)` says the failure is worth another try. For broker states that offer no
 * event to await (a topic getting its leader, a transaction coordinator finishing markers).
 */
export async function withBackoff<T>(run: () => Promise<T>, again: (error: unknown, tries: number) => boolean): Promise<T> {
  for (let tries = 1, wait = 10; ; tries++, wait = Math.min(wait * 2, 500)) {
    try {
      return await run();
    } catch (error) {
      if (!again(error, tries)) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
