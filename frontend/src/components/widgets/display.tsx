import type { BadgeWidget, TextWidget, TitleWidget } from '@app/shared';
import { cls } from '../../lib/cls';

/** Levels start at h3: the page has h1 (brand) and h2 (chat) above the messages. */
export function TitleView({ w }: { w: TitleWidget }) {
  const Tag = (['h3', 'h4', 'h5'] as const)[(w.level ?? 1) - 1] ?? 'h3';
  return <Tag className="w-title">{w.text}</Tag>;
}

export function TextView({ w }: { w: TextWidget }) {
  return <p className={cls('w-text', w.tone && `tone--${w.tone}`)}>{w.text}</p>;
}

export function BadgeView({ w }: { w: BadgeWidget }) {
  return <span className={cls('badge', `badge--${w.tone ?? 'neutral'}`)}>{w.text}</span>;
}

export function DividerView() {
  return <hr className="w-divider" />;
}
