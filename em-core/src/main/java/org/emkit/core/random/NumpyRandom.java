package org.emkit.core.random;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.emkit.core.validation.Check;

/**
 * numpy's legacy {@code RandomState} (MT19937), reproduced bit for bit so that emkit draws the
 * same numbers as bob.learn.em, scikit-learn and numpy scripts seeded with an integer.
 *
 * <p><b>Algorithm.</b>
 *
 * <ul>
 *   <li>Seeding ({@code np.random.seed(s)} with an integer): Matsumoto–Nishimura
 *       {@code init_genrand}: {@code mt[0] = s}, {@code mt[i] = 1812433253 (mt[i-1] ^ (mt[i-1] >>> 30))
 *       + i (mod 2^32)}; the cached Gaussian is discarded.
 *   <li>{@link #rand()} ({@code random_sample}): {@code a = u32 >>> 5}, {@code b = u32 >>> 6},
 *       value {@code (a·2^26 + b) / 2^53}; the first word gives the high 27 bits.
 *   <li>{@link #randn()} ({@code legacy_gauss}): Marsaglia's polar method; of each accepted pair
 *       {@code f·x2} is returned and {@code f·x1} cached for the next call.
 *   <li>{@link #randint(long, long)}: masked rejection sampling on 32-bit words (64-bit words,
 *       high word first, when the range needs more than 32 bits), as numpy's
 *       {@code random_bounded_uint64_fill(use_masked=True)}.
 *   <li>{@link #permutation(int)}: Fisher–Yates from the end with numpy's
 *       {@code random_interval}.
 * </ul>
 *
 * <p>Arrays are filled in row-major order, as numpy fills them.
 *
 * <p><b>Thread safety.</b> Not thread-safe: one instance per thread or task.
 *
 * <p><b>References.</b>
 *
 * <ol>
 *   <li>M. Matsumoto and T. Nishimura, "Mersenne Twister: a 623-dimensionally equidistributed
 *       uniform pseudo-random number generator", ACM TOMACS 8(1), 1998.
 *       https://doi.org/10.1145/272991.272995
 *   <li>G. Marsaglia and T. A. Bray, "A convenient method for generating normal variables", SIAM
 *       Review 6(3), 1964. https://doi.org/10.1137/1006063
 *   <li>numpy {@code numpy/random/src/legacy/legacy-distributions.c} and
 *       {@code numpy/random/src/distributions/distributions.c}.
 * </ol>
 */
public final class NumpyRandom {

  private static final String OWNER = "NumpyRandom";
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;
  /** 2^26, the scale of the high word in {@code random_sample}. */
  private static final double TWO_POW_26 = 67108864.0;
  /** 2^53, the denominator of {@code random_sample}. */
  private static final double TWO_POW_53 = 9007199254740992.0;

  /**
   * The logarithm of the polar method: the C library's (as numpy) when the JVM allows native
   * access, otherwise a correctly rounded one (see {@link #usesNativeLog()}).
   */
  private static final DoubleUnaryOperator LOG = loadLog();

  private final int[] mt = new int[N];
  private int mti;
  private boolean hasGauss;
  private double gauss;

  private static DoubleUnaryOperator loadLog() {
    try {
      Class<?> c = Class.forName("org.emkit.core.random.NativeLibmLog");
      java.lang.reflect.Method m = c.getDeclaredMethod("create");
      m.setAccessible(true);
      return (DoubleUnaryOperator) m.invoke(null);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return new ExactLogOperator();
    }
  }

  /**
   * Whether Gaussian draws use the C library's {@code log}, as numpy does. Then draws equal
   * numpy's bit for bit on the same platform. Otherwise a correctly rounded logarithm is used;
   * glibc's differs from it in its last bit for roughly one argument in 10⁴, which changes the
   * last bit of the corresponding pair of draws. Native access needs the JVM options
   * {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}.
   *
   * @return whether the native libm log is in use
   */
  public static boolean usesNativeLog() {
    return !(LOG instanceof ExactLogOperator);
  }

  /**
   * Creates a generator seeded as {@code numpy.random.RandomState(seed)}.
   *
   * @param seed integer seed in {@code [0, 2^32 - 1]}
   */
  public NumpyRandom(long seed) {
    seed(seed);
  }

  /**
   * Re-seeds as {@code np.random.seed(seed)}: resets the stream and the Gaussian cache.
   *
   * @param seed integer seed in {@code [0, 2^32 - 1]}
   */
  public void seed(long seed) {
    Check.seed(OWNER + ".seed", seed);
    int s = (int) seed;
    for (int pos = 0; pos < N; pos++) {
      mt[pos] = s;
      s = 1812433253 * (s ^ (s >>> 30)) + pos + 1;
    }
    mti = N;
    hasGauss = false;
    gauss = 0.0;
  }

  /** @return the next raw 32-bit output (genrand_int32), as an unsigned value in a long */
  public long nextUint32() {
    return nextInt() & 0xFFFFFFFFL;
  }

  private int nextInt() {
    if (mti >= N) {
      generate();
    }
    int y = mt[mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  private void generate() {
    int kk;
    int y;
    for (kk = 0; kk < N - M; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
    mti = 0;
  }

  private long nextUint64() {
    long hi = nextUint32();
    long lo = nextUint32();
    return (hi << 32) | lo;
  }

  /** @return a uniform double in [0, 1) ({@code random_sample}, {@code rand}) */
  public double rand() {
    long a = nextUint32() >>> 5;
    long b = nextUint32() >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  /**
   * @param n number of values
   * @return {@code rand(n)}
   */
  public double[] rand(int n) {
    Check.atLeast(OWNER + ".rand", "n", n, 0);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = rand();
    }
    return out;
  }

  /**
   * @param low lower bound
   * @param high upper bound
   * @return {@code uniform(low, high)} = {@code low + (high - low) * rand()}
   */
  public double uniform(double low, double high) {
    return low + (high - low) * rand();
  }

  /** @return a standard normal draw ({@code randn}, legacy polar method with cache) */
  public double randn() {
    if (hasGauss) {
      double t = gauss;
      hasGauss = false;
      gauss = 0.0;
      return t;
    }
    double x1;
    double x2;
    double r2;
    do {
      x1 = 2.0 * rand() - 1.0;
      x2 = 2.0 * rand() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = Math.sqrt(-2.0 * LOG.applyAsDouble(r2) / r2);
    gauss = f * x1;
    hasGauss = true;
    return f * x2;
  }

  /**
   * @param n number of values
   * @return {@code randn(n)}
   */
  public double[] randn(int n) {
    return normal(0.0, 1.0, n);
  }

  /**
   * @param loc mean
   * @param scale standard deviation, {@code >= 0}
   * @param n number of values
   * @return {@code normal(loc, scale, n)}, each {@code loc + scale * randn()}
   */
  public double[] normal(double loc, double scale, int n) {
    Check.atLeast(OWNER + ".normal", "n", n, 0);
    Check.nonNegative(OWNER + ".normal", "scale", scale);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = loc + scale * randn();
    }
    return out;
  }

  /**
   * Uniform integer in {@code [low, high)} as {@code randint(low, high)} with the default int64
   * dtype.
   *
   * @param low inclusive lower bound
   * @param high exclusive upper bound, {@code > low}
   * @return the draw
   */
  public long randint(long low, long high) {
    if (high <= low) {
      throw new IllegalArgumentException(
          OWNER + ".randint: high must be > low, got low=" + low + ", high=" + high);
    }
    long rng = high - 1 - low;
    if (rng == 0) {
      return low;
    }
    if (Long.compareUnsigned(rng, 0xFFFFFFFFL) < 0) {
      long mask = mask(rng);
      long v;
      while ((v = nextUint32() & mask) > rng) {
        // rejection
      }
      return low + v;
    }
    if (rng == 0xFFFFFFFFL) {
      return low + nextUint32();
    }
    long mask = mask(rng);
    long v;
    while (Long.compareUnsigned(v = nextUint64() & mask, rng) > 0) {
      // rejection
    }
    return low + v;
  }

  /**
   * @param low inclusive lower bound
   * @param high exclusive upper bound
   * @param n number of draws
   * @return {@code randint(low, high, size=n)}
   */
  public long[] randint(long low, long high, int n) {
    Check.atLeast(OWNER + ".randint", "n", n, 0);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = randint(low, high);
    }
    return out;
  }

  private static long mask(long max) {
    long m = max;
    m |= m >>> 1;
    m |= m >>> 2;
    m |= m >>> 4;
    m |= m >>> 8;
    m |= m >>> 16;
    m |= m >>> 32;
    return m;
  }

  /** numpy {@code random_interval(max)}: uniform in [0, max] by masked rejection. */
  private long interval(long max) {
    if (max == 0) {
      return 0;
    }
    long mask = mask(max);
    long v;
    if (max <= 0xFFFFFFFFL) {
      while ((v = nextUint32() & mask) > max) {
        // rejection
      }
    } else {
      while (Long.compareUnsigned(v = nextUint64() & mask, max) > 0) {
        // rejection
      }
    }
    return v;
  }

  /**
   * Shuffles {@code values} in place as {@code RandomState.shuffle} on a 1-D array.
   *
   * @param values the array to shuffle; <b>modified</b>
   */
  public void shuffle(int[] values) {
    Objects.requireNonNull(values, "values");
    for (int i = values.length - 1; i >= 1; i--) {
      int j = (int) interval(i);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  /**
   * @param n size
   * @return {@code permutation(n)}: a shuffled {@code arange(n)}
   */
  public int[] permutation(int n) {
    Check.atLeast(OWNER + ".permutation", "n", n, 0);
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    shuffle(a);
    return a;
  }

  /**
   * {@code choice(populationSize, size, replace, p=None)}: with replacement this is
   * {@code randint(0, populationSize, size)}; without, the first {@code size} entries of
   * {@code permutation(populationSize)}.
   *
   * @param populationSize number of items, {@code >= 1}
   * @param size number of draws
   * @param replace whether to draw with replacement
   * @return the chosen indices
   */
  public int[] choice(int populationSize, int size, boolean replace) {
    Check.atLeast(OWNER + ".choice", "populationSize", populationSize, 1);
    Check.atLeast(OWNER + ".choice", "size", size, 0);
    if (replace) {
      int[] out = new int[size];
      for (int i = 0; i < size; i++) {
        out[i] = (int) randint(0, populationSize);
      }
      return out;
    }
    if (size > populationSize) {
      throw new IllegalArgumentException(
          OWNER + ".choice: size must be in [0, populationSize = " + populationSize
              + "] without replacement, got " + size);
    }
    return Arrays.copyOf(permutation(populationSize), size);
  }

  /**
   * {@code choice(len(p), size, replace=True, p=p)}: inverse-CDF sampling with
   * {@code cdf = cumsum(p) / cdf[-1]} and {@code searchsorted(cdf, rand(), side='right')}.
   *
   * @param p probabilities (non-negative, positive sum); not modified
   * @param size number of draws
   * @return the chosen indices
   */
  public int[] choice(double[] p, int size) {
    Objects.requireNonNull(p, "p");
    Check.nonNegative(OWNER + ".choice", "p", p);
    double[] cdf = new double[p.length];
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += p[i];
      cdf[i] = s;
    }
    if (!(s > 0)) {
      throw new IllegalArgumentException(OWNER + ".choice: p must have a positive sum, got " + s);
    }
    for (int i = 0; i < cdf.length; i++) {
      cdf[i] /= s;
    }
    int[] out = new int[size];
    for (int k = 0; k < size; k++) {
      out[k] = searchSortedRight(cdf, rand());
    }
    return out;
  }

  /**
   * numpy {@code searchsorted(a, v, side='right')}: the first index whose value is {@code > v}.
   *
   * @param sorted non-decreasing values
   * @param v query
   * @return insertion index in {@code [0, sorted.length]}
   */
  public static int searchSortedRight(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * numpy {@code searchsorted(a, v, side='left')}: the first index whose value is {@code >= v}.
   *
   * @param sorted non-decreasing values
   * @param v query
   * @return insertion index in {@code [0, sorted.length]}
   */
  public static int searchSortedLeft(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The portable fallback logarithm. */
  private static final class ExactLogOperator implements DoubleUnaryOperator {
    @Override
    public double applyAsDouble(double x) {
      return ExactLog.log(x);
    }
  }
}
