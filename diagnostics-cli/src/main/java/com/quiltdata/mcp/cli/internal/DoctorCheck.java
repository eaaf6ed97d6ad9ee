package com.quiltdata.mcp.cli.internal;

import com.quiltdata.mcp.cli.ExitCode;
import java.util.Objects;

/**
 * One line of {@code doctor}'s report.
 *
 * @param name stable check name (secret-config, registry, clock-skew, ...)
 * @param status the verdict
 * @param detail what was found (never a secret)
 * @param hint how to fix it, or null
 * @param failCode the exit status a FAIL of this check stands for (null unless FAIL)
 */
record DoctorCheck(String name, Status status, String detail, String hint, ExitCode failCode) {
  /** A check's verdict. */
  enum Status {
    OK,
    WARN,
    FAIL,
    /** Not checked because an earlier check failed. */
    SKIP
  }

  DoctorCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    if ((status == Status.FAIL) != (failCode != null)) {
      throw new IllegalArgumentException("a failCode is given exactly for FAIL");
    }
  }

  static DoctorCheck ok(String name, String detail) {
    return new DoctorCheck(name, Status.OK, detail, null, null);
  }

  static DoctorCheck warn(String name, String detail, String hint) {
    return new DoctorCheck(name, Status.WARN, detail, hint, null);
  }

  static DoctorCheck fail(String name, String detail, String hint, ExitCode code) {
    return new DoctorCheck(name, Status.FAIL, detail, hint, code);
  }

  static DoctorCheck skip(String name, String why) {
    return new DoctorCheck(name, Status.SKIP, why, null, null);
  }
}
