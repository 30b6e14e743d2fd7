import { useContext } from 'react';
import type { ButtonWidget } from '@app/shared';
import { cls } from '../../lib/cls';
import { FormContext, useComponentScope } from './context';
import { collectValues } from './values';

/**
 * A submit button sends its form's values merged with its payload; any other button sends
 * just its payload. Submit buttons are real `type="submit"` buttons so Enter in a field
 * submits the form (the browser clicks the first one).
 */
export function ButtonView({ w }: { w: ButtonWidget }) {
  const scope = useComponentScope();
  const form = useContext(FormContext);
  const onClick = (e: { preventDefault(): void }) => {
    e.preventDefault(); // the click is the submission; don't let the form submit a second time
    if (w.submit && form) form.submit(w);
    else if (w.submit) scope.act(w.action, { ...collectValues(scope.root, scope.draft), ...w.payload });
    else scope.act(w.action, { ...w.payload });
  };
  return (
    <button
      type={w.submit ? 'submit' : 'button'}
      className={cls('btn', `btn--${w.style ?? (w.submit ? 'primary' : 'secondary')}`)}
      disabled={w.disabled}
      onClick={onClick}
    >
      {w.label}
    </button>
  );
}
