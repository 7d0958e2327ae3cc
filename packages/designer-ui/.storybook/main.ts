// Storybook for the designer's components. Sibling packages (@dbi/schema, @dbi/engine) are read from their
// sources through the @dbi/source export condition, so stories need no build of them first.
import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../src/**/*.stories.tsx'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  // Docgen parses every component with TypeScript; the stories do not need it and the build is faster without.
  typescript: { reactDocgen: false },
  async viteFinal(config) {
    config.resolve ??= {};
    config.resolve.conditions = ['@dbi/source', 'module', 'browser', 'development|production'];
    // React, React Flow and the indices make one large preview chunk; that is expected for a component catalogue.
    config.build = { ...config.build, chunkSizeWarningLimit: 2500 };
    return config;
  },
};

export default config;
