# One image for every OMS process (api, projectors, migrate), the web UI built in.
# Stage 1: the API's OpenAPI document, from which the UI's types are generated.
FROM python:3.11-slim AS api
WORKDIR /app
COPY pyproject.toml README.md ./
COPY oms oms
COPY commands commands
COPY queries queries
COPY projections projections
COPY migrations migrations
RUN pip install --no-cache-dir . && oms openapi > /app/openapi.json

# Stage 2: the web UI (npm ci from the committed lockfile, type-checked, built).
FROM node:20-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web ./
COPY --from=api /app/openapi.json ./openapi.json
RUN npm run build

# Stage 3: what runs.
FROM python:3.11-slim
WORKDIR /app
COPY --from=api /usr/local/lib/python3.11/site-packages /usr/local/lib/python3.11/site-packages
COPY --from=api /usr/local/bin/oms /usr/local/bin/oms
COPY --from=api /app /app
COPY --from=web /web/dist web/dist
# migrations/ and web/dist are read from the source tree next to the package.
ENV PYTHONPATH=/app OMS_HOST=0.0.0.0
EXPOSE 8080
CMD ["oms", "serve", "--no-projectors"]
