import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren, JSX } from 'preact';

interface Props<T> {
  items: readonly T[];
  itemHeight: number;
  /** Rows drawn beyond the visible ones, so fast scrolling shows no gaps. */
  overscan?: number;
  keyOf: (item: T) => string;
  render: (item: T, index: number) => ComponentChildren;
  label: string;
  /** Scrolls so this row is in view (the card the keyboard moved to). */
  ensureVisible?: number | null;
  /** Drawn over the rows at this position: where a dragged card would land. */
  marker?: number | null;
  class?: string;
  style?: JSX.CSSProperties;
  onDragOver?: (event: DragEvent, indexAt: (clientY: number) => number) => void;
  onDrop?: (event: DragEvent, indexAt: (clientY: number) => number) => void;
  onDragLeave?: (event: DragEvent) => void;
}

/**
 * A list of fixed-height rows that only draws what is in view: a column of 3,000 tickets costs the
 * same to paint as one of 30.
 */
export function VirtualList<T>(props: Props<T>) {
  const { items, itemHeight, overscan = 4, keyOf, render, label } = props;
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const scroller = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && el.clientHeight && el.clientHeight !== viewport) setViewport(el.clientHeight);
  });

  useLayoutEffect(() => {
    const el = scroller.current;
    const index = props.ensureVisible;
    if (!el || index == null || index < 0) return;
    const top = index * itemHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + itemHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + itemHeight - el.clientHeight;
  }, [props.ensureVisible, itemHeight]);

  const indexAt = (clientY: number): number => {
    const el = scroller.current;
    if (!el) return items.length;
    const y = clientY - el.getBoundingClientRect().top + el.scrollTop;
    return Math.max(0, Math.min(items.length, Math.round(y / itemHeight)));
  };

  const first = Math.max(0, Math.floor(scrollTop / itemHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + viewport) / itemHeight) + overscan);
  const visible = items.slice(first, last);
  return (
    <div
      class={`vlist${props.class ? ` ${props.class}` : ''}`}
      style={props.style}
      role="list"
      aria-label={label}
      ref={scroller}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLElement).scrollTop)}
      onDragOver={props.onDragOver && ((e) => props.onDragOver!(e, indexAt))}
      onDrop={props.onDrop && ((e) => props.onDrop!(e, indexAt))}
      onDragLeave={props.onDragLeave}
    >
      <div class="vlist-body" style={{ height: `${items.length * itemHeight}px` }}>
        {visible.map((item, i) => (
          <div role="listitem" key={keyOf(item)} class="vlist-row" style={{ top: `${(first + i) * itemHeight}px`, height: `${itemHeight}px` }}>
            {render(item, first + i)}
          </div>
        ))}
        {props.marker != null && <div class="drop-marker" style={{ top: `${props.marker * itemHeight - 3}px` }} aria-hidden="true" />}
      </div>
    </div>
  );
}
