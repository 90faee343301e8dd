import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMonth, formatNumber, formatRating } from '../../format';
import type { TrendPoint } from './results';

/**
 * The monthly satisfaction trend: a chart drawn by chart.js, loaded only when a trend is shown (the dashboard
 * and the public form never load it), and the same figures as a table for screen readers.
 */
export function TrendChart({ points }: { points: readonly TrendPoint[] }) {
  const { t, i18n } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  const language = i18n.language;

  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    void import('./trendChart').then(({ drawTrend }) => {
      if (cancelled || !canvas.current) return;
      chart = drawTrend(canvas.current, {
        months: points.map((point) => formatMonth(point.month, language)),
        ratingLabel: t('results.ratingAverage'),
        ratings: points.map((point) => point.ratingAverage ?? null),
        npsLabel: t('results.npsScore'),
        nps: points.map((point) => point.npsScore ?? null),
        locale: language === 'en' ? 'en-GB' : 'fr-FR',
      });
      setDrawn(true);
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [points, language, t]);

  return (
    <figure className="results-chart">
      {!drawn && <p aria-hidden="true">{t('results.chartLoading')}</p>}
      <div className="results-chart-canvas" aria-hidden="true">
        <canvas ref={canvas} />
      </div>
      <table className="visually-hidden">
        <caption>{t('results.trendCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.month')}</th>
            <th scope="col">{t('results.ratingAverage')}</th>
            <th scope="col">{t('results.ratingCount')}</th>
            <th scope="col">{t('results.npsScore')}</th>
            <th scope="col">{t('results.npsCount')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.month}>
              <th scope="row">{formatMonth(point.month, language)}</th>
              <td>{point.ratingAverage == null ? '—' : formatRating(point.ratingAverage, language)}</td>
              <td>{formatNumber(point.ratingAnswerCount, language)}</td>
              <td>{point.npsScore == null ? '—' : formatNumber(point.npsScore, language)}</td>
              <td>{formatNumber(point.npsAnswerCount, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
