package com.quiltdata.mcp.jwt;

/**
 * The naming rules of S3 general-purpose buckets, applied byte for byte.
 *
 * <p>Only the ASCII characters S3 allows are accepted. Nothing is case-folded or normalised: an
 * uppercase letter, a fullwidth digit or a Cyrillic lookalike makes the name invalid rather than
 * being mapped to the character it resembles, so a name that passes here compares equal to the
 * allow-list only when it is the very same sequence of characters.
 *
 * <p>The check walks the string once and allocates nothing; it runs for every bucket of every
 * token.
 */
public final class BucketNames {

  private static final int MIN_LENGTH = 3;
  private static final int MAX_LENGTH = 63;
  private static final int IPV4_LABELS = 4;

  /** Prefixes S3 reserves for its own purposes. */
  private static final String[] RESERVED_PREFIXES = {"xn--", "sthree-", "amzn-s3-demo-"};

  /** Suffixes S3 reserves for access points, directory and table buckets. */
  private static final String[] RESERVED_SUFFIXES = {
    "-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"
  };

  private BucketNames() {}

  /**
   * Tells whether {@code name} is a valid S3 general-purpose bucket name.
   *
   * <p>A valid name has 3 to 63 characters drawn from {@code a-z}, {@code 0-9}, {@code .} and
   * {@code -}; begins and ends with a letter or digit; contains no {@code ..}; is not four
   * dot-separated runs of digits (the shape of an IPv4 address such as {@code 192.168.5.4},
   * whatever the size of each run); does not begin with {@code xn--}, {@code sthree-} or {@code
   * amzn-s3-demo-}; and does not end with {@code -s3alias}, {@code --ol-s3}, {@code .mrap}, {@code
   * --x-s3} or {@code --table-s3}.
   *
   * @param name the candidate name, may be {@code null}
   * @return {@code true} when every rule holds; {@code false} for {@code null} or any violation
   */
  public static boolean isValid(String name) {
    if (name == null) {
      return false;
    }
    int length = name.length();
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      return false;
    }
    if (!isLetterOrDigit(name.charAt(0)) || !isLetterOrDigit(name.charAt(length - 1))) {
      return false;
    }
    boolean onlyDigitsAndDots = true;
    int dots = 0;
    char previous = 0;
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      if ((c >= 'a' && c <= 'z') || c == '-') {
        onlyDigitsAndDots = false;
      } else if (c == '.') {
        if (previous == '.') {
          return false;
        }
        dots++;
      } else if (!isDigit(c)) {
        return false;
      }
      previous = c;
    }
    // With no ".." and digits at both ends, every dot-separated run is non-empty.
    if (onlyDigitsAndDots && dots == IPV4_LABELS - 1) {
      return false;
    }
    for (String prefix : RESERVED_PREFIXES) {
      if (name.startsWith(prefix)) {
        return false;
      }
    }
    for (String suffix : RESERVED_SUFFIXES) {
      if (name.endsWith(suffix)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetterOrDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z');
  }
}
