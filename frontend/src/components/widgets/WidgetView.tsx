import type { Widget } from '@app/shared';
import { CardView, ColView, FormView, RowView } from './containers';
import { BadgeView, DividerView, TextView, TitleView } from './display';
import { ButtonView } from './ButtonView';
import { CheckboxView, DateInputView, SelectView, TextInputView, TimeInputView } from './fields';
import { DaysOfWeekView } from './DaysOfWeekView';

/** Renders one widget of a component spec. Unknown types render nothing rather than crash. */
export function WidgetView({ w }: { w: Widget }) {
  switch (w.type) {
    case 'Card': return <CardView w={w} />;
    case 'Row': return <RowView w={w} />;
    case 'Col': return <ColView w={w} />;
    case 'Form': return <FormView w={w} />;
    case 'Title': return <TitleView w={w} />;
    case 'Text': return <TextView w={w} />;
    case 'Badge': return <BadgeView w={w} />;
    case 'Divider': return <DividerView />;
    case 'Button': return <ButtonView w={w} />;
    case 'TextInput': return <TextInputView w={w} />;
    case 'TimeInput': return <TimeInputView w={w} />;
    case 'DateInput': return <DateInputView w={w} />;
    case 'DaysOfWeek': return <DaysOfWeekView w={w} />;
    case 'Checkbox': return <CheckboxView w={w} />;
    case 'Select': return <SelectView w={w} />;
    default: return null;
  }
}

/** Specs are fixed per version, so the position plus type and name make a stable key. */
export function WidgetList({ items }: { items: Widget[] }) {
  return <>{items.map((w, i) => <WidgetView key={`${i}:${w.type}:${'name' in w ? w.name : ''}`} w={w} />)}</>;
}
