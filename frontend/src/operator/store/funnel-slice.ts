import type { OperatorSliceCreator } from './slice';
import type { FunnelPreset, FunnelSlice } from './types';

const HOUR = 3600_000;

/** The range a preset stands for, ending now. */
export function presetRange(preset: Exclude<FunnelPreset, 'custom'>, now = Date.now()): { from: string; to: string } {
  const span = preset === '24h' ? 24 * HOUR : 7 * 24 * HOUR;
  return { from: new Date(now - span).toISOString(), to: new Date(now).toISOString() };
}

export const createFunnelSlice: OperatorSliceCreator<FunnelSlice> = (set) => ({
  funnel: { preset: '24h', ...presetRange('24h'), data: null, loading: false, error: null },
  setFunnel: (patch) => set((s) => ({ funnel: { ...s.funnel, ...patch } })),
});
