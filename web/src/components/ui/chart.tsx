import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartProps {
  /** uPlot options without size; width follows the container. */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height: number;
  /** Fixed width in pixels; default: the container's width, following resizes. */
  width?: number;
  className?: string;
  label: string;
}

/** A uPlot chart owned by React: created on mount, given new data in place, resized with its box. */
export function Chart({ options, data, height, width, className, label }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const created = new uPlot({ ...options, width: width ?? element.clientWidth, height }, data, element);
    plot.current = created;
    const resize = width ? null : new ResizeObserver(() => created.setSize({ width: element.clientWidth, height }));
    resize?.observe(element);
    return () => {
      resize?.disconnect();
      created.destroy();
      plot.current = null;
    };
    // Options are fixed per chart (not dependencies); data updates go through setData below.
  }, [height, width]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div ref={box} className={className} role="img" aria-label={label} />;
}
