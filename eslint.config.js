import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'coverage', 'test-output', 'site'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Issue 13: one event contract. Producers and readers name event kinds by the constants of
    // src/domain/event-kinds.ts (re-exported by src/notify/events.ts), never by a copy of the string.
    files: ['src/**/*.ts'],
    ignores: ['src/domain/event-kinds.ts', 'src/**/*.test.ts', 'src/store/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'Literal[value=/^(advisory\\.published|alert\\.published|crisis\\.wave|trip\\.briefing|departure\\.message|peer\\.changed)$/]',
        message: 'Use the event kind constants of src/domain/event-kinds.ts (or src/notify/events.ts).',
      }],
    },
  },
);
