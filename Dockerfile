# syntax=docker/dockerfile:1
# The API image. docker-compose.yml runs it next to Neo4j.

# ---- build: compile TypeScript with the dev dependencies ----
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY web ./web
COPY scripts/build-explorer.mjs ./scripts/
# Emits dist/src/**.js (rootDir is the repository root) and the explorer page in dist/explorer.
RUN npm run build

# ---- runtime: production dependencies and the compiled code only ----
FROM node:20-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# Read at run time: the Cypher statements (found next to package.json) and the API description.
COPY cypher ./cypher
COPY openapi.yaml ./
# Files stay root-owned and read-only for the unprivileged user the image ships with.
USER node
EXPOSE 3000
CMD ["node", "dist/src/server.js"]
