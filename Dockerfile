# perses-cm image: the built web app and the server bundled into one ES module, on Node.js, run as
# a non-root numeric user. Build: `docker build -t perses-cm:<version> .`
#
# Both stages use the same base, pinned by exact tag and by digest (the multi-platform index).
# To move to a newer Node.js, change both and check the pair with
# `docker buildx imagetools inspect node:<tag>`.

FROM node:24.20.0-bookworm-slim@sha256:ba849c60be29959425b8734d57b8b4b7d56f98edd9504c9af091d5281095a71e AS build
# The pnpm version of package.json's packageManager field.
ARG PNPM_VERSION=10.34.8
RUN npm install --global pnpm@${PNPM_VERSION}
WORKDIR /src
# Dependencies first: `pnpm fetch` needs only the lockfile, so this layer is reused until
# dependencies change.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN pnpm fetch
COPY . .
RUN pnpm install --offline --frozen-lockfile \
      --filter @perses-cm/web... --filter @perses-cm/packaging...
RUN pnpm --filter @perses-cm/web build \
 && pnpm --filter @perses-cm/packaging bundle:server

FROM node:24.20.0-bookworm-slim@sha256:ba849c60be29959425b8734d57b8b4b7d56f98edd9504c9af091d5281095a71e AS runtime
# The runtime needs node alone: drop the package managers the base image ships.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-* \
      /usr/local/bin/yarn /usr/local/bin/yarnpkg
ENV NODE_ENV=production \
    PERSES_CM_HOST=0.0.0.0 \
    PERSES_CM_PORT=8080 \
    PERSES_CM_WEB_DIST=/app/apps/web/dist
WORKDIR /app
COPY --from=build /src/apps/server/dist/perses-cm.mjs /app/apps/server/dist/perses-cm.mjs
COPY --from=build /src/apps/web/dist /app/apps/web/dist
# 65532: the usual "nonroot" id; numeric so that Kubernetes can check runAsNonRoot.
USER 65532:65532
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/apps/server/dist/perses-cm.mjs"]
CMD ["serve"]
