import { UI } from '../labels';
import { useSession } from '../session';
import { Import } from './Import';
import { RunDesk } from './RunDesk';
import { TownDesk } from './TownDesk';

/** 工作台: the city admin's yearly cycle (import, run, 公示, 复核, 定档, download) or a town operator's objections. */
export function Workbench({ city, year, schemeId }: { city: string; year: number; schemeId: string }) {
  const { me, ownTown } = useSession();
  if (me?.role === 'CITY_ADMIN') {
    return (
      <>
        <h2>{UI.tabs.workbench}</h2>
        <Import year={year} />
        <RunDesk city={city} year={year} schemeId={schemeId} />
      </>
    );
  }
  if (me?.role === 'TOWN_OPERATOR' && ownTown) return <TownDesk city={city} year={year} town={ownTown} />;
  return <p className="muted">{UI.workbench.adminOnly}</p>;
}
