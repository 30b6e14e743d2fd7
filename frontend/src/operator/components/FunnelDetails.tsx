import type { IntentFunnel } from '@app/shared';
import { useOperatorCommands } from '../commands';
import { when } from '../format';

/** Drop-off by missing parameter, the per-intent table and the low-confidence messages. */
export function FunnelDetails({ data, intentLabel, paramLabel }: { data: IntentFunnel; intentLabel: (n: string) => string; paramLabel: (n: string) => string }) {
  const commands = useOperatorCommands();
  const drops = Object.entries(data.dropOffByMissing).sort((a, b) => b[1] - a[1]);
  const most = Math.max(1, ...drops.map(([, n]) => n));
  const intents = Object.entries(data.byIntent).sort((a, b) => b[1].started - a[1].started);

  const open = (chatId: string) => {
    commands.showView('chats');
    void commands.openChat(chatId);
  };

  return (
    <div className="op-funnel__grid">
      <section className="op-card" aria-labelledby="op-drop-title">
        <h3 id="op-drop-title" className="op-card__title">Drop-off by missing parameter</h3>
        {drops.length === 0 ? <p className="muted">No abandoned or cancelled intents.</p> : (
          <ul className="op-bars">
            {drops.map(([param, n]) => (
              <li key={param} className="op-bar">
                <span className="op-bar__label">{param.startsWith('(') ? param : paramLabel(param)}</span>
                <span className="op-bar__track" aria-hidden="true"><span className="op-bar__fill" style={{ width: `${(n / most) * 100}%` }} /></span>
                <span className="op-bar__value">{n}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="op-card" aria-labelledby="op-intents-title">
        <h3 id="op-intents-title" className="op-card__title">By intent</h3>
        {intents.length === 0 ? <p className="muted">No intents in this range.</p> : (
          <div className="op-table-wrap"><table className="op-table">
            <thead><tr><th scope="col">Intent</th><th scope="col">Started</th><th scope="col">Done</th><th scope="col">Cancelled</th><th scope="col">Abandoned</th></tr></thead>
            <tbody>
              {intents.map(([name, b]) => (
                <tr key={name}><th scope="row">{intentLabel(name)}</th><td>{b.started}</td><td>{b.completed}</td><td>{b.cancelled}</td><td>{b.abandoned}</td></tr>
              ))}
            </tbody>
          </table></div>
        )}
      </section>
      <section className="op-card op-card--wide" aria-labelledby="op-low-title">
        <h3 id="op-low-title" className="op-card__title">Low-confidence messages</h3>
        {data.lowConfidence.length === 0 ? <p className="muted">The recogniser was sure about every message.</p> : (
          <ul className="op-low">
            {data.lowConfidence.map((m) => (
              <li key={`${m.chatId}/${m.seq}`} className="op-low__item">
                <q className="op-low__text">{m.text}</q>
                <span className="op-low__meta">
                  {intentLabel(m.intent)} · {Math.round(m.confidence <= 1 ? m.confidence * 100 : m.confidence)}% · <time dateTime={m.ts}>{when(m.ts)}</time>
                </span>
                <button type="button" className="link-button" onClick={() => open(m.chatId)}>
                  Open chat<span className="sr-only"> of “{m.text}”</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
