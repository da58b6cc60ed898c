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

type ResultCell = z.infer<typeof surveyResultsSchema>['questions'][number]['total'];
type Highlight = z.infer<typeof surveyDetailSchema>['indicatorItems'][number];

function shareOf(cell: ResultCell | undefined, item: Highlight): PinnedShare | null {
  if (!cell || cell.suppressed) return 'suppressed';
  if (item.measure === 'topTwoBox') {
    if (!cell.topTwoBox || cell.topTwoBox.share === null) return null;
    return {
      share: cell.topTwoBox.share,
      lower: cell.topTwoBox.ci?.[0] ?? null,
      upper: cell.topTwoBox.ci?.[1] ?? null,
    };
  }
  if (item.measure === 'share' && cell.options) {
    const chosen = cell.options.filter((o) => item.options.includes(o.option));
    if (chosen.length === 0) return null;
    const single = chosen.length === 1 ? chosen[0] : null;
    return {
      share: chosen.reduce((s, o) => s + o.share, 0),
      lower: single?.ci?.[0] ?? null,
      upper: single?.ci?.[1] ?? null,
    };
  }
  return null;
}

/** The latest wave with released results (a wave still collecting may have none yet). */
async function latestResults(g: Gathering, survey: z.infer<typeof surveyDetailSchema>) {
  const waves = [...survey.waves].sort((a, b) => (a.closesOn < b.closesOn ? 1 : -1));
  for (const wave of waves) {
    const results = await g.client.get(
      'survey',
      `/api/survey/surveys/${survey.id}/results`,
      surveyResultsSchema,
      {
        wave: wave.id,
      },
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
      const items = survey.indicatorItems.filter((i) => i.measure === 'topTwoBox' || i.measure === 'share');
      if (items.length === 0) return null;
      const found = await latestResults(g, survey);
      if (!found) return null;
      const groups = [...found.results.areas, ...found.results.parents].filter((a) => keep.has(a.areaId));
      if (groups.length === 0) return null;
      const byQuestion = new Map(found.results.questions.map((q) => [q.question, q]));
      return {
        id: survey.id,
        title: survey.title,
        k: found.results.k,
        wave: { id: found.wave.id, name: found.wave.name, closesOn: found.wave.closesOn },
        respondents: Object.fromEntries(groups.map((a) => [a.areaId, a.respondents])),
        totalRespondents: found.results.total.respondents,
        items: items.map((item) => {
          const question = byQuestion.get(item.question);
          const cells = new Map(
            [...(question?.areas ?? []), ...(question?.parents ?? [])].map((c) => [c.group, c]),
          );
          const shares: Record<string, PinnedShare> = {};
          for (const group of groups) {
            const share = shareOf(cells.get(group.key), item);
            if (share !== null) shares[group.areaId] = share;
          }
          return { label: item.name, shares, total: question ? shareOf(question.total, item) : null };
        }),
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
