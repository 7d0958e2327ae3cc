// A radar chart drawn by hand in SVG: one axis per pillar, rings for levels 0..max.
export interface RadarAxis {
  id: string;
  label: string;
  value: number;
}

export interface RadarChartProps {
  axes: readonly RadarAxis[];
  /** Highest level (outer ring). */
  max: number;
  size?: number;
  title?: string;
}

export function RadarChart({ axes, max, size = 280, title }: RadarChartProps) {
  const c = size / 2;
  const r = size / 2 - 48;
  const n = axes.length;
  if (n === 0 || max <= 0) return null;
  const point = (i: number, v: number) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    const d = (r * Math.max(0, Math.min(v, max))) / max;
    return [c + d * Math.cos(a), c + d * Math.sin(a)] as const;
  };
  const ring = (v: number) =>
    axes
      .map((_, i) => point(i, v))
      .map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`)
      .join(' ');
  const shape = axes
    .map((a, i) => point(i, a.value))
    .map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`)
    .join(' ');
  return (
    <svg className="dbi-radar" viewBox={`0 0 ${size} ${size}`} width={size} height={size} role="img" aria-label={title}>
      {title && <title>{title}</title>}
      {Array.from({ length: max }, (_, k) => k + 1).map((v) => (
        <polygon key={v} points={ring(v)} className="dbi-radar__ring" />
      ))}
      {axes.map((a, i) => {
        const [x, y] = point(i, max);
        return <line key={a.id} x1={c} y1={c} x2={x} y2={y} className="dbi-radar__axis" />;
      })}
      {Array.from({ length: max }, (_, k) => k + 1).map((v) => {
        const [x, y] = point(0, v);
        return (
          <text key={v} x={x + 4} y={y + 3} className="dbi-radar__tick">
            {v}
          </text>
        );
      })}
      <polygon points={shape} className="dbi-radar__shape" />
      {axes.map((a, i) => {
        const [x, y] = point(i, a.value);
        return <circle key={a.id} cx={x} cy={y} r={3.5} className="dbi-radar__dot" />;
      })}
      {axes.map((a, i) => {
        const [x, y] = point(i, max + max * 0.22);
        const anchor = Math.abs(x - c) < 4 ? 'middle' : x > c ? 'start' : 'end';
        return (
          <text key={a.id} x={x} y={y} textAnchor={anchor} dominantBaseline="middle" className="dbi-radar__label">
            <tspan>{a.label}</tspan>
            <tspan className="dbi-radar__value"> {a.value}</tspan>
          </text>
        );
      })}
    </svg>
  );
}
