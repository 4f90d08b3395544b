// biome-ignore-all lint/suspicious/noArrayIndexKey: timeline points are positions on a fixed axis; the index is the identity
import type { TimelinePoint } from "@/lib/votes/queries";

const WIDTH = 360;
const HEIGHT = 180;
const MARGIN = { top: 10, right: 14, bottom: 44, left: 40 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const Y_TICKS = [0, 25, 50, 75, 100];

const day = (iso: string) => iso.slice(0, 10);

/**
 * The team median after each vote cast, in time order, as an inline SVG with labelled axes: the
 * median (0–100 %) up the side, the votes cast (1 to N, with the first and last date) along the
 * bottom. A changed vote is a vote cast here, so N can exceed the number of members voting.
 */
export function VoteTimeline({ points }: { points: TimelinePoint[] }) {
  if (points.length < 2) return null;
  const x = (index: number) => MARGIN.left + (index / (points.length - 1)) * PLOT_WIDTH;
  const y = (median: number) => MARGIN.top + PLOT_HEIGHT - (median / 100) * PLOT_HEIGHT;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const casts = points.length;
  // Each point counts the members with a vote at that moment, so the last one is everyone voting now.
  const voters = last.count;
  const changes = casts - voters;
  const baseline = MARGIN.top + PLOT_HEIGHT;
  return (
    <figure className="vote-chart timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Team median moved from ${first.median}% to ${last.median}% over ${casts} votes cast by ${voters} members, from ${day(first.at)} to ${day(last.at)}`}
      >
        {Y_TICKS.map((tick) => (
          <g key={tick} className="tick">
            <line
              className={tick === 50 ? "grid midline" : "grid"}
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(tick)}
              y2={y(tick)}
            />
            <text x={MARGIN.left - 6} y={y(tick) + 3} textAnchor="end">
              {tick}%
            </text>
          </g>
        ))}
        <line className="axis" x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={baseline} />
        <line className="axis" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={baseline} y2={baseline} />
        <text
          className="axis-title"
          x={10}
          y={MARGIN.top + PLOT_HEIGHT / 2}
          textAnchor="middle"
          transform={`rotate(-90 10 ${MARGIN.top + PLOT_HEIGHT / 2})`}
        >
          Median
        </text>
        {[0, points.length - 1].map((index) => (
          <g key={index} className="tick">
            <line className="axis" x1={x(index)} x2={x(index)} y1={baseline} y2={baseline + 4} />
            <text x={x(index)} y={baseline + 14} textAnchor={index === 0 ? "start" : "end"}>
              {`vote ${index + 1} · ${day(points[index]!.at)}`}
            </text>
          </g>
        ))}
        <text className="axis-title" x={MARGIN.left + PLOT_WIDTH / 2} y={HEIGHT - 8} textAnchor="middle">
          Votes cast, in time order (changes included)
        </text>
        <polyline className="line" points={points.map((point, index) => `${x(index)},${y(point.median)}`).join(" ")} />
        {points.map((point, index) => (
          <circle key={index} cx={x(index)} cy={y(point.median)} r="3" className="dot">
            <title>{`Vote ${index + 1}, ${point.at.slice(0, 16).replace("T", " ")}: median ${point.median}% of ${point.count} member${point.count === 1 ? "" : "s"}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="small muted">
        Median over time: {first.median}% → {last.median}%. {casts} votes cast by {voters} member
        {voters === 1 ? "" : "s"}
        {changes > 0 ? ` (${changes} of them changed an earlier vote)` : ""}; the figures above count each member once.
      </figcaption>
    </figure>
  );
}
