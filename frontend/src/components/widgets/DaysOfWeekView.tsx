import type { DaysOfWeekWidget, Weekday } from '@app/shared';
import { useComponentScope } from './context';
import { describedBy, FieldShell } from './FieldShell';
import { currentValue, fieldId, WEEKDAYS } from './values';

const NAMES: Record<Weekday, [short: string, long: string]> = {
  mon: ['Mon', 'Monday'], tue: ['Tue', 'Tuesday'], wed: ['Wed', 'Wednesday'], thu: ['Thu', 'Thursday'],
  fri: ['Fri', 'Friday'], sat: ['Sat', 'Saturday'], sun: ['Sun', 'Sunday'],
};

/** Seven toggle buttons (aria-pressed) in a labelled group; the value stays Monday-first. */
export function DaysOfWeekView({ w }: { w: DaysOfWeekWidget }) {
  const scope = useComponentScope();
  const id = fieldId(scope.componentId, w.name);
  const raw = currentValue(w, scope.draft);
  const selected = Array.isArray(raw) ? raw : [];
  const toggle = (day: Weekday) => {
    const next = selected.includes(day) ? selected.filter((d) => d !== day) : [...selected, day];
    scope.setValue(w.name, WEEKDAYS.filter((d) => next.includes(d)));
  };
  return (
    <FieldShell field={w} id={id} group>
      <div
        className="days"
        role="group"
        id={id}
        aria-labelledby={`${id}-label`}
        aria-describedby={describedBy(w, id)}
        aria-invalid={w.error ? true : undefined}
      >
        {WEEKDAYS.map((day) => (
          <button
            key={day}
            type="button"
            className="days__day"
            aria-pressed={selected.includes(day)}
            aria-label={NAMES[day][1]}
            onClick={() => toggle(day)}
          >
            {NAMES[day][0]}
          </button>
        ))}
      </div>
    </FieldShell>
  );
}
