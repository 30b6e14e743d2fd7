import type { StateCreator } from 'zustand';
import type { OperatorState } from './types';

export type OperatorSliceCreator<T> = StateCreator<OperatorState, [], [], T>;
