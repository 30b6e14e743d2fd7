/**
 * The wire protocol shared by backend and frontend: every event name, payload type and
 * zod schema, declared once. Extend, never rename: external checks rely on these names.
 */
export * from './errors';
export * from './alarms';
export * from './intents';
export * from './components';
export * from './events';
export * from './client';
export * from './socket-events';
export * from './operator';
