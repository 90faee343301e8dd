import { escapeHtml } from '../privacy/export-html';
import type { PublicResults } from '../read-ports';
import type { ResultsScope, ResultsSnapshot } from './events';

/** Which page: the whole one (history included), or the compact one an organisation's website frames. */
export type PageVariant = 'full' | 'embed';

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const longDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** A Paris calendar date as French readers write it: 15 juillet 2026. */
export const frenchLongDate = (date: string) => longDate.format(new Date(`${date}T12:00:00Z`));
const percent = (value: number) => `${number.format(value)}\u00a0%`;
const time = (date: string) => `<time datetime="${escapeHtml(date)}">${frenchLongDate(date)}</time>`;

/** The scope as a heading: the whole offer, or the training action named. */
export const scopeLabel = (scope: ResultsScope) =>
  scope.kind === 'organisation' ? 'Ensemble de nos actions de formation' : scope.trainingActionTitle;

/** The figures as terms and values, those not published left out. */
const figureRows = ({ figures }: ResultsSnapshot): [string, string][] => {
  const rows: [string, string][] = [
    ['Stagiaires', number.format(figures.trainees)],
    [
      'Répondants',
      `${number.format(figures.respondents)} (taux de réponse\u00a0: ${percent(figures.responseRate)})`,
    ],
  ];
  if (figures.satisfactionAverage !== null) {
    rows.push(['Satisfaction moyenne', `${number.format(figures.satisfactionAverage)}\u00a0/\u00a05`]);
  }
  if (figures.satisfiedShare !== null) rows.push(['Répondants satisfaits', percent(figures.satisfiedShare)]);
  rows.push(['Taux d’achèvement', percent(figures.completionRate)]);
  rows.push(['Taux d’abandon', percent(figures.dropOutRate)]);
  if (figures.successRate !== null)
    rows.push(['Taux de réussite à la certification', percent(figures.successRate)]);
  return rows;
};

const figureList = (snapshot: ResultsSnapshot) =>
  `<dl class="figures">${figureRows(snapshot)
    .map(([term, value]) => `<div><dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd></div>`)
    .join('')}</dl>`;

const period = (snapshot: ResultsSnapshot) =>
  `<p class="period">${escapeHtml(snapshot.label)} — période du ${time(snapshot.periodFrom)} au ${time(snapshot.periodTo)}</p>`;

const currentSection = (snapshot: ResultsSnapshot, index: number, variant: PageVariant) => {
  const note = snapshot.note && variant === 'full' ? `<p class="note">${escapeHtml(snapshot.note)}</p>` : '';
  return `<section class="snapshot" aria-labelledby="snapshot-${index}">
<h2 id="snapshot-${index}">${escapeHtml(scopeLabel(snapshot.scope))}</h2>
${period(snapshot)}
${figureList(snapshot)}
${note}<p class="published">Publié le ${time(snapshot.publishedOn)}</p>
</section>`;
};

const history = (snapshots: readonly ResultsSnapshot[]) =>
  snapshots.length === 0
    ? ''
    : `<section aria-labelledby="history"><h2 id="history">Publications précédentes</h2><ul class="history">${snapshots
        .map(
          (
            snapshot,
            index,
          ) => `<li aria-labelledby="previous-${index}"><h3 id="previous-${index}">${escapeHtml(scopeLabel(snapshot.scope))} — publié le ${time(snapshot.publishedOn)}</h3>
${period(snapshot)}${figureList(snapshot)}${snapshot.note ? `<p class="note">${escapeHtml(snapshot.note)}</p>` : ''}</li>`,
        )
        .join('')}</ul></section>`;

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.5}
main{max-width:48rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:0 0 .25rem}h3{font-size:1.05rem;margin:0 0 .25rem}
.snapshot{border:1px solid #8a8a8a;border-radius:.4rem;padding:.75rem 1rem;margin:1rem 0;break-inside:avoid}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.5rem;margin:.5rem 0}
.figures div{background:#f3f3f6;border-radius:.3rem;padding:.4rem .6rem}
dt{font-size:.9rem;color:#3a3a3a}dd{margin:0;font-weight:700;font-size:1.1rem}
.period,.published,.note{margin:.25rem 0}.published,footer{color:#3a3a3a;font-size:.9rem}
.history{list-style:none;padding:0}.history li{border-top:1px solid #8a8a8a;padding:.5rem 0;break-inside:avoid}
a{color:#000091}a:focus{outline:3px solid #000091;outline-offset:2px}
.embed main{padding:.5rem}.compact{font-size:1.2rem}.embed .snapshot{margin:.5rem 0;padding:.5rem .75rem}
@media print{body{font-size:11pt}a{color:#000}.snapshot{border-color:#000}.figures div{background:none;border:1px solid #ccc}}
`;

/** The organisation's public results page, server-rendered, every value escaped, no script. */
export const renderResultsPage = (options: {
  organisationName: string;
  results: PublicResults;
  variant: PageVariant;
  /** The full page's address, linked from the compact one. */
  fullPath: string;
}): string => {
  const { organisationName, results, variant } = options;
  const current = results.snapshots.filter((snapshot) => snapshot.current);
  const previous = results.snapshots.filter((snapshot) => !snapshot.current);
  const name = escapeHtml(organisationName);
  const body =
    current.length === 0
      ? '<p>Aucun résultat n’est publié pour le moment.</p>'
      : current.map((snapshot, index) => currentSection(snapshot, index, variant)).join('\n');
  const main =
    variant === 'full'
      ? `<h1>Nos résultats</h1><p>${name}</p>${body}${history(previous)}
<footer><p>Résultats publiés au titre de l’indicateur 2 du référentiel national qualité (Qualiopi). Les taux de réponse sont calculés à partir du nombre de stagiaires et de répondants.</p></footer>`
      : `<h1 class="compact">Nos résultats — ${name}</h1>${body}
<p><a href="${escapeHtml(options.fullPath)}" target="_blank" rel="noopener">Voir le détail et l’historique (nouvel onglet)</a></p>`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nos résultats — ${name}</title>
<style>${STYLE}</style>
</head>
<body${variant === 'embed' ? ' class="embed"' : ''}>
<main>
${main}
</main>
</body>
</html>
`;
};
