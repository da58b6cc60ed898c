import type { PinnedActor, PinnedNetwork, PinnedShare, PinnedSurvey } from '@quartier/reporting-core';
import { UpstreamAnswer } from '../upstream/service-client';
import {
  networkListSchema,
  networkMetricsSchema,
  surveyDetailSchema,
  surveyListSchema,
  surveyResultsSchema,
} from '../upstream/upstream.schemas';
import { inParallel, type Gathering } from './gathering';
import type { z } from 'zod';

// Survey highlights and network summaries as the owning services publish them to the reader:
// k-anonymous cells only (suppressed cells carry no number), actors whose identity the reader
// may not see without a name.

type SurveyResults = z.infer<typeof surveyResultsSchema>;
type IndicatorCell = SurveyResults['indicators'][number]['total'];

/** Shares are what a report pins of a survey: top-2-boxes and "any of" shares, not means. */
const PINNED_MEASURES = new Set(['topTwoBox', 'share']);

function pinnedShare(cell: IndicatorCell | undefined): PinnedShare | null {
  if (!cell || cell.suppressed) return 'suppressed';
  if (cell.value === null || cell.value === undefined) return null;
  return { share: cell.value, lower: cell.ci?.[0] ?? null, upper: cell.ci?.[1] ?? null };
}

/**
 * The survey's share items in the areas `keep` holds, read as the survey service publishes them
 * (its own "any of" share, its suppression); null when none of those areas is in the survey.
 */
export function pinnedSurveyItems(
  results: SurveyResults,
  keep: ReadonlySet<string>,
): Pick<PinnedSurvey, 'respondents' | 'items'> | null {
  const groups = [...results.areas, ...results.parents];
  const kept = groups.filter((a) => keep.has(a.areaId));
  if (kept.length === 0) return null;
  return {
    respondents: Object.fromEntries(kept.map((a) => [a.areaId, a.respondents])),
    items: results.indicators
      .filter((item) => PINNED_MEASURES.has(item.measure))
      .map((item) => {
        // Cells come in `areas` then `parents` order, as the groups do.
        const cells = [...item.areas, ...item.parents];
        const shares: Record<string, PinnedShare> = {};
        groups.forEach((group, i) => {
          if (!keep.has(group.areaId)) return;
          const share = pinnedShare(cells[i]);
          if (share !== null) shares[group.areaId] = share;
        });
        return { label: item.name, shares, total: pinnedShare(item.total) };
      }),
  };
}

/** The latest wave with released results (a wave still collecting may have none yet). */
async function latestResults(g: Gathering, survey: z.infer<typeof surveyDetailSchema>) {
  const waves = [...survey.waves].sort((a, b) => (a.closesOn < b.closesOn ? 1 : -1));
  for (const wave of waves) {
    const results = await g.client.get(
      'survey',
      `/api/survey/surveys/${survey.id}/results`,
      surveyResultsSchema,
      { wave: wave.id },
    );
    if (results.total.respondents !== null && results.total.respondents > 0) return { wave, results };
  }
  return null;
}

export async function gatherSurveys(g: Gathering, keep: ReadonlySet<string>): Promise<PinnedSurvey[]> {
  const list = await g.client.get('survey', '/api/survey/surveys', surveyListSchema, { limit: 200 });
  const surveys = await inParallel(
    list.items.map((entry) => async (): Promise<PinnedSurvey | null> => {
      const survey = await g.client.get('survey', `/api/survey/surveys/${entry.id}`, surveyDetailSchema);
      if (!survey.indicatorItems.some((i) => PINNED_MEASURES.has(i.measure))) return null;
      const found = await latestResults(g, survey);
      if (!found) return null;
      const pinned = pinnedSurveyItems(found.results, keep);
      if (!pinned) return null;
      return {
        id: survey.id,
        title: survey.title,
        k: found.results.k,
        wave: { id: found.wave.id, name: found.wave.name, closesOn: found.wave.closesOn },
        totalRespondents: found.results.total.respondents,
        ...pinned,
      };
    }),
    2,
  );
  return surveys.filter((s): s is PinnedSurvey => s !== null);
}

function strongestRole(brokerage: Record<string, number> | null | undefined): string | null {
  if (!brokerage) return null;
  let best: string | null = null;
  for (const [role, count] of Object.entries(brokerage))
    if (role !== 'total' && count > 0 && (best === null || count > brokerage[best])) best = role;
  return best;
}

/** The latest wave of every network whose area relates to the subjects (`relevant`). */
export async function gatherNetworks(
  g: Gathering,
  relevant: (areaId: string) => boolean,
): Promise<PinnedNetwork[]> {
  const list = await g.client.get('network', '/api/network/networks', networkListSchema);
  const networks = await inParallel(
    list.items
      .filter((n) => n.areaId !== null && relevant(n.areaId) && n.waves.length > 0)
      .map((network) => async (): Promise<PinnedNetwork | null> => {
        const wave = [...network.waves].sort((a, b) => (a.observedOn < b.observedOn ? 1 : -1))[0];
        let metrics;
        try {
          metrics = await g.client.get(
            'network',
            `/api/network/networks/${network.id}/waves/${wave.id}/metrics`,
            networkMetricsSchema,
          );
        } catch (error) {
          // A large wave not yet measured answers 409: the report leaves it out rather than wait.
          if (error instanceof UpstreamAnswer && error.status === 409) return null;
          throw error;
        }
        const actors: PinnedActor[] = metrics.actors.map((a) => ({
          name: a.identityHidden ? null : a.name,
          sector: a.sector,
          areaId: a.areaId,
          betweenness: a.betweenness ?? 0,
          role: strongestRole(a.brokerage),
        }));
        return {
          id: network.id,
          name: network.name,
          areaId: network.areaId,
          wave: { label: wave.label, observedOn: wave.observedOn },
          nodes: metrics.graph.nodes,
          edges: metrics.graph.edges,
          density: metrics.graph.density,
          actors,
        };
      }),
    2,
  );
  return networks.filter((n): n is PinnedNetwork => n !== null);
}
