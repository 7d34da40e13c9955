// The call domain: timeline events, the scripted-caller engine and the phrases it understands.
export * from './events';
export * from './engine';
export * from './anger';
export * from './score-sections';
export * from './crm-record';
export { BUILTIN_INTENT_NAMES, type BuiltinIntent } from './phrases';
