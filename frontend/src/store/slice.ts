import type { StateCreator } from 'zustand';
import type { AppState } from './types';

/** A slice sees (and may update) the whole store: cross-slice rules live in effects.ts. */
export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
