package org.emkit.examples.speaker;

import java.util.Objects;

/**
 * One verification trial: an enrolled model against one test segment.
 *
 * @param fold fold index
 * @param model index of the model in its fold's {@link TrialPlan#models()}
 * @param modelSpeaker the enrolled speaker
 * @param enrolLanguage language of the enrolment segments
 * @param segment index of the test segment in the corpus
 * @param testSpeaker the test segment's speaker
 * @param testLanguage the test segment's language
 * @param channel the test segment's channel
 * @param target whether the speakers are equal
 * @param hardImpostor non-target with both speakers of one family and the test in the enrolment
 *     language (Carlo↔Menardi, Fillets cs m↔v, nl m↔v in DebVox)
 * @param crossLanguage target whose test language differs from the enrolment language (Allison
 *     en→es in DebVox)
 */
public record Trial(int fold, int model, String modelSpeaker, String enrolLanguage, int segment,
    String testSpeaker, String testLanguage, String channel, boolean target,
    boolean hardImpostor, boolean crossLanguage) {

  /**
   * Checks non-null labels and the consistency of the flags.
   *
   * @param fold see {@link #fold()}
   * @param model see {@link #model()}
   * @param modelSpeaker see {@link #modelSpeaker()}
   * @param enrolLanguage see {@link #enrolLanguage()}
   * @param segment see {@link #segment()}
   * @param testSpeaker see {@link #testSpeaker()}
   * @param testLanguage see {@link #testLanguage()}
   * @param channel see {@link #channel()}
   * @param target see {@link #target()}
   * @param hardImpostor see {@link #hardImpostor()}
   * @param crossLanguage see {@link #crossLanguage()}
   */
  public Trial {
    Objects.requireNonNull(modelSpeaker, "modelSpeaker");
    Objects.requireNonNull(enrolLanguage, "enrolLanguage");
    Objects.requireNonNull(testSpeaker, "testSpeaker");
    Objects.requireNonNull(testLanguage, "testLanguage");
    Objects.requireNonNull(channel, "channel");
    if (target != modelSpeaker.equals(testSpeaker)) {
      throw new IllegalArgumentException("Trial: target must be " + !target + " for model speaker '"
          + modelSpeaker + "' and test speaker '" + testSpeaker + "'");
    }
    if (hardImpostor && target || crossLanguage && !target) {
      throw new IllegalArgumentException("Trial: hardImpostor applies to non-targets and"
          + " crossLanguage to targets; got target=" + target + ", hardImpostor=" + hardImpostor
          + ", crossLanguage=" + crossLanguage);
    }
  }
}
