import { createContext, useContext } from 'react';
import type { ButtonWidget, Widget } from '@app/shared';
import type { FieldValue } from '../../store';
import type { Draft } from './values';

/** What every widget of one component event shares. */
export interface ComponentScope {
  componentId: string;
  root: Widget;
  draft: Draft;
  disabled: boolean;
  setValue(name: string, value: FieldValue): void;
  act(action: string, values: Record<string, unknown>): void;
}

export const ComponentContext = createContext<ComponentScope | null>(null);

export function useComponentScope(): ComponentScope {
  const scope = useContext(ComponentContext);
  if (!scope) throw new Error('widget rendered outside a component');
  return scope;
}

/** The enclosing Form: submit buttons send its values. */
export interface FormScope {
  submit(button: ButtonWidget): void;
}

export const FormContext = createContext<FormScope | null>(null);
