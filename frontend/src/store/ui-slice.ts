import type { Branding, ThemeChoice, UiSlice } from './types';
import type { SliceCreator } from './slice';

export const DEFAULT_BRANDING: Branding = { name: 'Home Assistant', color: '#2f5bd3', greeting: 'Hi! Ask me to set, change or list your alarms.' };

export const createUiSlice = (theme: ThemeChoice): SliceCreator<UiSlice> => (set) => ({
  theme,
  setTheme: (t) => set({ theme: t }),
  branding: DEFAULT_BRANDING,
  setBranding: (b) => set((s) => ({ branding: { ...s.branding, ...pickStrings(b) } })),
  turnOpen: {},
  setTurnOpen: (key, open) => set((s) => ({ turnOpen: { ...s.turnOpen, [key]: open } })),
  drafts: {},
  setDraft: (draftKey, name, value) =>
    set((s) => ({ drafts: { ...s.drafts, [draftKey]: { ...s.drafts[draftKey], [name]: value } } })),
  composerText: '',
  setComposerText: (text) => set({ composerText: text }),
  announcement: null,
  announce: (text) => set((s) => ({ announcement: { id: (s.announcement?.id ?? 0) + 1, text } })),
  focusTarget: null,
  requestFocus: (target) => set({ focusTarget: target }),
  sidebarOpen: false,
  setSidebarOpen: (open) => set({ sidebarOpen: open }),
  notice: null,
  showNotice: (text) => set((s) => ({ notice: { id: (s.notice?.id ?? 0) + 1, text } })),
  dismissNotice: () => set({ notice: null }),
});

/** Branding comes from the server; ignore fields that are missing or not strings. */
function pickStrings(b: Partial<Branding>): Partial<Branding> {
  const out: Partial<Branding> = {};
  for (const k of ['name', 'color', 'greeting'] as const) if (typeof b[k] === 'string' && b[k]) out[k] = b[k];
  return out;
}
