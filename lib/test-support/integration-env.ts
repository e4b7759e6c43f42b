// Runs in every integration test worker before its tests: points lib/ at the run's database and bucket.
import { inject } from 'vitest';

Object.assign(process.env, inject('integrationEnv'));
