// Stands in for `server-only` outside Next.js (tests, scripts): those contexts are server-side already.
export {};
