// Work written as generators that yield between steps (a server runs them in slices between
// requests); tests, the CLI and callers that need the result at once run them to their end.

/** The generator's result, every step taken now. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
