import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Failure, Loading } from '../components/ui/state-message.tsx';
import { ApiKeyPrompt } from '../features/access/components/api-key-prompt.tsx';
import { RangePicker } from '../features/date-range/components/range-picker.tsx';
import { useDateRange, type DateRangeSelection } from '../features/date-range/hooks/use-date-range.ts';
import { useOverview } from '../features/overview/api/use-overview.ts';
import { OverviewCards } from '../features/overview/components/overview-cards.tsx';
import { OverviewChart } from '../features/overview/components/overview-chart.tsx';
import { useDataStatus } from '../features/pipeline/api/use-data-status.ts';
import { DataStatus } from '../features/pipeline/components/data-status.tsx';
import { PipelineControl } from '../features/pipeline/components/pipeline-control.tsx';
import { useDashboardTree } from '../features/tree/api/use-dashboard-tree.ts';
import { TreeTable } from '../features/tree/components/tree-table.tsx';

function Overview({ selection }: { selection: DateRangeSelection }) {
  const overview = useOverview(selection.range, selection.compareTo);
  if (overview.isPending) return <Loading what="the overview" />;
  if (overview.isError) return <Failure error={overview.error} what="the overview" />;
  const { metrics, comparison, spend, revenue } = overview.data.overview;
  return (
    <section className="overview" aria-busy={overview.isPlaceholderData}>
      <OverviewCards metrics={metrics} comparison={comparison} />
      <OverviewChart spend={spend} revenue={revenue} />
    </section>
  );
}

function Tree({ selection }: { selection: DateRangeSelection }) {
  const tree = useDashboardTree(selection.range, selection.compareTo);
  if (tree.isPending) return <Loading what="campaigns" />;
  if (tree.isError) return <Failure error={tree.error} what="campaigns" />;
  return (
    <div aria-busy={tree.isPlaceholderData} className={tree.isPlaceholderData ? 'refreshing' : undefined}>
      <TreeTable tree={tree.data} range={selection.range} compareTo={selection.compareTo} />
    </div>
  );
}

/** When another run is published (seen in the data status), every other answer is fetched again. */
function useRefreshOnNewRun(lastRunAt: string | null | undefined) {
  const queryClient = useQueryClient();
  const seen = useRef(lastRunAt);
  useEffect(() => {
    if (seen.current !== undefined && seen.current !== lastRunAt) {
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'data-status' });
    }
    seen.current = lastRunAt;
  }, [lastRunAt, queryClient]);
}

function Dashboard({ lastDay }: { lastDay: string }) {
  const selection = useDateRange(lastDay);
  return (
    <>
      <RangePicker selection={selection} />
      <Overview selection={selection} />
      <Tree selection={selection} />
    </>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

export function App() {
  const status = useDataStatus();
  useRefreshOnNewRun(status.data?.dataStatus.lastRunAt);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Ads dashboard</h1>
          {status.data && <DataStatus status={status.data.dataStatus} />}
          {status.isError && <Failure error={status.error} what="the data status" />}
        </div>
        <PipelineControl />
      </header>
      <ApiKeyPrompt />
      <main>
        {status.isPending ? (
          <Loading what="the data status" />
        ) : (
          <Dashboard lastDay={status.data?.dataStatus.lastDay ?? status.data?.dataStatus.asOf ?? today()} />
        )}
      </main>
      <footer className="page-footer">
        Every number comes from the GraphQL API — explore it in <a href="/graphql">GraphiQL</a>.
      </footer>
    </div>
  );
}
