// A small windowing table body: of many rows of one fixed height, only those in view (plus a few
// either side) are in the DOM, between two spacer rows that keep the scroll height right. So
// 10,000 rows cost what 30 do. Screen readers still get the real count (aria-rowcount / rowindex).
import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';

const OVERSCAN = 8;

interface Props<T> {
  rows: T[];
  rowHeight: number;
  /** Most height of the scrolling area, in px. */
  height: number;
  columns: number;
  label: string;
  head: ReactNode;
  rowKey: (row: T) => string;
  /** A <tr> with aria-rowindex={index + 2} (the header is row 1). */
  renderRow: (row: T, index: number) => ReactNode;
}

/** Which rows to draw for a scroll position: [first, end). Exported for its test. */
export function visibleRange(scrollTop: number, height: number, rowHeight: number, count: number): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const end = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  return [first, Math.max(first, end)];
}

export function VirtualTable<T>({ rows, rowHeight, height, columns, label, head, rowKey, renderRow }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setScrollTop(el.scrollTop));
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, []);

  const [first, end] = visibleRange(scrollTop, height, rowHeight, rows.length);
  return (
    <div ref={scroller} className="virtual-scroller" style={{ maxHeight: height }} data-testid="visitors-scroller">
      <table className="virtual-table" aria-label={label} aria-rowcount={rows.length + 1}>
        <thead>{head}</thead>
        <tbody>
          {first > 0 && (
            <tr aria-hidden="true" style={{ height: first * rowHeight }}>
              <td colSpan={columns} />
            </tr>
          )}
          {rows.slice(first, end).map((row, i) => (
            <Fragment key={rowKey(row)}>{renderRow(row, first + i)}</Fragment>
          ))}
          {end < rows.length && (
            <tr aria-hidden="true" style={{ height: (rows.length - end) * rowHeight }}>
              <td colSpan={columns} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
