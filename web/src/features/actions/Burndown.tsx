import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../format';
import type { BurndownView } from './actions';

const WIDTH = 520;
const HEIGHT = 160;
const PAD = 24;

/**
 * Open actions at the end of each week, drawn as a small SVG line (hidden from screen readers) with the same
 * figures as a table beside it.
 */
export function Burndown({ points }: { points: BurndownView }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const top = Math.max(1, ...points.map((point) => point.open));
  const x = (index: number) => PAD + (index * (WIDTH - 2 * PAD)) / Math.max(1, points.length - 1);
  const y = (open: number) => HEIGHT - PAD - (open * (HEIGHT - 2 * PAD)) / top;
  const path = points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${x(index)},${y(point.open)}`)
    .join(' ');
  return (
    <figure className="actions-burndown">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        aria-hidden="true"
        focusable="false"
        preserveAspectRatio="xMidYMid meet"
      >
        <line x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} stroke="currentColor" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={HEIGHT - PAD} stroke="currentColor" />
        <text x={2} y={PAD} fontSize="11" fill="currentColor">
          {formatNumber(top, language)}
        </text>
        <text x={2} y={HEIGHT - PAD} fontSize="11" fill="currentColor">
          0
        </text>
        <path d={path} fill="none" stroke="currentColor" strokeWidth="2" />
        {points.map((point, index) => (
          <circle key={point.weekOf} cx={x(index)} cy={y(point.open)} r="2.5" fill="currentColor" />
        ))}
      </svg>
      <details>
        <summary>{t('improvement.burndownCaption')}</summary>
        <table>
          <caption className="visually-hidden">{t('improvement.burndownCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('improvement.weekOf')}</th>
              <th scope="col">{t('improvement.openCount')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.weekOf}>
                <th scope="row">{formatDate(point.weekOf, language)}</th>
                <td>{formatNumber(point.open, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
