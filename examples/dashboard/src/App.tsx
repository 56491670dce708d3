import { useEffect, useState } from 'react';
import { UI } from './labels';
import { RoleSwitch } from './RoleSwitch';
import { Evaluation } from './views/Evaluation';
import { Grants } from './views/Grants';
import { MapView } from './views/MapView';
import { Notice } from './views/Notice';
import { Overview } from './views/Overview';
import { Ranking } from './views/Ranking';
import { Runs } from './views/Runs';
import { Supervision } from './views/Supervision';
import { Workbench } from './workbench/Workbench';

/** 桐乡市: the city the example data holds. */
const CITY = '330483';
/** The evaluation scheme the seed saves (examples/tongxiang-2018/data/scheme-2018.json). */
const SCHEME_ID = 'tongxiang-2018-example';
const EVALUATION_YEAR = 2018;
/** The year of the 标准地 check shown (examples/tongxiang-2018's synthetic grants are due in 2021). */
const GRANT_CHECK_YEAR = 2021;

const VIEWS = [
  'overview',
  'ranking',
  'supervision',
  'evaluation',
  'runs',
  'notice',
  'grants',
  'map',
  'workbench',
] as const;
type View = (typeof VIEWS)[number];

/** The view named in the address (#ranking), so a view can be bookmarked and linked. */
function viewFromHash(): View {
  const name = window.location.hash.replace(/^#/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'overview';
}

export function App() {
  const [view, setView] = useState<View>(viewFromHash);
  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  return (
    <>
      <header>
        <h1>
          {UI.title} <small>{UI.city}</small>
        </h1>
        <RoleSwitch />
      </header>
      <nav>
        {VIEWS.map((v) => (
          <a key={v} href={`#${v}`} aria-current={v === view ? 'page' : undefined} data-view={v}>
            {UI.tabs[v]}
          </a>
        ))}
      </nav>
      <main>
        {view === 'overview' ? <Overview city={CITY} /> : null}
        {view === 'ranking' ? <Ranking city={CITY} /> : null}
        {view === 'supervision' ? <Supervision city={CITY} /> : null}
        {view === 'evaluation' ? <Evaluation city={CITY} schemeId={SCHEME_ID} year={EVALUATION_YEAR} /> : null}
        {view === 'runs' ? <Runs city={CITY} year={EVALUATION_YEAR} /> : null}
        {view === 'notice' ? <Notice city={CITY} year={EVALUATION_YEAR} /> : null}
        {view === 'grants' ? <Grants city={CITY} year={GRANT_CHECK_YEAR} /> : null}
        {view === 'map' ? <MapView city={CITY} year={EVALUATION_YEAR} /> : null}
        {view === 'workbench' ? <Workbench city={CITY} year={EVALUATION_YEAR} schemeId={SCHEME_ID} /> : null}
      </main>
    </>
  );
}
