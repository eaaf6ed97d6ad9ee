package com.quiltdata.mcp.tools.packages.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON text exactly as Python's {@code json.dumps(value, sort_keys=True, separators=(',', ':'))}
 * writes it, which is what quilt3 hashes (with {@code ensure_ascii}) and writes into manifests
 * (without): keys sorted by code point, no whitespace, integers as integers, floats as Python's
 * {@code repr} ({@code 1.0}, {@code 1e+16}, {@code 1.5e-05}), and strings escaped as Python escapes
 * them. NaN and infinities are refused, as quilt3 refuses them.
 */
final class PythonJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PythonJson() {}

  /** The hashing form: every character outside printable ASCII escaped as {@code \\uXXXX}. */
  static String ascii(JsonNode value) {
    StringBuilder out = new StringBuilder(64);
    write(value, out, true);
    return out.toString();
  }

  /** The manifest form: UTF-8 text, only quotes, backslashes and control characters escaped. */
  static String utf8(JsonNode value) {
    StringBuilder out = new StringBuilder(64);
    write(value, out, false);
    return out.toString();
  }

  private static void write(JsonNode v, StringBuilder out, boolean ascii) {
    switch (v.getNodeType()) {
      case OBJECT:
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          fields.add(it.next());
        }
        fields.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey()));
        out.append('{');
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(fields.get(i).getKey(), out, ascii);
          out.append(':');
          write(fields.get(i).getValue(), out, ascii);
        }
        out.append('}');
        return;
      case ARRAY:
        out.append('[');
        for (int i = 0; i < v.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(v.get(i), out, ascii);
        }
        out.append(']');
        return;
      case STRING:
        string(v.textValue(), out, ascii);
        return;
      case BOOLEAN:
        out.append(v.booleanValue() ? "true" : "false");
        return;
      case NULL:
        out.append("null");
        return;
      case NUMBER:
        if (v.isIntegralNumber()) {
          out.append(v.bigIntegerValue().toString());
        } else {
          out.append(floatRepr(v.doubleValue()));
        }
        return;
      default:
        throw new IllegalArgumentException("not a JSON value: " + v.getNodeType());
    }
  }

  /** Python's {@code str} order: by code point (not by UTF-16 unit, as String.compareTo). */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static void string(String s, StringBuilder out, boolean ascii) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20 || (ascii && c > 0x7e)) {
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  /**
   * Python's {@code repr(float)}: the shortest digits that read back as the same double, in fixed
   * notation for decimal exponents from -4 to 15 (with {@code .0} when integral), else as {@code
   * d.ddde+XX}.
   *
   * @throws IllegalArgumentException for NaN and infinities (quilt3 refuses them)
   */
  static String floatRepr(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("NaN and infinite numbers cannot be written");
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(d);
    BigDecimal shortest = null;
    for (int p = 1; p <= 17; p++) {
      BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == d) {
        shortest = candidate;
        break;
      }
    }
    if (shortest == null) {
      shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
    BigDecimal stripped = shortest.stripTrailingZeros();
    String digits = stripped.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - stripped.scale(); // decimal exponent of the first digit
    String sign = d < 0 ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
      String fixed;
      if (exponent >= digits.length() - 1) {
        fixed = digits + "0".repeat(exponent - (digits.length() - 1)) + ".0";
      } else if (exponent >= 0) {
        fixed = digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
      } else {
        fixed = "0." + "0".repeat(-exponent - 1) + digits;
      }
      return sign + fixed;
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String exp = Integer.toString(Math.abs(exponent));
    return sign
        + mantissa
        + "e"
        + (exponent < 0 ? "-" : "+")
        + (exp.length() < 2 ? "0" + exp : exp);
  }
}
