package com.quiltdata.mcp.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.quiltdata.mcp.jwt.PermissionAbbreviations.Expansion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionAbbreviationsTest {

  private static final List<String> KNOWN_ACTIONS =
      List.of(
          "s3:GetObject",
          "s3:PutObject",
          "s3:DeleteObject",
          "s3:ListBucket",
          "s3:ListAllMyBuckets",
          "s3:GetObjectVersion",
          "s3:PutObjectAcl",
          "s3:AbortMultipartUpload");

  @ParameterizedTest
  @CsvSource({
    "g, s3:GetObject",
    "p, s3:PutObject",
    "d, s3:DeleteObject",
    "l, s3:ListBucket",
    "la, s3:ListAllMyBuckets",
    "gv, s3:GetObjectVersion",
    "pa, s3:PutObjectAcl",
    "amu, s3:AbortMultipartUpload"
  })
  void expand_eachAbbreviation_givesItsAction(String abbreviation, String action) {
    Expansion expansion = PermissionAbbreviations.expand(List.of(abbreviation));
    assertEquals(List.of(action), expansion.actions());
    assertEquals(List.of(), expansion.dropped());
  }

  @ParameterizedTest
  @CsvSource({
    "g, s3:GetObject",
    "p, s3:PutObject",
    "d, s3:DeleteObject",
    "l, s3:ListBucket",
    "la, s3:ListAllMyBuckets",
    "gv, s3:GetObjectVersion",
    "pa, s3:PutObjectAcl",
    "amu, s3:AbortMultipartUpload"
  })
  void abbreviate_eachKnownAction_givesItsAbbreviation(String abbreviation, String action) {
    assertEquals(List.of(abbreviation), PermissionAbbreviations.abbreviate(List.of(action)));
  }

  @Test
  void expand_frontendMixedClaim_expandsAbbreviationsAndKeepsFullActions() {
    List<String> claim =
        List.of("amu", "d", "s3:GetBucketLocation", "g", "gv", "la", "l", "p", "pa");
    Expansion expansion = PermissionAbbreviations.expand(claim);
    assertEquals(
        List.of(
            "s3:AbortMultipartUpload",
            "s3:DeleteObject",
            "s3:GetBucketLocation",
            "s3:GetObject",
            "s3:GetObjectVersion",
            "s3:ListAllMyBuckets",
            "s3:ListBucket",
            "s3:PutObject",
            "s3:PutObjectAcl"),
        expansion.actions());
    assertEquals(List.of(), expansion.dropped());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "athena:StartQueryExecution",
        "glue:GetTables",
        "iam:ListUserPolicies",
        "s3:GetObject",
        "s3-object-lambda:GetObject",
        "a:b"
      })
  void expand_wellFormedFullAction_passesUnchanged(String action) {
    Expansion expansion = PermissionAbbreviations.expand(List.of(action));
    assertEquals(List.of(action), expansion.actions());
    assertEquals(List.of(), expansion.dropped());
  }

  @Test
  void expand_wildcardAction_staysLiteralAndIsNotExpanded() {
    Expansion expansion = PermissionAbbreviations.expand(List.of("s3:*", "s3:Get*"));
    assertEquals(List.of("s3:*", "s3:Get*"), expansion.actions());
    assertTrue(expansion.actions().stream().noneMatch(KNOWN_ACTIONS::contains));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x",
        "G",
        "get",
        "",
        "*",
        "s3",
        "gg",
        "s3:",
        ":GetObject",
        "s3::GetObject",
        "s3:Get Object",
        "s3:GetObject ",
        " g",
        "s3:Get-Object",
        "s3_x:GetObject",
        "s3:GetObject:extra",
        "s3:Get\u00d6bject",
        "s\u0665:GetObject"
      })
  void expand_unknownOrMalformedEntry_isDropped(String entry) {
    Expansion expansion = PermissionAbbreviations.expand(List.of(entry));
    assertEquals(List.of(), expansion.actions());
    assertEquals(1, expansion.dropped().size());
  }

  @Test
  void expand_overlongFullAction_isDropped() {
    String service = "a".repeat(65);
    String action = "A".repeat(129);
    Expansion expansion =
        PermissionAbbreviations.expand(
            List.of(service + ":Get", "s3:" + action, "a".repeat(64) + ":" + "A".repeat(128)));
    assertEquals(List.of("a".repeat(64) + ":" + "A".repeat(128)), expansion.actions());
    assertEquals(2, expansion.dropped().size());
  }

  @Test
  void expand_droppedEntry_isSanitisedForDisplay() {
    Expansion expansion =
        PermissionAbbreviations.expand(Arrays.asList("bad\u0000\n\u00e9\u202e", null, "zz"));
    assertEquals(List.of("bad????", "(null)", "zz"), expansion.dropped());
  }

  @Test
  void expand_longDroppedEntry_isCappedAtThirtyTwoCharacters() {
    String longEntry = "x".repeat(10_000);
    Expansion expansion = PermissionAbbreviations.expand(List.of(longEntry));
    String shown = expansion.dropped().get(0);
    assertEquals(32, shown.length());
    assertEquals("x".repeat(29) + "...", shown);
  }

  @Test
  void expand_droppedEntryOfExactlyThirtyTwoCharacters_isKeptWhole() {
    String entry = "y".repeat(32);
    assertEquals(List.of(entry), PermissionAbbreviations.expand(List.of(entry)).dropped());
  }

  @Test
  void expand_repeatedEntries_areDeduplicatedInOrderOfFirstAppearance() {
    Expansion expansion =
        PermissionAbbreviations.expand(
            List.of("l", "g", "s3:GetObject", "l", "s3:ListBucket", "bogus", "g", "bogus"));
    assertEquals(List.of("s3:ListBucket", "s3:GetObject"), expansion.actions());
    assertEquals(List.of("bogus"), expansion.dropped());
  }

  @Test
  void expand_emptyList_grantsNothing() {
    Expansion expansion = PermissionAbbreviations.expand(List.of());
    assertEquals(List.of(), expansion.actions());
    assertEquals(List.of(), expansion.dropped());
  }

  @Test
  void expansion_lists_areImmutableCopies() {
    List<String> actions = new ArrayList<>(List.of("s3:GetObject"));
    Expansion expansion = new Expansion(actions, new ArrayList<>());
    actions.add("s3:PutObject");
    assertEquals(List.of("s3:GetObject"), expansion.actions());
    assertThrows(UnsupportedOperationException.class, () -> expansion.actions().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> expansion.dropped().add("x"));
  }

  @Test
  void abbreviate_unknownActions_areLeftUnchanged() {
    assertEquals(
        List.of("g", "s3:GetBucketLocation", "s3:*", "athena:GetQueryResults"),
        PermissionAbbreviations.abbreviate(
            List.of("s3:GetObject", "s3:GetBucketLocation", "s3:*", "athena:GetQueryResults")));
  }

  @Test
  void abbreviate_nullElement_isRefused() {
    assertThrows(
        NullPointerException.class,
        () -> PermissionAbbreviations.abbreviate(Arrays.asList("s3:GetObject", null)));
  }

  @Property
  void abbreviateThenExpand_distinctActions_roundTrip(
      @ForAll @UniqueElements @Size(max = 11) List<@From("action") String> actions) {
    Expansion expansion =
        PermissionAbbreviations.expand(PermissionAbbreviations.abbreviate(actions));
    assertEquals(actions, expansion.actions());
    assertEquals(List.of(), expansion.dropped());
  }

  @Provide
  Arbitrary<String> action() {
    List<String> actions = new ArrayList<>(KNOWN_ACTIONS);
    actions.addAll(List.of("s3:GetBucketLocation", "athena:StartQueryExecution", "s3:*"));
    return Arbitraries.of(actions);
  }
}
