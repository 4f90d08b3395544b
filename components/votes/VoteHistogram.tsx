// biome-ignore-all lint/suspicious/noArrayIndexKey: histogram bins are positions on a fixed axis; the index is the identity

const WIDTH = 320;
const HEIGHT = 150;
const MARGIN = { top: 16, right: 10, bottom: 38, left: 10 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

const binLabel = (index: number, bins: number) => `${index * 10}–${index === bins - 1 ? 100 : index * 10 + 9}%`;

/**
 * The votes in ten bins of 10 points, as an inline SVG: each bar carries its count, the axis its
 * percentages. The reader's own bin (ownBin, -1 for none) is drawn darker.
 */
export function VoteHistogram({ histogram, count, ownBin }: { histogram: number[]; count: number; ownBin: number }) {
  const tallest = Math.max(...histogram, 1);
  const binWidth = PLOT_WIDTH / histogram.length;
  const baseline = MARGIN.top + PLOT_HEIGHT;
  return (
    <figure className="vote-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Histogram of ${count} confidence votes: ${histogram.map((binCount, index) => `${binCount} at ${binLabel(index, histogram.length)}`).join(", ")}`}
      >
        {histogram.map((binCount, index) => {
          const height = (binCount / tallest) * PLOT_HEIGHT;
          const x = MARGIN.left + index * binWidth;
          return (
            <g key={index} className={`bin${index === ownBin ? " own" : ""}`}>
              <title>{`${binLabel(index, histogram.length)}: ${binCount} vote${binCount === 1 ? "" : "s"}${index === ownBin ? " (yours among them)" : ""}`}</title>
              {binCount > 0 && (
                <>
                  <rect className="bar" x={x + 2} y={baseline - height} width={binWidth - 4} height={height} />
                  <text className="count" x={x + binWidth / 2} y={baseline - height - 4} textAnchor="middle">
                    {binCount}
                  </text>
                </>
              )}
            </g>
          );
        })}
        <line className="axis" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={baseline} y2={baseline} />
        {Array.from({ length: histogram.length + 1 }, (_, index) => {
          const x = MARGIN.left + index * binWidth;
          return (
            <g key={index} className="tick">
              <line className="axis" x1={x} x2={x} y1={baseline} y2={baseline + 4} />
              <text x={x} y={baseline + 14} textAnchor="middle">
                {index * 10}
              </text>
            </g>
          );
        })}
        <text className="axis-title" x={MARGIN.left + PLOT_WIDTH / 2} y={HEIGHT - 6} textAnchor="middle">
          Confidence that the claim is true (%): 0 sure false, 100 sure true
        </text>
      </svg>
      <figcaption className="small muted">
        How many members chose each band of 10 points; each member counts once, with their latest vote
        {ownBin >= 0 ? "; your bar is darker" : ""}.
      </figcaption>
    </figure>
  );
}
