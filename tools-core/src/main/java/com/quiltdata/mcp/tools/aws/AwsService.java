package com.quiltdata.mcp.tools.aws;

/** The AWS services the tools call, with the endpoint variable of each. */
public enum AwsService {
  /** Amazon S3. */
  S3("S3"),
  /** Amazon Athena. */
  ATHENA("Athena");

  private final String displayName;

  AwsService(String displayName) {
    this.displayName = displayName;
  }

  /** How messages name the service. */
  public String displayName() {
    return displayName;
  }

  /** The service's own endpoint variable, e.g. {@code AWS_ENDPOINT_URL_S3}. */
  public String endpointVariable() {
    return "AWS_ENDPOINT_URL_" + name();
  }
}
