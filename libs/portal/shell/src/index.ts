export * from './lib/layout/layout';
export * from './lib/auth-callback/auth-callback';
export * from './lib/about/about';
export * from './lib/coming-soon/coming-soon';
export * from './lib/status-pages/forbidden';
export * from './lib/status-pages/not-found';
export * from './lib/route-focus';
export * from './lib/translated-title';
