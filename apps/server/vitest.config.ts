import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// @fastify/autoload imports route and plugin files with import(); inlined, those imports go through Vitest's own
// loader and can read .ts (Node 20 cannot).
export default mergeConfig(shared, defineConfig({ test: { server: { deps: { inline: ['@fastify/autoload'] } } } }));
