// The suite runs on a shared two-core CI machine where a screen may take seconds to show what a
// fetch brought; testing-library's default one-second wait failed tests there that pass at rest.
// Only the DOM tests load testing-library: the server tests need none of it.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 10_000 });
}

export {};
