// Types of scripts/gen-registry.mjs for vite.config.ts and the tests that import it.
import type { Plugin } from 'vite';

export const OUTPUTS: { nodes: string; layers: string };
export class RegistryError extends Error {}
export function renderRegistry(root: string): Promise<Record<string, string>>;
export function writeRegistry(root: string): Promise<string[]>;
export function staleRegistry(root: string): Promise<string[]>;
export function registryPlugin(): Plugin;
