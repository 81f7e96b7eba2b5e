"""Read side: parameterised SQL over projection tables (asyncpg), never aggregates."""
