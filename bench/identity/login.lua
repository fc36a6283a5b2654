-- POST /api/v1/auth/login with the bench user's credentials (BENCH_EMAIL / BENCH_PASSWORD).
-- Reports successful logins per second; refusals (503 from the Argon2id admission gate when the
-- burst exceeds it) count as non2xx, and wrk retries them at once (it ignores Retry-After).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"email":"%s","password":"%s"}', os.getenv("BENCH_EMAIL"),
  os.getenv("BENCH_PASSWORD"))

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format(
    "SUMMARY requests=%d logins_ok_per_s=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f non2xx=%d socket_errors=%d\n",
    summary.requests, (summary.requests - summary.errors.status) / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, errors))
end
