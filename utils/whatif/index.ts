/** "What if we had pulled?": a deterministic replay of a desk's history under push and under pull. */
export * from './desk';
export * from './history';
export * from './replay';
