import { Global, Module, type DynamicModule } from '@nestjs/common';
import { RUNTIME_CONFIG, type RuntimeConfig } from './runtime';

@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: RuntimeConfig): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [{ provide: RUNTIME_CONFIG, useValue: runtime }],
      exports: [RUNTIME_CONFIG],
    };
  }
}
