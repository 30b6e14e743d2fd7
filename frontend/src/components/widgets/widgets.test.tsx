import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Widget } from '@app/shared';
import { ComponentBlock } from './ComponentBlock';
import { renderApp } from '../../test/render';
import { alarmForm, component } from '../../test/fixtures';

const renderSpec = (spec: Widget, extra = {}) => renderApp(<ComponentBlock event={component(1, spec, extra)} />);

describe('form widgets', () => {
  it('submits the form values by field name, merged with the button payload', async () => {
    const user = userEvent.setup();
    const { commands } = renderSpec(alarmForm());
    await user.type(screen.getByLabelText(/^Time/), '06:30');
    await user.click(screen.getByRole('button', { name: 'Monday' }));
    await user.click(screen.getByRole('button', { name: 'Friday' }));
    await user.type(screen.getByLabelText('Label'), '  Gym ');
    await user.click(screen.getByRole('button', { name: 'Create alarm' }));
    expect(commands.sendAction).toHaveBeenCalledTimes(1);
    expect(commands.sendAction).toHaveBeenCalledWith('form-1', 'submit', {
      time: '06:30', date: '2026-01-02', repeat: ['mon', 'fri'], label: 'Gym', intentId: 'intent-1',
    });
  });

  it('sends empty fields as null and keeps days Monday-first', async () => {
    const user = userEvent.setup();
    const { commands } = renderSpec(alarmForm());
    await user.click(screen.getByRole('button', { name: 'Sunday' }));
    await user.click(screen.getByRole('button', { name: 'Tuesday' }));
    await user.clear(screen.getByLabelText('Date'));
    await user.click(screen.getByRole('button', { name: 'Create alarm' }));
    expect(commands.sendAction).toHaveBeenCalledWith('form-1', 'submit', {
      time: null, date: null, repeat: ['tue', 'sun'], label: null, intentId: 'intent-1',
    });
  });

  it('submits with Enter from a field (keyboard only)', async () => {
    const user = userEvent.setup();
    const { commands } = renderSpec(alarmForm());
    await user.tab(); // focus lands in the first field
    expect(screen.getByLabelText(/^Time/)).toHaveFocus();
    await user.keyboard('0715');
    await user.click(screen.getByLabelText('Label'));
    await user.keyboard('Work{Enter}');
    expect(commands.sendAction).toHaveBeenCalledTimes(1);
    expect(commands.sendAction).toHaveBeenCalledWith('form-1', 'submit', expect.objectContaining({ time: '07:15', label: 'Work' }));
  });

  it('toggles days with aria-pressed, seven of them, Monday to Sunday', async () => {
    const user = userEvent.setup();
    renderSpec(alarmForm());
    const group = screen.getByRole('group', { name: 'Repeat' });
    const days = within(group).getAllByRole('button');
    expect(days.map((d) => d.textContent)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(days[2]).toHaveAttribute('aria-pressed', 'false');
    await user.click(days[2]);
    expect(days[2]).toHaveAttribute('aria-pressed', 'true');
  });

  it('a non-submit button sends only its payload', async () => {
    const user = userEvent.setup();
    const { commands } = renderSpec(alarmForm());
    await user.type(screen.getByLabelText(/^Time/), '06:30');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(commands.sendAction).toHaveBeenCalledWith('form-1', 'cancel', { intentId: 'intent-1' });
  });

  it('shows label, required, missing and error, and ARIA follows', () => {
    renderSpec(alarmForm({ timeMissing: true, timeError: 'Use a time like 07:30.' }));
    const time = screen.getByLabelText(/^Time/);
    expect(time).toHaveAttribute('type', 'time');
    expect(time).toHaveAttribute('aria-required', 'true');
    expect(time).toHaveAttribute('aria-invalid', 'true');
    expect(time).toHaveAccessibleDescription('Use a time like 07:30.');
    expect(screen.getByLabelText('Date')).toHaveAttribute('type', 'date');
    expect(screen.getByLabelText('Date')).toHaveValue('2026-01-02');
  });

  it('marks a missing field in words', () => {
    renderSpec(alarmForm({ timeMissing: true }));
    expect(screen.getByLabelText(/^Time/)).toHaveAccessibleDescription('Needed');
  });

  it('Select and Checkbox: values, and a Checkbox with an action sends { ...payload, [name]: checked }', async () => {
    const user = userEvent.setup();
    const { commands } = renderSpec({
      type: 'Card',
      title: 'Alarms',
      children: [
        { type: 'Checkbox', name: 'enabled', label: 'Enabled', required: false, missing: false, value: true, action: 'toggle_alarm', payload: { alarmId: 'a1' } },
        {
          type: 'Form', children: [
            { type: 'Select', name: 'minutes', label: 'Snooze for', required: true, missing: false, value: null, options: [{ value: '5', label: '5 minutes' }, { value: '10', label: '10 minutes' }] },
            { type: 'Checkbox', name: 'confirmed', label: 'I am sure', required: false, missing: false, value: null },
            { type: 'Button', label: 'Snooze', action: 'snooze', submit: true },
          ],
        },
      ],
    });
    await user.click(screen.getByLabelText('Enabled'));
    expect(commands.sendAction).toHaveBeenLastCalledWith('form-1', 'toggle_alarm', { alarmId: 'a1', enabled: false });
    expect(screen.getByLabelText('Enabled')).not.toBeChecked();
    await user.selectOptions(screen.getByLabelText(/Snooze for/), '10');
    await user.click(screen.getByLabelText('I am sure'));
    await user.click(screen.getByRole('button', { name: 'Snooze' }));
    expect(commands.sendAction).toHaveBeenLastCalledWith('form-1', 'snooze', { minutes: '10', confirmed: true });
  });

  it('renders the display widgets', () => {
    renderSpec({
      type: 'Card', title: 'Your alarms', children: [
        { type: 'Row', children: [{ type: 'Title', text: '06:30', level: 2 }, { type: 'Badge', text: 'On', tone: 'success' }] },
        { type: 'Divider' },
        { type: 'Col', children: [{ type: 'Text', text: 'Every weekday', tone: 'muted' }] },
      ],
    });
    expect(screen.getByRole('region', { name: 'Your alarms' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '06:30' }).tagName).toBe('H4');
    expect(screen.getByText('On')).toHaveClass('badge--success');
    expect(screen.getByRole('separator')).toBeInTheDocument();
    expect(screen.getByText('Every weekday')).toHaveClass('tone--muted');
  });

  it('a closed component is disabled and sends nothing', async () => {
    const user = userEvent.setup();
    const { commands } = renderSpec(alarmForm(), { closed: true });
    expect(screen.getByLabelText(/^Time/)).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Create alarm' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Create alarm' }));
    expect(commands.sendAction).not.toHaveBeenCalled();
    expect(screen.getByText('This form is closed.')).toBeInTheDocument();
  });

  it('focuses the first missing field when the event stream asks for it', () => {
    const { store } = renderSpec({
      type: 'Form', children: [
        { type: 'DateInput', name: 'date', label: 'Date', required: false, missing: false, value: null },
        { type: 'TimeInput', name: 'time', label: 'Time', required: true, missing: true, value: null },
      ],
    });
    act(() => store.getState().requestFocus({ kind: 'component', componentId: 'form-1' }));
    expect(screen.getByLabelText(/^Time/)).toHaveFocus();
    expect(store.getState().focusTarget).toBeNull();
  });
});
