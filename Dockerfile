FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY oms oms
COPY commands commands
COPY queries queries
COPY projections projections
COPY migrations migrations
RUN pip install --no-cache-dir .
# migrations/ is read from the source tree next to the installed package.
ENV PYTHONPATH=/app
EXPOSE 8080
CMD ["oms", "serve", "--no-projectors"]
