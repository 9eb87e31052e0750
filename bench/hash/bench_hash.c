/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench_hash: the RMM's hash backends (rmm/src/hash) side by side: SHA-256
 * and SHA-512 of the sizes the RMM hashes (64 B REM extensions, 0x100-byte
 * measurement descriptors, 4 KiB granules), one-shot (what the RMM calls:
 * OpenSSL reuses a per-thread EVP_MD_CTX) and incremental (init, update,
 * final: OpenSSL allocates a context each time), median ns per hash.
 * Usage: bench_hash [--json FILE]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_json.h"
#include "bench_time.h"
#include "rmm_hash.h"

#define RUNS 15U

static uint8_t buf[4096];

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median over RUNS batches of ns per hash; @incremental: init/update/final. */
static double cost(const struct rmm_hash_backend *be, enum rmm_hash_algo algo, size_t len,
		   int incremental)
{
	unsigned n = len >= 4096U ? 2000U : 20000U;
	double v[RUNS];
	uint8_t out[RMM_HASH_MAX_SIZE];

	rmm_hash_use(be);
	for (unsigned r = 0; r < RUNS; r++) {
		uint64_t t0 = bench_now_ns();

		for (unsigned i = 0; i < n; i++) {
			if (incremental) {
				struct rmm_hash_ctx ctx;

				rmm_hash_init(&ctx, algo);
				rmm_hash_update(&ctx, buf, len);
				rmm_hash_final(&ctx, out);
			} else {
				rmm_hash(algo, buf, len, out);
			}
			buf[0] ^= out[0]; /* a dependency, so no call is dropped */
		}
		v[r] = (double)(bench_now_ns() - t0) / n;
	}
	qsort(v, RUNS, sizeof(v[0]), cmp_double);
	return v[RUNS / 2];
}

int main(int argc, char **argv)
{
	static const size_t sizes[] = { 64, 256, 4096 };
	static const struct {
		enum rmm_hash_algo algo;
		const char *name;
	} algos[] = { { RMM_HASH_SHA256, "SHA-256" }, { RMM_HASH_SHA512, "SHA-512" } };
	size_t nbe;
	const struct rmm_hash_backend *const *be;

	bench_json_init(&argc, argv, "bench_hash");
	if (argc > 1) {
		fprintf(stderr, "usage: bench_hash [--json FILE]\n");
		return 2;
	}
	be = rmm_hash_backends(&nbe);
	printf("| hash (median ns per call) | backend | one-shot | init/update/final |\n");
	printf("| --- | --- | ---: | ---: |\n");
	for (size_t a = 0; a < sizeof(algos) / sizeof(algos[0]); a++) {
		for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			for (size_t b = 0; b < nbe; b++) {
				double one = cost(be[b], algos[a].algo, sizes[s], 0);
				double inc = cost(be[b], algos[a].algo, sizes[s], 1);
				char fig[64];

				printf("| %s of %zu B | %s%s | %.1f | %.1f |\n", algos[a].name, sizes[s],
				       be[b]->name, b == 0 ? " (default)" : "", one, inc);
				snprintf(fig, sizeof(fig), "%s of %zu B, %s", algos[a].name, sizes[s],
					 be[b]->name);
				bench_json(fig, one, "ns");
			}
		}
	}
	rmm_hash_use(NULL);
	bench_json_finish();
	return 0;
}
