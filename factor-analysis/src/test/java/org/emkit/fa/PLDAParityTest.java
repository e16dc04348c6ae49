package org.emkit.fa;

import org.emkit.testing.NumericAssert;
import static org.emkit.fa.PldaTestData.D;
import static org.emkit.fa.PldaTestData.NF;
import static org.emkit.fa.PldaTestData.NG;
import static org.emkit.fa.PldaTestData.X1;
import static org.emkit.fa.PldaTestData.X2;
import static org.emkit.fa.PldaTestData.X3;
import static org.emkit.fa.PldaTestData.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.emkit.core.Matrix;
import org.emkit.testing.Tolerance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parity with bob.learn.em 2.1.8's PLDA tests, whose expected values come from S. Prince's Matlab
 * implementation ("EM vs Prince", {@code test_plda_trainer.py::test_plda_EM_vs_Prince} and
 * {@code test_plda_enrollment}) and from Matlab for the cached matrices
 * ({@code test_plda.py::test_plda_basemachine}, {@code test_plda_machine_log_likelihood_Prince}).
 * The values are inline in those test files (there is no data file); they are copied below.
 *
 * <p>Tolerances are bob's own: {@code numpy.allclose(a, b, 1e-10)} (rtol 1e-10, atol 1e-8 =
 * {@link Tolerance#BOB_PARITY_NEAR_ZERO}) for the EM states, {@code abs(a − b) < 1e-10} for the
 * caches and likelihoods ({@link #ABS_1E_10}). The errors reached are written to
 * {@code target/parity-errors.tsv}.
 */
@Tag("parity")
class PLDAParityTest {

  /** bob's {@code equals(x, y, 1e-10)} and {@code abs(ll − ll_ref) < 1e-10}. */
  static final Tolerance ABS_1E_10 = new Tolerance(0, 1e-10);

  private static final Tolerance EM = Tolerance.BOB_PARITY_NEAR_ZERO;

  // ---- test_plda_basemachine (Matlab) ----

  static final double[] ALPHA_REF = {0.002189051545735, 0.001127099941432, -0.000145483208153,
      0.001127099941432, 0.003549267943741, -0.000552001405453, -0.000145483208153,
      -0.000552001405453, 0.001440505362615};

  static final double[] BETA_REF = {50.587191765140361, -14.512478352504877, -0.294799164567830,
      13.382002504394316, 9.202063877660278, -43.182264846086497, 11.932345916716455,
      -14.512478352504878, 82.320149045633045, -12.605578822979698, 19.618675892079366,
      13.033691341150439, -8.004874490989799, -21.547363307109187, -0.294799164567832,
      -12.605578822979696, 52.123885798398241, 4.363739008635009, 44.847177605628545,
      16.438137537463710, 5.137421840557050, 13.382002504394316, 19.618675892079366,
      4.363739008635011, 75.070401560513488, -4.515472972526140, 9.752862741017488,
      34.196127678931106, 9.202063877660285, 13.033691341150439, 44.847177605628552,
      -4.515472972526142, 56.189416227691098, -7.536676357632515, -10.555735414707383,
      -43.182264846086497, -8.004874490989799, 16.438137537463703, 9.752862741017490,
      -7.536676357632518, 56.430571485722126, 9.471758169835317, 11.932345916716461,
      -21.547363307109187, 5.137421840557051, 34.196127678931099, -10.555735414707385,
      9.471758169835320, 27.996266602110637};

  static final double[] GAMMA3_REF = {0.005318799462241, -0.000000012993151, -0.000000012993151,
      0.999999999999996};

  // ---- test_plda_EM_vs_Prince (Matlab) ----

  static final double[] Z_A_1 = {-2.624115900658397, -0.000000034277848, 1.554823055585319,
      0.627476234024656, -0.264705934182394, -2.624115900658397, -0.000000034277848,
      -2.703482671599357, -1.533283607433197, 0.553725774828231, -2.624115900658397,
      -0.000000034277848, 2.311647528461115, 1.266362142140170, -0.317378177105131,
      -2.624115900658397, -0.000000034277848, -1.163402640008200, -0.372604542926019,
      0.025152800097991};
  static final double[] Z_B_1 = {3.494168818797438, 0.000000045643026, 0.111295550530958,
      -0.029241422535725, 0.257045446451067, 3.494168818797438, 0.000000045643026,
      1.102110715965762, 1.481232954001794, -0.970661225144399, 3.494168818797438,
      0.000000045643026, -1.212854031699468, -1.435946529317718, 0.717884143973377};
  static final double[] Z2_SUM_1 = {64.203518285366087, 0.000000747228248, 0.002703277337642,
      0.078542842475345, 0.020894328259862, 0.000000747228248, 6.999999999999980,
      -0.000000003955962, 0.000000002017232, -0.000000003741593, 0.002703277337642,
      -0.000000003955962, 19.136889380923918, 11.860493771107487, -4.584339465366988,
      0.078542842475345, 0.000000002017232, 11.860493771107487, 8.771502339750128,
      -3.905706024997424, 0.020894328259862, -0.000000003741593, -4.584339465366988,
      -3.905706024997424, 2.011924970338584};
  static final double[] SIGMA_1 = {2.193659969999207, 3.748361365521041, 0.237835235737085,
      0.558546035892629, 0.209272700958400, 1.717782807724451, 0.248414618308223};
  static final double[] F_1 = {-0.059083416465692, 0.000000000751007, 0.600133217253169,
      0.000000006957266, 0.302789123922871, 0.000000000218947, 0.454540641429714,
      0.000000003342540, -0.106608957780613, -0.000000001641389, -0.494267694269430,
      -0.000000011059552, -0.295956102084270, -0.000000006718366};
  static final double[] G_1 = {-1.836166150865047, 2.491475145758734, 5.095958946372235,
      -0.608732205531767, -0.618128420353493, -1.085423135463635, -0.697390472635929,
      -1.047900122276840, -6.080211153116984, 0.769509301515319, -2.763610156675313,
      -5.972172587527176, 1.332474692714491, -1.368103875407414, -2.096382536513033,
      0.304135903830416, -5.168096082564016, -9.604769461465978, 0.597445549865284,
      -1.347101803379971, -5.900246013340080};
  static final double[] Z_A_2 = {-2.144344161196005, -0.000000027851878, 1.217776189037369,
      0.232492571855061, -0.212892893868819, -2.144344161196005, -0.000000027851878,
      -2.382647766948079, -1.759951013670071, 0.587213207926731, -2.144344161196005,
      -0.000000027851878, 2.143294830538722, 0.909307594408923, -0.183752098508072,
      -2.144344161196005, -0.000000027851878, -0.662558006326892, 0.717992497547010,
      -0.202897892977004};
  static final double[] Z_B_2 = {2.695117129662246, 0.000000035005543, -0.156173294945791,
      -0.123083763746364, 0.271123341933619, 2.695117129662246, 0.000000035005543,
      0.690321563509753, 0.944473716646212, -0.850835940962492, 2.695117129662246,
      0.000000035005543, -0.930970138998433, -0.949736472690315, 0.594216348861889};
  static final double[] Z2_SUM_2 = {41.602421167226410, 0.000000449434708, -1.513391506933811,
      -0.477818674270533, 0.059260102368316, 0.000000449434708, 7.000000000000005,
      -0.000000023255959, -0.000000005157439, -0.000000003230262, -1.513391506933810,
      -0.000000023255959, 14.399631061987494, 8.068678077509025, -3.227586434905497,
      -0.477818674270533, -0.000000005157439, 8.068678077509025, 7.263248678863863,
      -3.060665688064639, 0.059260102368316, -0.000000003230262, -3.227586434905497,
      -3.060665688064639, 1.705174220723198};
  static final double[] SIGMA_2 = {1.120493935052524, 1.777598857891599, 0.197579528599150,
      0.407657093211478, 0.166216300651473, 1.044336960403809, 0.287856936559308};
  static final double[] F_2 = {-0.111956311978966, 0.000000000781025, 0.702502767389263,
      0.000000007683917, 0.337823622542517, 0.000000000637302, 0.551363737526339,
      0.000000004854293, -0.096561040511417, -0.000000001716011, -0.661587484803602,
      -0.000000012394362, -0.346593051621620, -0.000000007134046};
  static final double[] G_2 = {-2.266404374274820, 4.089199685832099, 7.023039382876370,
      0.094887459097613, -3.226829318470136, -3.452279917194724, -0.498398131733141,
      -1.651712333649899, -6.548008210704172, 0.574932298590327, -2.198978667003715,
      -5.131253543126156, 1.415857426810629, -1.627795701160212, -2.509013676007012,
      -0.543552834305580, -3.215063993186718, -7.006305082499653, 0.562108137758111,
      -0.785296641855087, -5.318335345720314};

  /** Prince's log-likelihood of {x1, x2, x3} (μ = 0) and the LLR of x3 against {x1, x2}. */
  static final double LL_REF = -182.8880743535197;
  static final double LLR_REF = -4.43695386675;

  @Test
  void cachedMatricesMatchMatlab() {
    PLDA m = PldaTestData.machine();
    NumericAssert.assertParity("plda/alpha", ALPHA_REF, m.alpha().data(), ABS_1E_10);
    NumericAssert.assertParity("plda/beta", BETA_REF, m.beta().data(), ABS_1E_10);
    NumericAssert.assertParity("plda/gamma_3", GAMMA3_REF, m.gamma(3).data(), ABS_1E_10);
    // bob's has_gamma(3) after get_add_gamma(3)
    assertArrayEquals(new int[] {3}, m.cachedSampleCounts());
  }

  /** The trainer of test_plda_EM_vs_Prince: μ from the data (initialize), then F, G, σ given. */
  private static PLDA princeStart() {
    return PLDA.builder(D, NF, NG).f(PldaTestData.f()).g(PldaTestData.g())
        .sigma(PldaTestData.sigma()).build()
        .initialize(PldaTestData.training(), PldaTestData.LABELS);
  }

  private static void checkEStep(String step, PLDA m, double[] za, double[] zb, double[] sum) {
    PLDA.Posteriors p = m.posteriors(PldaTestData.training(), PldaTestData.LABELS);
    double[] first = p.firstOrder().data();
    int k = NF + NG;
    NumericAssert.assertParity("plda/em_vs_prince/z_first_order_a_" + step, za,
        Arrays.copyOfRange(first, 0, 4 * k), EM);
    NumericAssert.assertParity("plda/em_vs_prince/z_first_order_b_" + step, zb,
        Arrays.copyOfRange(first, 4 * k, 7 * k), EM);
    NumericAssert.assertParity("plda/em_vs_prince/z_second_order_sum_" + step, sum,
        p.stats().secondOrder().data(), EM);
    NumericAssert.assertParity("plda/em_vs_prince/z_second_order_sum_" + step + " (eStep)", sum,
        m.eStep(PldaTestData.training(), PldaTestData.LABELS).secondOrder().data(), EM);
  }

  private static void checkMStep(String step, PLDA m, double[] f, double[] g, double[] sigma) {
    NumericAssert.assertParity("plda/em_vs_prince/F_" + step, f, m.f().data(), EM);
    NumericAssert.assertParity("plda/em_vs_prince/G_" + step, g, m.g().data(), EM);
    NumericAssert.assertParity("plda/em_vs_prince/sigma_" + step, sigma, m.sigma(), EM);
  }

  @Test
  void twoEmIterationsMatchPrince() {
    PLDA m = princeStart();
    checkEStep("1", m, Z_A_1, Z_B_1, Z2_SUM_1);
    m = m.mStep(m.eStep(PldaTestData.training(), PldaTestData.LABELS));
    checkMStep("1", m, F_1, G_1, SIGMA_1);
    checkEStep("2", m, Z_A_2, Z_B_2, Z2_SUM_2);
    m = m.mStep(m.eStep(PldaTestData.training(), PldaTestData.LABELS));
    checkMStep("2", m, F_2, G_2, SIGMA_2);
  }

  @Test
  void fitWithTwoIterationsMatchesPrince() {
    PLDA m = PLDA.builder(D, NF, NG).f(PldaTestData.f()).g(PldaTestData.g())
        .sigma(PldaTestData.sigma()).iterations(2).build()
        .fit(PldaTestData.training(), PldaTestData.LABELS);
    checkMStep("2 (fit)", m, F_2, G_2, SIGMA_2);
  }

  @Test
  void logLikelihoodAndScoreMatchPrince() {
    PLDA m = PldaTestData.machine();
    PLDA.Enrollment e = m.enroll(rows(X1, X2));
    Matrix x3 = rows(X3);
    NumericAssert.assertParity("plda/enrollment/log_likelihood(x3 | x1,x2)", LL_REF, m.logLikelihood(e, x3),
        ABS_1E_10);
    NumericAssert.assertParity("plda/machine/log_likelihood(x1,x2,x3)", LL_REF,
        m.logLikelihood(rows(X1, X2, X3)), ABS_1E_10);
    NumericAssert.assertParity("plda/enrollment/llr(x3)", LLR_REF, m.score(e, x3), ABS_1E_10);
    double separate = m.logLikelihood(rows(X1, X2, X3))
        - (m.logLikelihood(rows(X1, X2)) + m.logLikelihood(x3));
    NumericAssert.assertParity("plda/machine/llr separately", LLR_REF, separate, ABS_1E_10);
  }
}
