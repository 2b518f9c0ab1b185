/**
 * Whether a helper thread claims a task of a small batch before this thread has claimed them
 * all is a race: on a loaded machine the helper can sleep through a whole batch of
 * millisecond tasks (CI once saw "helpers ran 0 of the tasks"). So a test that must see a
 * helper at work repeats its attempt, each one making its own assertions on the result, until
 * a helper has run a task of it, at most `max` times, then asserts that one did.
 */
export function untilHelped(
  t: { ok(value: unknown, message: string): unknown },
  runner: { readonly helperTasks: number },
  label: string,
  attempt: () => void,
  max = 20,
): void {
  const before = runner.helperTasks;
  let attempts = 0;
  while (attempts < max && runner.helperTasks === before) {
    attempt();
    attempts++;
  }
  t.ok(runner.helperTasks > before, `${label}: helpers ran ${runner.helperTasks - before} tasks in ${attempts} attempt(s)`);
}
