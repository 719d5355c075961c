# SPDX-License-Identifier: ISC
# The benchmark suite (contrib/bench/README), not part of `make check`:
#   make bench [BENCH_SIZES="10k 100k 1M"] [BENCH_RUNS=5] [BENCH_OPS=...]
#   make bench-smoke   (smallest size, one run, small counts: for CI)
# Productions are generated once into $(BENCH_WORK) and reused.
BENCH_SIZES = 10k 100k 1M
BENCH_RUNS = 5
BENCH_OPS = tui-open,tui-keys,stats,report,import,adds,download,jobs
BENCH_WORK = $(abs_builddir)/bench-work
BENCH = $(PYTHON3) $(top_srcdir)/contrib/bench/bench.py \
	--takeboard $(abs_builddir)/src/takeboard
PYTHON3 = python3

bench: all
	$(BENCH) --work $(BENCH_WORK) --sizes "$(BENCH_SIZES)" \
	    --runs $(BENCH_RUNS) \
	    --ops $(BENCH_OPS) --json $(BENCH_WORK)/bench.json

bench-smoke: all
	$(BENCH) --smoke --work $(BENCH_WORK)-smoke

clean-bench:
	rm -rf $(BENCH_WORK) $(BENCH_WORK)-smoke

EXTRA_DIST += contrib/bench/README contrib/bench/bench.py \
	contrib/bench/genprod.py contrib/bench/benchmock.py

.PHONY: bench bench-smoke clean-bench
