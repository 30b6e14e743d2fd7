import type { ToolIntentName } from '@app/shared';
import { createAlarmTool } from './create-alarm.tool';
import { deleteAlarmTool } from './delete-alarm.tool';
import { listAlarmsTool } from './list-alarms.tool';
import { snoozeAlarmTool } from './snooze-alarm.tool';
import type { Tool } from './tool.types';
import { updateAlarmTool } from './update-alarm.tool';

/** Every tool, by the intent it serves. */
export const TOOLS: Record<ToolIntentName, Tool> = {
  create_alarm: createAlarmTool,
  list_alarms: listAlarmsTool,
  delete_alarm: deleteAlarmTool,
  update_alarm: updateAlarmTool,
  snooze_alarm: snoozeAlarmTool,
};
