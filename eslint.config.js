// ESLint for the whole workspace (`pnpm lint`); the rules live in packages/eslint-config.
export { default } from '@dbi/eslint-config';
