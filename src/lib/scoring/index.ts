// Pure scoring of a mock call; see docs/call-engine.md.
export { scoreCall, sectionWeights, totalWithOverrides, weightedTotal, type ScoreOptions } from './score-call';
export * from './types';
export { DEFAULT_TIPS } from './tips';
