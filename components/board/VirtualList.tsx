import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

interface Props<T> {
  items: readonly T[];
  itemHeight: number;
  /** Rows drawn beyond the visible ones, so fast scrolling shows no gaps. */
  overscan?: number;
  keyOf: (item: T) => string;
  render: (item: T) => ComponentChildren;
  label: string;
}

/**
 * A column of fixed-height rows that only draws what is in view: a column of 3,000 tickets costs the
 * same to paint as one of 30.
 */
export function VirtualList<T>({ items, itemHeight, overscan = 6, keyOf, render, label }: Props<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(800);
  const first = Math.max(0, Math.floor(scrollTop / itemHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + viewport) / itemHeight) + overscan);
  const visible = items.slice(first, last);
  return (
    <div
      class="vlist"
      role="list"
      aria-label={label}
      ref={(el) => {
        if (el && el.clientHeight && el.clientHeight !== viewport) setViewport(el.clientHeight);
      }}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLElement).scrollTop)}
    >
      <div style={{ height: `${items.length * itemHeight}px`, position: 'relative' }}>
        {visible.map((item, i) => (
          <div role="listitem" key={keyOf(item)} class="vlist-row" style={{ top: `${(first + i) * itemHeight}px`, height: `${itemHeight}px` }}>
            {render(item)}
          </div>
        ))}
      </div>
    </div>
  );
}
