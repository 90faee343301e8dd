import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only the parts a line chart needs: chart.js is tree-shaken to them, in this lazily loaded chunk.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend);

export interface TrendSeries {
  months: string[];
  ratingLabel: string;
  ratings: (number | null)[];
  npsLabel: string;
  nps: (number | null)[];
  locale: string;
}

/** Draws the monthly satisfaction trend: the average rating (1–5, left axis) and the NPS (−100–100, right). */
export const drawTrend = (canvas: HTMLCanvasElement, series: TrendSeries) =>
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: series.months,
      datasets: [
        {
          label: series.ratingLabel,
          data: series.ratings,
          yAxisID: 'rating',
          borderColor: '#1d4ed8',
          backgroundColor: '#1d4ed8',
          spanGaps: true,
        },
        {
          label: series.npsLabel,
          data: series.nps,
          yAxisID: 'nps',
          borderColor: '#b45309',
          backgroundColor: '#b45309',
          borderDash: [6, 4],
          pointStyle: 'rectRot',
          spanGaps: true,
        },
      ],
    },
    options: {
      locale: series.locale,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        rating: { type: 'linear', position: 'left', min: 1, max: 5 },
        nps: { type: 'linear', position: 'right', min: -100, max: 100, grid: { drawOnChartArea: false } },
      },
    },
  });
