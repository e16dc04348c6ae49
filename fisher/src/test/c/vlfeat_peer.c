/*
 * Test support for emkit's fisher module: runs VLFeat's own encoders (double API,
 * VL_TYPE_DOUBLE) on data written by the Java tests and writes the results back, so the Java
 * encoders are checked against VLFeat itself (VlfeatPeerTest). Built by the test with
 *
 *     gcc -O2 -std=c99 -o target/vlfeat-peer/vlfeat_peer src/test/c/vlfeat_peer.c -lvl -lm
 *
 * (Debian: apt-get install gcc libvlfeat-dev; headers in /usr/include/vl, libvl.so in the
 * default library path).
 *
 * Usage:
 *   vlfeat_peer fisher IN OUT      vl_fisher_encode for flags 0..7 on every set
 *   vlfeat_peer vlad IN OUT        vl_vlad_encode for flags 0..15, hard and soft assignments
 *   vlfeat_peer time-fisher IN REPS FLAGS THREADS
 *                                  prints the median seconds of REPS timed calls (after one
 *                                  warm-up) of vl_fisher_encode on the first set
 *   vlfeat_peer time-fisher-synthetic K D T REPS FLAGS THREADS SEED
 *                                  the same on a synthetic GMM and set drawn like emkit's
 *                                  bench FisherData (means N(0, 0.4^2), variances U(0.3, 1),
 *                                  weights U(0.5, 1.5) normalised; T descriptors from the GMM)
 *
 * All files are little-endian; integers are int64, reals float64.
 *
 * fisher IN:  D K N S | priors[K] means[K*D] variances[K*D] data[N*D] | setLengths[S]
 * fisher OUT: for flags = 0..7, for each set s: numTerms (int64) then enc[2*K*D]
 *             (VLFeat layout: all mean blocks, then all sigma blocks)
 * vlad IN:    D K N S | alpha | centres[K*D] data[N*D] | setLengths[S]
 * vlad OUT:   for kind = 0 (hard: vl_kmeans_quantize) and 1 (soft: exp(-alpha d2) / sum,
 *             d2 from vl_eval_vector_comparison_on_all_pairs_d with VlDistanceL2), for flags =
 *             0..15, for each set s: enc[K*D]
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <vl/fisher.h>
#include <vl/generic.h>
#include <vl/kmeans.h>
#include <vl/mathop.h>
#include <vl/vlad.h>

static void die(const char *msg, const char *arg) {
  fprintf(stderr, "vlfeat_peer: %s %s\n", msg, arg ? arg : "");
  exit(2);
}

static int64_t read_i64(FILE *f) {
  int64_t v;
  if (fread(&v, sizeof v, 1, f) != 1) die("short read (int64)", NULL);
  return v;
}

static double *read_f64(FILE *f, size_t n) {
  double *a = malloc(sizeof(double) * (n ? n : 1));
  if (!a) die("out of memory", NULL);
  if (n && fread(a, sizeof(double), n, f) != n) die("short read (float64)", NULL);
  return a;
}

static void write_f64(FILE *f, const double *a, size_t n) {
  if (n && fwrite(a, sizeof(double), n, f) != n) die("short write", NULL);
}

static void write_i64(FILE *f, int64_t v) {
  if (fwrite(&v, sizeof v, 1, f) != 1) die("short write", NULL);
}

typedef struct {
  int64_t d, k, n, s;
  double alpha;
  double *priors, *means, *variances, *data;
  int64_t *lengths;
} Input;

static void read_common(FILE *f, Input *in, int fisher) {
  in->d = read_i64(f);
  in->k = read_i64(f);
  in->n = read_i64(f);
  in->s = read_i64(f);
  if (in->d < 1 || in->k < 1 || in->n < 0 || in->s < 1) die("bad header", NULL);
  if (fisher) {
    in->priors = read_f64(f, in->k);
    in->means = read_f64(f, in->k * in->d);
    in->variances = read_f64(f, in->k * in->d);
  } else {
    double a;
    if (fread(&a, sizeof a, 1, f) != 1) die("short read (alpha)", NULL);
    in->alpha = a;
    in->means = read_f64(f, in->k * in->d);
  }
  in->data = read_f64(f, in->n * in->d);
  in->lengths = malloc(sizeof(int64_t) * in->s);
  int64_t total = 0;
  for (int64_t s = 0; s < in->s; s++) {
    in->lengths[s] = read_i64(f);
    total += in->lengths[s];
  }
  if (total != in->n) die("set lengths do not sum to N", NULL);
}

static int run_fisher(const char *inPath, const char *outPath) {
  FILE *f = fopen(inPath, "rb");
  if (!f) die("cannot open", inPath);
  Input in;
  read_common(f, &in, 1);
  fclose(f);
  FILE *o = fopen(outPath, "wb");
  if (!o) die("cannot create", outPath);
  size_t len = 2 * in.k * in.d;
  double *enc = malloc(sizeof(double) * len);
  for (int flags = 0; flags < 8; flags++) {
    int64_t start = 0;
    for (int64_t s = 0; s < in.s; s++) {
      vl_size terms = vl_fisher_encode(enc, VL_TYPE_DOUBLE, in.means, in.d, in.k, in.variances,
                                       in.priors, in.data + start * in.d, in.lengths[s], flags);
      write_i64(o, (int64_t)terms);
      write_f64(o, enc, len);
      start += in.lengths[s];
    }
  }
  if (fclose(o) != 0) die("cannot close", outPath);
  return 0;
}

static int run_vlad(const char *inPath, const char *outPath) {
  FILE *f = fopen(inPath, "rb");
  if (!f) die("cannot open", inPath);
  Input in;
  read_common(f, &in, 0);
  fclose(f);
  size_t kd = in.k * in.d;
  /* hard: VLFeat's own nearest-centre quantiser */
  double *hard = calloc(in.n * in.k + 1, sizeof(double));
  vl_uint32 *labels = malloc(sizeof(vl_uint32) * (in.n + 1));
  VlKMeans *km = vl_kmeans_new(VL_TYPE_DOUBLE, VlDistanceL2);
  vl_kmeans_set_centers(km, in.means, in.d, in.k);
  vl_kmeans_quantize(km, labels, NULL, in.data, in.n);
  for (int64_t i = 0; i < in.n; i++) hard[i * in.k + labels[i]] = 1.0;
  vl_kmeans_delete(km);
  /* soft: soft-max of -alpha times VLFeat's squared L2 distances; dist[k*N + i] */
  double *dist = malloc(sizeof(double) * (in.n * in.k + 1));
  vl_eval_vector_comparison_on_all_pairs_d(dist, in.d, in.data, in.n, in.means, in.k,
                                           vl_get_vector_comparison_function_d(VlDistanceL2));
  double *soft = malloc(sizeof(double) * (in.n * in.k + 1));
  for (int64_t i = 0; i < in.n; i++) {
    double best = -INFINITY, sum = 0;
    for (int64_t k = 0; k < in.k; k++) {
      double v = -in.alpha * dist[k * in.n + i];
      if (v > best) best = v;
    }
    for (int64_t k = 0; k < in.k; k++) {
      double e = exp(-in.alpha * dist[k * in.n + i] - best);
      soft[i * in.k + k] = e;
      sum += e;
    }
    for (int64_t k = 0; k < in.k; k++) soft[i * in.k + k] /= sum;
  }
  FILE *o = fopen(outPath, "wb");
  if (!o) die("cannot create", outPath);
  double *enc = malloc(sizeof(double) * kd);
  for (int kind = 0; kind < 2; kind++) {
    const double *assign = kind == 0 ? hard : soft;
    for (int flags = 0; flags < 16; flags++) {
      int64_t start = 0;
      for (int64_t s = 0; s < in.s; s++) {
        vl_vlad_encode(enc, VL_TYPE_DOUBLE, in.means, in.d, in.k, in.data + start * in.d,
                       in.lengths[s], assign + start * in.k, flags);
        write_f64(o, enc, kd);
        start += in.lengths[s];
      }
    }
  }
  if (fclose(o) != 0) die("cannot close", outPath);
  return 0;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static int run_time(const char *inPath, int reps, int flags, int threads) {
  FILE *f = fopen(inPath, "rb");
  if (!f) die("cannot open", inPath);
  Input in;
  read_common(f, &in, 1);
  fclose(f);
  vl_set_num_threads(threads);
  double *enc = malloc(sizeof(double) * 2 * in.k * in.d);
  double *t = malloc(sizeof(double) * reps);
  vl_fisher_encode(enc, VL_TYPE_DOUBLE, in.means, in.d, in.k, in.variances, in.priors, in.data,
                   in.lengths[0], flags);
  for (int r = 0; r < reps; r++) {
    double t0 = now();
    vl_fisher_encode(enc, VL_TYPE_DOUBLE, in.means, in.d, in.k, in.variances, in.priors, in.data,
                     in.lengths[0], flags);
    t[r] = now() - t0;
  }
  qsort(t, reps, sizeof(double), cmp_double);
  printf("%s %.6f %.6f\n", vl_get_version_string(), t[reps / 2], t[0]);
  return 0;
}

/* splitmix64 uniform in [0, 1) and Box-Muller normals: only for synthetic timing data */
static uint64_t rng_state;
static double uniform01(void) {
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return (z >> 11) * (1.0 / 9007199254740992.0);
}
static double normal01(void) {
  double u = uniform01(), v = uniform01();
  return sqrt(-2.0 * log(1.0 - u)) * cos(2.0 * VL_PI * v);
}

static int run_time_synthetic(int k, int d, int t, int reps, int flags, int threads, int seed) {
  rng_state = (uint64_t)seed;
  double *priors = malloc(sizeof(double) * k), *means = malloc(sizeof(double) * k * d);
  double *vars = malloc(sizeof(double) * k * d), *data = malloc(sizeof(double) * t * d);
  double sum = 0;
  for (int i = 0; i < k * d; i++) means[i] = 0.4 * normal01();
  for (int i = 0; i < k * d; i++) vars[i] = 0.3 + 0.7 * uniform01();
  for (int c = 0; c < k; c++) sum += priors[c] = 0.5 + uniform01();
  for (int c = 0; c < k; c++) priors[c] /= sum;
  for (int i = 0; i < t; i++) {
    double u = uniform01(), acc = 0;
    int c = 0;
    while (c < k - 1 && (acc += priors[c]) <= u) c++;
    for (int j = 0; j < d; j++) data[i * d + j] = means[c * d + j] + sqrt(vars[c * d + j]) * normal01();
  }
  vl_set_num_threads(threads);
  double *enc = malloc(sizeof(double) * 2 * k * d);
  double *tm = malloc(sizeof(double) * reps);
  vl_fisher_encode(enc, VL_TYPE_DOUBLE, means, d, k, vars, priors, data, t, flags);
  for (int r = 0; r < reps; r++) {
    double t0 = now();
    vl_fisher_encode(enc, VL_TYPE_DOUBLE, means, d, k, vars, priors, data, t, flags);
    tm[r] = now() - t0;
  }
  qsort(tm, reps, sizeof(double), cmp_double);
  printf("%s K=%d D=%d T=%d flags=%d threads=%d median %.6f s min %.6f s (%.1f FV/s)\n",
         vl_get_version_string(), k, d, t, flags, threads, tm[reps / 2], tm[0], 1.0 / tm[reps / 2]);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 4 && !strcmp(argv[1], "fisher")) return run_fisher(argv[2], argv[3]);
  if (argc == 4 && !strcmp(argv[1], "vlad")) return run_vlad(argv[2], argv[3]);
  if (argc == 6 && !strcmp(argv[1], "time-fisher"))
    return run_time(argv[2], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]));
  if (argc == 9 && !strcmp(argv[1], "time-fisher-synthetic"))
    return run_time_synthetic(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atoi(argv[5]),
                              atoi(argv[6]), atoi(argv[7]), atoi(argv[8]));
  fprintf(stderr, "usage: vlfeat_peer fisher|vlad IN OUT | time-fisher IN REPS FLAGS THREADS"
                  " | time-fisher-synthetic K D T REPS FLAGS THREADS SEED\n");
  return 2;
}
