-- wrk script: cycles through the query mix's API paths (one a line, from bench_inputs --urls),
-- each thread from its own offset, and prints one JSON line of figures when done.
--   wrk -t2 -c16 -d15s -s bench/wrk-mix.lua http://127.0.0.1:8080 -- urls.txt
local paths = {}
local next_path = 1

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  next_path = math.random(#paths)
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

-- "errors" counts every failed request but the non-2xx ones; its kinds follow ("timeouts":
-- no answer within wrk's 2 s).
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "requests_per_s": %.1f, "errors": %d, ' ..
    '"timeouts": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, ' ..
    '"non_2xx": %d, "p50_ms": %.3f, "p99_ms": %.3f, "mean_ms": %.3f}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    errors.connect + errors.read + errors.write + errors.timeout,
    errors.timeout, errors.connect, errors.read, errors.write, errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.mean / 1000))
end
