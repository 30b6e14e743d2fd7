import type { FormEvent } from 'react';
import type { IntentFunnel } from '@app/shared';
import { intentTitle, paramLabel } from '../../lib/format';
import { useOp } from '../store/context';
import type { FunnelPreset } from '../store';
import { useOperatorCommands } from '../commands';
import { formatInstant, formatSpan, percent, toLocalInput } from '../format';
import { FunnelDetails } from './FunnelDetails';

const PRESETS: Array<[FunnelPreset, string]> = [['24h', 'Last 24 h'], ['7d', 'Last 7 days'], ['custom', 'Custom']];

/** The intent funnel of a time range: how intents end, how long they take, where people drop off. */
export function FunnelPanel() {
  const funnel = useOp((s) => s.funnel);
  const commands = useOperatorCommands();
  const { preset, data } = funnel;

  const onCustom = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const from = new Date(String(form.get('from')));
    const to = new Date(String(form.get('to')));
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return;
    void commands.showFunnel('custom', { from: from.toISOString(), to: to.toISOString() });
  };

  return (
    <section className="op-funnel" aria-labelledby="op-funnel-title">
      <header className="op-funnel__head">
        <h2 id="op-funnel-title" className="op-funnel__title">Intent funnel</h2>
        <fieldset className="op-range">
          <legend className="sr-only">Time range</legend>
          {PRESETS.map(([value, label]) => (
            <label key={value} className="op-range__option">
              <input
                type="radio"
                name="op-range"
                value={value}
                checked={preset === value}
                onChange={() => void commands.showFunnel(value, value === 'custom' ? { from: funnel.from, to: funnel.to } : undefined)}
              />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
        <button type="button" className="btn btn--small btn--secondary" onClick={() => void commands.showFunnel(preset, { from: funnel.from, to: funnel.to })} disabled={funnel.loading}>
          Refresh
        </button>
      </header>
      {preset === 'custom' && (
        <form className="op-custom" onSubmit={onCustom} key={`${funnel.from}/${funnel.to}`}>
          <label className="op-custom__field">
            <span className="field__label">From</span>
            <input className="input" type="datetime-local" name="from" defaultValue={toLocalInput(funnel.from)} required />
          </label>
          <label className="op-custom__field">
            <span className="field__label">To</span>
            <input className="input" type="datetime-local" name="to" defaultValue={toLocalInput(funnel.to)} required />
          </label>
          <button type="submit" className="btn btn--small btn--primary">Apply</button>
        </form>
      )}
      <p className="op-funnel__range muted" role="status" aria-live="polite">
        {funnel.loading ? 'Loading…' : data ? `${formatInstant(data.from)} – ${formatInstant(data.to)} · ${data.started} ${data.started === 1 ? 'intent' : 'intents'} started` : ''}
      </p>
      {funnel.error && <p className="op-error" role="alert">{funnel.error}</p>}
      {data && <FunnelBody data={data} />}
    </section>
  );
}

function FunnelBody({ data }: { data: IntentFunnel }) {
  const stats: Array<[string, number, string]> = [
    ['Started', data.started, ''],
    ['Completed', data.completed, percent(data.completed, data.started)],
    ['Cancelled', data.cancelled, percent(data.cancelled, data.started)],
    ['Abandoned', data.abandoned, percent(data.abandoned, data.started)],
    ['Still active', data.active, percent(data.active, data.started)],
    ['Resumed', data.resumed, percent(data.resumed, data.started)],
    ['Completed after resume', data.completedAfterResume, percent(data.completedAfterResume, data.resumed)],
  ];
  return (
    <>
      <dl className="op-stats">
        {stats.map(([label, value, share]) => (
          <div key={label} className="op-stat">
            <dt>{label}</dt>
            <dd><span className="op-stat__value">{value}</span>{share && <span className="op-stat__share"> {share}</span>}</dd>
          </div>
        ))}
        <div className="op-stat">
          <dt>Time to complete <abbr title="median / 90th percentile">p50 / p90</abbr></dt>
          <dd><span className="op-stat__value">{formatSpan(data.timeToCompleteMs.p50)}</span><span className="op-stat__share"> / {formatSpan(data.timeToCompleteMs.p90)}</span></dd>
        </div>
      </dl>
      <FunnelDetails data={data} intentLabel={intentTitle} paramLabel={paramLabel} />
    </>
  );
}
