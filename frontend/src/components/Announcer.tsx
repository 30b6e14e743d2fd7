import { useEffect } from 'react';
import { useApp } from '../store/context';

/** The polite live region: thinking steps and replies as they happen (never the replayed history). */
export function LiveRegion() {
  const announcement = useApp((s) => s.announcement);
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="live-region">
      {/* Keyed by id so the same sentence twice is read twice. */}
      {announcement && <span key={announcement.id}>{announcement.text}</span>}
    </div>
  );
}

const NOTICE_MS = 7000;

/** Transient feedback about something the person tried ("you're offline"). */
export function Notice() {
  const notice = useApp((s) => s.notice);
  const dismiss = useApp((s) => s.dismissNotice);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(dismiss, NOTICE_MS);
    return () => clearTimeout(t);
  }, [notice, dismiss]);
  if (!notice) return null;
  return (
    <div className="toast" role="alert">
      <span>{notice.text}</span>
      <button type="button" className="toast__close" aria-label="Dismiss" onClick={dismiss}>×</button>
    </div>
  );
}
