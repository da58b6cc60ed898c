# syntax=docker/dockerfile:1.7
# Quartier images for the distributed mode (docker-compose.yml, k8s/):
#   docker build --target server -t quartier/server .   one image for every service
#   docker build --target portal -t quartier/portal .   nginx with the built Angular portal
# The server image runs the service named by SERVICE (any apps/<name>-service of the build:
# registry, survey, …), or whatever command is given, e.g.
#   docker run -e SERVICE=registry … quartier/server
#   docker run … quartier/server node dist/server/apps/registry-service/src/main.js
# Config is read from the environment at start (libs/service-kit/src/config.ts).

ARG NODE_IMAGE=node:24-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28-alpine

# ---- build: full dependency tree (Angular, swc, Nx are devDependencies), then compile -------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# Server code (swc) → dist/server, Angular portal → dist/portal/browser.
RUN node tools/build.mjs

# ---- runtime dependencies only ---------------------------------------------------------------
# --omit=optional drops embedded-postgres' PostgreSQL binaries (platform packages): containers
# always get a DATABASE_URL. --ignore-scripts: no production dependency needs an install
# script, so none gets to run one.
FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund

# ---- server: any service ------------------------------------------------------------------
FROM ${NODE_IMAGE} AS server
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist/server ./dist/server
# The node image's unprivileged user; the file system stays root-owned and read-only to it.
USER node
EXPOSE 3000
# SERVICE=<name> starts dist/server/apps/<name>-service/src/main.js, so a new service needs no
# change here. Anything else (unset, not a plain lowercase name, or no such entry point) exits
# 64 naming the services this image contains. `exec` replaces the shell with node, so SIGTERM
# from `docker stop` or a pod deletion reaches the service itself, which then drains HTTP and
# leaves its Kafka consumer group cleanly.
CMD ["/bin/sh", "-c", "\
service=\"${SERVICE:-}\"; \
case \"$service\" in ''|*[!a-z0-9-]*) ;; *) \
  main=\"dist/server/apps/$service-service/src/main.js\"; \
  if [ -f \"$main\" ]; then exec node \"$main\"; fi ;; \
esac; \
available=''; \
for main in dist/server/apps/*-service/src/main.js; do \
  [ -f \"$main\" ] || continue; \
  name=\"${main#dist/server/apps/}\"; \
  available=\"${available:+$available, }${name%-service/src/main.js}\"; \
done; \
echo \"SERVICE must be one of ${available:-(none: no dist/server/apps/*-service)} (got '$service'), or pass the command explicitly\" >&2; \
exit 64"]

# ---- portal: nginx serving the portal and routing /api/<service>/ ---------------------------
FROM ${NGINX_IMAGE} AS portal
COPY infra/nginx/conf.d/default.conf /etc/nginx/conf.d/default.conf
COPY infra/nginx/snippets/ /etc/nginx/snippets/
# Start-up scripts: the gateway's resolver (30-…) and the portal configuration (40-…).
COPY --chmod=0755 infra/nginx/docker-entrypoint.d/ /docker-entrypoint.d/
COPY --from=build /app/dist/portal/browser /usr/share/nginx/html
EXPOSE 8080
