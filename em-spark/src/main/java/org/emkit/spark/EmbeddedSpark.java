package org.emkit.spark;

import org.apache.spark.sql.SparkSession;
import org.emkit.core.validation.Check;

/**
 * The embedded default: a Spark session inside the calling JVM ({@code local[*]} master), so
 * that emkit's distributed trainers run with no cluster. On a real cluster, use the session
 * that {@code spark-submit} provides instead ({@link SparkMain} documents the call).
 *
 * <p>Settings: master {@code local[*]} (or {@code local[n]}); the web UI off
 * ({@code spark.ui.enabled=false}: no port, no Jetty threads); driver bound to the loopback
 * address (no network lookup); {@code spark.sql.shuffle.partitions} = 2 × threads instead of
 * 200 (emkit's shuffles are small). Spark's own logging is configured by the application's
 * log4j2 configuration (emkit's tests set it to OFF).
 *
 * <p>Spark 3.5 on Java 17 needs the JVM flags of {@code em-spark/pom.xml}'s
 * {@code emkit.spark.opens} property ({@code --add-opens java.base/sun.nio.ch} and others);
 * {@code spark-submit} adds them itself.
 */
public final class EmbeddedSpark {

  private EmbeddedSpark() {}

  /**
   * @param appName application name
   * @return a builder preset for {@code local[*]}; call {@code getOrCreate()}
   */
  public static SparkSession.Builder builder(String appName) {
    return builder(appName, Runtime.getRuntime().availableProcessors(), "local[*]");
  }

  /**
   * @param appName application name
   * @param threads worker threads, {@code >= 1} ({@code local[threads]})
   * @return a builder preset for {@code local[threads]}; call {@code getOrCreate()}
   */
  public static SparkSession.Builder builder(String appName, int threads) {
    Check.atLeast("EmbeddedSpark", "threads", threads, 1);
    return builder(appName, threads, "local[" + threads + "]");
  }

  private static SparkSession.Builder builder(String appName, int threads, String master) {
    return SparkSession.builder()
        .appName(appName)
        .master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", String.valueOf(2 * threads));
  }

  /** @return a {@code local[*]} session named "emkit" (created, or the active one) */
  public static SparkSession session() {
    return builder("emkit").getOrCreate();
  }
}
