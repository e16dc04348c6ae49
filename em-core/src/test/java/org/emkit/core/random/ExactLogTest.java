package org.emkit.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class ExactLogTest {

  /** ln(x) to 40 digits by the series ln x = 2 atanh((x−1)/(x+1)) in BigDecimal (oracle). */
  static BigDecimal oracleLog(double x) {
    MathContext mc = new MathContext(60);
    BigDecimal bx = new BigDecimal(x);
    int k = 0;
    BigDecimal two = BigDecimal.valueOf(2);
    while (bx.compareTo(BigDecimal.valueOf(1.5)) > 0) {
      bx = bx.divide(two, mc);
      k++;
    }
    while (bx.compareTo(BigDecimal.valueOf(0.75)) < 0) {
      bx = bx.multiply(two, mc);
      k--;
    }
    BigDecimal s = bx.subtract(BigDecimal.ONE).divide(bx.add(BigDecimal.ONE), mc);
    BigDecimal s2 = s.multiply(s, mc);
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal pow = s;
    for (int i = 0; i < 200; i++) {
      sum = sum.add(pow.divide(BigDecimal.valueOf(2L * i + 1), mc), mc);
      pow = pow.multiply(s2, mc);
    }
    BigDecimal ln2 = new BigDecimal("0.693147180559945309417232121458176568075500134360255254120680");
    return sum.multiply(two, mc).add(ln2.multiply(BigDecimal.valueOf(k), mc), mc);
  }

  @Test
  void roundsToNearestWhereMathLogMayNot() {
    // true value −0.1071650171222503569279…; nearest double ends in …035 (glibc returns …036)
    assertEquals(-0.10716501712225035, ExactLog.log(0.8983774131025271));
  }

  @Test
  void agreesWithAHighPrecisionOracleOnSeededArguments() {
    NumpyRandom r = new NumpyRandom(42);
    for (int t = 0; t < 300; t++) {
      double x = t % 3 == 0 ? r.rand() : Math.exp(40 * (r.rand() - 0.5));
      double got = ExactLog.log(x);
      double nearest = oracleLog(x).doubleValue();
      assertEquals(nearest, got, "log(" + x + ")");
    }
    assertEquals(0.0, ExactLog.log(1.0));
    assertTrue(Double.isNaN(ExactLog.log(-1)));
  }
}
