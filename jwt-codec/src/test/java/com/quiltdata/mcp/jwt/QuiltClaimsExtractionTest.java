package com.quiltdata.mcp.jwt;

import static com.quiltdata.mcp.jwt.TestTokens.header;
import static com.quiltdata.mcp.jwt.TestTokens.payloadWith;
import static com.quiltdata.mcp.jwt.TestTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Claim extraction over catalog-shaped tokens. */
class QuiltClaimsExtractionTest {
  private final JwtVerifier verifier = TestTokens.verifier();
  private final JwtMinter minter = JwtMinter.create(TestTokens.key(), TestTokens.CLOCK);

  /** 32 bucket names of the shapes real catalogs use. */
  static List<String> catalogBuckets() {
    List<String> names = new ArrayList<>();
    for (String s :
        List.of("demos", "sales-raw", "sales-curated", "ml-models", "open-data", "staging")) {
      names.add("quilt-" + s);
    }
    for (int i = 0; i < 10; i++) {
      names.add("cellpainting-plate-" + (100 + i));
    }
    for (int i = 0; i < 8; i++) {
      names.add("fl-" + (150 + i) + "-raw");
    }
    for (String s :
        List.of(
            "genomics-ref",
            "genomics-results",
            "analytics-athena",
            "lab-notebooks",
            "imaging-archive",
            "proteomics-ms",
            "clinical-deid",
            "partner-exchange")) {
      names.add("acme-" + s);
    }
    return names;
  }

  /** 24 actions, spelled as the frontend does: abbreviations mixed with full actions. */
  static List<String> catalogPermissions() {
    return List.of(
        "s3:GetObject",
        "s3:PutObject",
        "s3:DeleteObject",
        "s3:ListBucket",
        "s3:ListAllMyBuckets",
        "s3:GetObjectVersion",
        "s3:PutObjectAcl",
        "s3:AbortMultipartUpload",
        "s3:GetBucketLocation",
        "s3:GetObjectTagging",
        "s3:PutObjectTagging",
        "s3:ListBucketVersions",
        "s3:GetBucketVersioning",
        "athena:StartQueryExecution",
        "athena:GetQueryExecution",
        "athena:GetQueryResults",
        "athena:StopQueryExecution",
        "athena:ListWorkGroups",
        "athena:GetWorkGroup",
        "glue:GetDatabase",
        "glue:GetDatabases",
        "glue:GetTable",
        "glue:GetTables",
        "glue:GetPartitions");
  }

  @Test
  void catalogToken_32Buckets24Permissions_roundTripsEveryClaim() {
    String token =
        minter
            .enhanced("user-7f3c")
            .buckets(catalogBuckets())
            .permissions(catalogPermissions())
            .roles(List.of("ReadWriteQuiltBucket", "AthenaUser"))
            .scope("read write")
            .level("power")
            .ttl(Duration.ofMinutes(30))
            .mint();
    QuiltClaims claims = verifier.verify(token);
    assertEquals("user-7f3c", claims.subject());
    assertEquals(TokenKind.ENHANCED, claims.kind());
    assertEquals(catalogBuckets(), claims.buckets());
    assertEquals(catalogPermissions(), claims.permissions());
    assertEquals(List.of("ReadWriteQuiltBucket", "AthenaUser"), claims.roles());
    assertEquals("read write", claims.scope().orElseThrow());
    assertEquals("power", claims.level().orElseThrow());
    assertEquals("quilt-frontend", claims.issuer().orElseThrow());
    assertEquals(List.of("quilt-mcp-server"), claims.audiences());
    assertEquals(TestTokens.NOW.plus(Duration.ofMinutes(30)), claims.expiresAt());
    assertTrue(claims.tokenId().isPresent());
    assertTrue(claims.warnings().isEmpty(), claims.warnings().toString());
  }

  @Test
  void shortFormsOnly_compressedBucketsAndAbbreviations_areDecoded() {
    String token =
        minter
            .enhanced("bob")
            .buckets(catalogBuckets())
            .permissions(catalogPermissions())
            .form(JwtMinter.ClaimForm.SHORT)
            .mint();
    QuiltClaims claims = verifier.verify(token);
    assertEquals(catalogBuckets(), claims.buckets());
    assertEquals(catalogPermissions(), claims.permissions());
  }

  @Test
  void explicitClaims_winOverShortForms_neverUnion() {
    String token =
        sign(
            header(),
            payloadWith(
                ",\"buckets\":[\"quilt-a\"],\"b\":[\"quilt-b\"],"
                    + "\"permissions\":[\"s3:GetObject\"],\"p\":[\"p\",\"d\"],"
                    + "\"roles\":[\"R1\"],\"r\":[\"R2\"],\"scope\":\"x\",\"s\":\"y\",\"level\":\"1\",\"l\":\"2\""));
    QuiltClaims claims = verifier.verify(token);
    assertEquals(List.of("quilt-a"), claims.buckets());
    assertEquals(List.of("s3:GetObject"), claims.permissions());
    assertEquals(List.of("R1"), claims.roles());
    assertEquals("x", claims.scope().orElseThrow());
    assertEquals("1", claims.level().orElseThrow());
  }

  @Test
  void mixedAbbreviations_unknownDroppedAndReported_wildcardKeptLiteral() {
    String token =
        sign(header(), payloadWith(",\"p\":[\"g\",\"l\",\"zz\",\"s3:*\",\"amu\",\"g\"]"));
    QuiltClaims claims = verifier.verify(token);
    assertEquals(
        List.of("s3:GetObject", "s3:ListBucket", "s3:*", "s3:AbortMultipartUpload"),
        claims.permissions());
    assertEquals(1, claims.warnings().size());
    assertTrue(claims.warnings().get(0).contains("zz"));
  }

  @Test
  void starAndInvalidBucketNames_droppedWithWarning() {
    String token =
        sign(header(), payloadWith(",\"buckets\":[\"*\",\"quilt-ok\",\"Upper-Case\",\"a\"]"));
    QuiltClaims claims = verifier.verify(token);
    assertEquals(List.of("quilt-ok"), claims.buckets());
    assertTrue(claims.warnings().get(0).contains("'*' is not a wildcard"));
  }

  @Test
  void nativeRegistryToken_subjectFromIdAndKindNative() {
    String token = minter.nativeToken("3f2c8a9e-0000-4000-8000-000000000001", Duration.ofHours(1));
    QuiltClaims claims = verifier.verify(token);
    assertEquals("3f2c8a9e-0000-4000-8000-000000000001", claims.subject());
    assertEquals(TokenKind.NATIVE, claims.kind());
    assertTrue(claims.buckets().isEmpty());
    assertTrue(claims.permissions().isEmpty());
  }

  @Test
  void subjectFallback_subThenIdThenUuid() {
    long now = TestTokens.NOW.getEpochSecond();
    String idOnly = "{\"id\":\"i1\",\"uuid\":\"u1\",\"exp\":" + (now + 60) + "}";
    String uuidOnly = "{\"uuid\":\"u1\",\"exp\":" + (now + 60) + "}";
    String all = "{\"sub\":\"s1\",\"id\":\"i1\",\"uuid\":\"u1\",\"exp\":" + (now + 60) + "}";
    assertEquals("i1", verifier.verify(sign(header(), idOnly)).subject());
    assertEquals("u1", verifier.verify(sign(header(), uuidOnly)).subject());
    assertEquals("s1", verifier.verify(sign(header(), all)).subject());
  }

  @Test
  void credentialAndUrlClaims_areIgnored() {
    String token =
        sign(
            header(),
            payloadWith(
                ",\"AccessKeyId\":\"AKIAEXAMPLE\",\"role_arn\":\"arn:aws:iam::1:role/admin\","
                    + "\"registry_url\":\"https://attacker.example\""));
    QuiltClaims claims = verifier.verify(token);
    assertFalse(claims.toString().contains("AKIA"));
    assertEquals(TokenKind.ENHANCED, claims.kind());
  }

  @Test
  void claimsToString_revealsNoSubjectOrBuckets() {
    QuiltClaims claims =
        verifier.verify(minter.enhanced("secret-user").buckets(List.of("quilt-private")).mint());
    assertFalse(claims.toString().contains("secret-user"));
    assertFalse(claims.toString().contains("quilt-private"));
  }
}
