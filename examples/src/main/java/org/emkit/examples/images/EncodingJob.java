package org.emkit.examples.images;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emkit.cluster.KMeansMachine;
import org.emkit.core.Matrix;
import org.emkit.core.internal.Parallel;
import org.emkit.fisher.Assignment;
import org.emkit.fisher.BagOfWordsEncoder;
import org.emkit.fisher.BagOfWordsOptions;
import org.emkit.fisher.DescriptorEncoder;
import org.emkit.fisher.FisherVectorEncoder;
import org.emkit.fisher.ImageSize;
import org.emkit.fisher.MassNormalization;
import org.emkit.fisher.PowerNormalization;
import org.emkit.fisher.PyramidNormalization;
import org.emkit.fisher.SpatialPyramid;
import org.emkit.fisher.SpatialPyramidEncoder;
import org.emkit.fisher.TermWeighting;
import org.emkit.fisher.VLADEncoder;
import org.emkit.fisher.VLADOptions;
import org.emkit.fisher.VectorNormalization;
import org.emkit.linear.VectorSource;
import org.emkit.mixture.GMMMachine;

/**
 * Encodes every image of the experiment once for one or more variants that share an E-step,
 * and stores the encodings in single precision for the classifier.
 */
abstract class EncodingJob {

  /** Rows (images) per chunk when materialising derived encodings. */
  private static final int CHUNK_ROWS = 256;

  final int rows;
  final List<Variant> variants;
  double encodeSeconds;

  EncodingJob(int rows, List<Variant> variants) {
    this.rows = rows;
    this.variants = List.copyOf(variants);
  }

  /** @return floats kept in memory for all rows */
  abstract long storedFloats();

  /** Allocates the storage (called once, before the first batch). */
  abstract void allocate();

  /** Encodes a batch whose first image is row {@code firstRow}. */
  abstract void encode(DescriptorPipeline.Batch batch, ImageSize size, int firstRow, int threads);

  /**
   * @return the stored or derived encodings of a variant, all rows; derived ones are
   *     materialised now (and may be dropped by the caller after use)
   */
  abstract VectorSource source(Variant v, int threads);

  /**
   * Seconds one thread takes to encode the timing batch directly with the variant's encoder.
   */
  abstract double timeEncoding(Variant v, DescriptorPipeline.Batch batch, ImageSize size);

  /** Releases the storage. */
  abstract void release();

  static double time(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return (System.nanoTime() - t0) / 1e9;
  }

  // --------------------------------------------------------------------------------------------

  /**
   * Fisher-vector variants and soft-BoV at one K, from the all-block raw Fisher vector. With
   * more than {@link #DERIVE_LATER} Fisher-vector variants the raw encoding is stored (in single
   * precision) and each variant is derived when it is classified; otherwise, and always for
   * soft-BoV (whose derivation cancels, see {@link FisherDerivation}), the variants are derived
   * from the double-precision raw encoding of each batch and stored.
   */
  static final class Fisher extends EncodingJob {
    /** With more Fisher-vector variants than this the raw encoding is stored. */
    private static final int DERIVE_LATER = 2;

    private final FisherVectorEncoder raw;
    private final Map<Variant, FisherDerivation> derivations = new LinkedHashMap<>();
    private final boolean storeRaw;
    private FloatRows rawRows;
    private final Map<Variant, FloatRows> direct = new LinkedHashMap<>();

    Fisher(int rows, List<Variant> variants, GMMMachine gmm) {
      super(rows, variants);
      raw = FisherVectorEncoder.of(gmm, FisherDerivation.rawOptions());
      int fisherVariants = 0;
      for (Variant v : variants) {
        derivations.put(v, new FisherDerivation(v.encoding(), gmm));
        fisherVariants += v.encoding() == Encoding.SOFT_BOV ? 0 : 1;
      }
      storeRaw = fisherVariants > DERIVE_LATER;
    }

    private boolean storedDirectly(Variant v) {
      return !storeRaw || v.encoding() == Encoding.SOFT_BOV;
    }

    /** @return floats of the largest variant materialised from the raw store (0 if none) */
    long materialisedFloats() {
      long n = 0;
      for (Map.Entry<Variant, FisherDerivation> e : derivations.entrySet()) {
        if (!storedDirectly(e.getKey())) {
          n = Math.max(n, (long) rows * e.getValue().length());
        }
      }
      return n;
    }

    @Override
    long storedFloats() {
      long n = storeRaw ? (long) rows * raw.length() : 0;
      for (Map.Entry<Variant, FisherDerivation> e : derivations.entrySet()) {
        if (storedDirectly(e.getKey())) {
          n += (long) rows * e.getValue().length();
        }
      }
      return n;
    }

    @Override
    void allocate() {
      if (storeRaw) {
        rawRows = new FloatRows(rows, raw.length());
      }
      for (Map.Entry<Variant, FisherDerivation> e : derivations.entrySet()) {
        if (storedDirectly(e.getKey())) {
          direct.put(e.getKey(), new FloatRows(rows, e.getValue().length()));
        }
      }
    }

    @Override
    void encode(DescriptorPipeline.Batch batch, ImageSize size, int firstRow, int threads) {
      long t0 = System.nanoTime();
      Matrix enc = raw.encodeSets(batch.descriptors, batch.lengths, threads);
      int len = raw.length();
      double[] data = enc.data();
      int n = batch.lengths.length;
      if (storeRaw) {
        for (int s = 0; s < n; s++) {
          rawRows.set(firstRow + s, data, s * len);
        }
      }
      for (Map.Entry<Variant, FloatRows> e : direct.entrySet()) {
        FisherDerivation f = derivations.get(e.getKey());
        double[] buf = new double[f.length()];
        for (int s = 0; s < n; s++) {
          f.derive(data, s * len, buf);
          e.getValue().set(firstRow + s, buf, 0);
        }
      }
      encodeSeconds += (System.nanoTime() - t0) / 1e9;
    }

    @Override
    VectorSource source(Variant v, int threads) {
      if (storedDirectly(v)) {
        return direct.get(v);
      }
      FisherDerivation f = derivations.get(v);
      FloatRows out = new FloatRows(rows, f.length());
      Parallel.forEachChunk(rows, CHUNK_ROWS, threads, (from, to) -> {
        double[] scratch = new double[raw.length()];
        double[] buf = new double[f.length()];
        for (int r = from; r < to; r++) {
          f.derive(rawRows, r, scratch, buf);
          out.set(r, buf, 0);
        }
      });
      return out;
    }

    @Override
    double timeEncoding(Variant v, DescriptorPipeline.Batch batch, ImageSize size) {
      DescriptorEncoder e = derivations.get(v).encoder();
      return time(() -> e.encodeSets(batch.descriptors, batch.lengths, 1));
    }

    @Override
    void release() {
      rawRows = null;
      direct.clear();
    }
  }

  // --------------------------------------------------------------------------------------------

  /** Improved Fisher vectors on a spatial pyramid. */
  static final class Pyramid extends EncodingJob {
    private final SpatialPyramidEncoder encoder;
    private FloatRows out;

    Pyramid(int rows, Variant variant, GMMMachine gmm) {
      super(rows, List.of(variant));
      SpatialPyramid.Grid fine = variant.encoding() == Encoding.FV_PYRAMID_2X2
          ? new SpatialPyramid.Grid(2, 2) : new SpatialPyramid.Grid(3, 1);
      encoder = SpatialPyramidEncoder.of(FisherVectorEncoder.improved(gmm),
          SpatialPyramid.of(PyramidNormalization.GLOBAL, new SpatialPyramid.Grid(1, 1), fine));
    }

    @Override
    long storedFloats() {
      return (long) rows * encoder.length();
    }

    @Override
    void allocate() {
      out = new FloatRows(rows, encoder.length());
    }

    private Matrix run(DescriptorPipeline.Batch batch, ImageSize size, int threads) {
      List<ImageSize> sizes = new ArrayList<>(batch.lengths.length);
      for (int i = 0; i < batch.lengths.length; i++) {
        sizes.add(size);
      }
      return encoder.encodeSets(batch.descriptors, batch.positions, batch.lengths, sizes, threads);
    }

    @Override
    void encode(DescriptorPipeline.Batch batch, ImageSize size, int firstRow, int threads) {
      long t0 = System.nanoTime();
      Matrix enc = run(batch, size, threads);
      for (int s = 0; s < batch.lengths.length; s++) {
        out.set(firstRow + s, enc.data(), s * enc.cols());
      }
      encodeSeconds += (System.nanoTime() - t0) / 1e9;
    }

    @Override
    VectorSource source(Variant v, int threads) {
      return out;
    }

    @Override
    double timeEncoding(Variant v, DescriptorPipeline.Batch batch, ImageSize size) {
      return time(() -> run(batch, size, 1));
    }

    @Override
    void release() {
      out = null;
    }
  }

  // --------------------------------------------------------------------------------------------

  /**
   * Encoders that store their output directly: hard bag of words and VLAD on k-means centres,
   * and soft bag of words on a GMM when no Fisher vector is needed at that K.
   */
  static final class Direct extends EncodingJob {
    private final Map<Variant, DescriptorEncoder> encoders;
    private final Map<Variant, FloatRows> out = new LinkedHashMap<>();

    Direct(int rows, Map<Variant, DescriptorEncoder> encoders) {
      super(rows, new ArrayList<>(encoders.keySet()));
      this.encoders = new LinkedHashMap<>(encoders);
    }

    /** @return the encoder of a hard-BoV or VLAD variant on k-means centres */
    static DescriptorEncoder words(Variant v, KMeansMachine kmeans) {
      return v.encoding() == Encoding.HARD_BOV ? BagOfWordsEncoder.of(kmeans, hardBovOptions())
          : VLADEncoder.of(kmeans, vladOptions());
    }

    static BagOfWordsOptions hardBovOptions() {
      return BagOfWordsOptions.builder().assignment(Assignment.HARD)
          .weighting(TermWeighting.FREQUENCIES).power(PowerNormalization.SIGNED_SQUARE_ROOT)
          .l2(VectorNormalization.L2).build();
    }

    static VLADOptions vladOptions() {
      return new VLADOptions(Assignment.HARD, MassNormalization.NONE,
          PowerNormalization.SIGNED_SQUARE_ROOT, VectorNormalization.L2, VectorNormalization.L2);
    }

    @Override
    long storedFloats() {
      long n = 0;
      for (DescriptorEncoder e : encoders.values()) {
        n += (long) rows * e.length();
      }
      return n;
    }

    @Override
    void allocate() {
      for (Map.Entry<Variant, DescriptorEncoder> e : encoders.entrySet()) {
        out.put(e.getKey(), new FloatRows(rows, e.getValue().length()));
      }
    }

    @Override
    void encode(DescriptorPipeline.Batch batch, ImageSize size, int firstRow, int threads) {
      long t0 = System.nanoTime();
      for (Map.Entry<Variant, DescriptorEncoder> e : encoders.entrySet()) {
        Matrix enc = e.getValue().encodeSets(batch.descriptors, batch.lengths, threads);
        FloatRows o = out.get(e.getKey());
        for (int s = 0; s < batch.lengths.length; s++) {
          o.set(firstRow + s, enc.data(), s * enc.cols());
        }
      }
      encodeSeconds += (System.nanoTime() - t0) / 1e9;
    }

    @Override
    VectorSource source(Variant v, int threads) {
      return out.get(v);
    }

    @Override
    double timeEncoding(Variant v, DescriptorPipeline.Batch batch, ImageSize size) {
      DescriptorEncoder e = encoders.get(v);
      return time(() -> e.encodeSets(batch.descriptors, batch.lengths, 1));
    }

    @Override
    void release() {
      out.clear();
    }
  }
}
