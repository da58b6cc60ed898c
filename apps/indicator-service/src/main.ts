import { IndicatorApiModule, INDICATOR_DOCS } from '@quartier/indicator-api';
import { createReadModelAccessDirectory, runService } from '@quartier/service-kit';

void runService({
  service: 'indicator',
  module: (runtime) => IndicatorApiModule.forRoot(runtime),
  accessDirectory: createReadModelAccessDirectory('indicator'),
  docs: { ...INDICATOR_DOCS, modules: [IndicatorApiModule] },
  streamedBodyPaths: INDICATOR_DOCS.streamedBodyPaths,
});
