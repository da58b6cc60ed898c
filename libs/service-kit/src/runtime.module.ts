import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { RUNTIME_CONFIG, type RuntimeConfig } from './runtime';

@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: RuntimeConfig): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: RUNTIME_CONFIG, useValue: runtime },
        { provide: Clock, useValue: runtime.clock ?? new SystemClock() },
      ],
      exports: [RUNTIME_CONFIG, Clock],
    };
  }
}
