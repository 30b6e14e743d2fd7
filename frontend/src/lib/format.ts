import type { IntentName, IntentState } from '@app/shared';

/** "120 ms" under a second, "0.4 s" style above: thinking steps are usually sub-second. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return formatSeconds(ms);
}

/** "0.4 s", "12 s": one decimal while it still means something; never "0.0 s". */
export function formatSeconds(ms: number): string {
  const s = Math.max(ms, 100) / 1000;
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}

const INTENT_TITLES: Record<IntentName, string> = {
  create_alarm: 'New alarm',
  list_alarms: 'List alarms',
  delete_alarm: 'Delete alarm',
  update_alarm: 'Change alarm',
  snooze_alarm: 'Snooze alarm',
  cancel: 'Cancel',
  resume: 'Resume',
  none: 'Chat',
};

/** What a draft of each intent is called in "… draft kept" lines. */
const INTENT_DRAFTS: Partial<Record<IntentName, string>> = {
  create_alarm: 'Alarm draft',
  update_alarm: 'Alarm change',
  delete_alarm: 'Alarm deletion',
  snooze_alarm: 'Snooze',
  list_alarms: 'Alarm list',
};

export function intentTitle(name: IntentName | string): string {
  return INTENT_TITLES[name as IntentName] ?? name.replace(/_/g, ' ');
}

export function intentDraft(name: IntentName | string): string {
  return INTENT_DRAFTS[name as IntentName] ?? intentTitle(name);
}

export const STATE_LABELS: Record<IntentState, string> = {
  active: 'In progress',
  completed: 'Done',
  cancelled: 'Cancelled',
  abandoned: 'Paused',
};

/** Parameter names as a person reads them ("time", "repeat days"). */
export function paramLabel(name: string): string {
  const labels: Record<string, string> = { repeat: 'repeat days', targetTime: 'which alarm', targetLabel: 'which alarm', alarmId: 'which alarm' };
  return labels[name] ?? name.replace(/([A-Z])/g, ' $1').toLowerCase();
}
