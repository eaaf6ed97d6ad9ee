package com.quiltdata.mcp.standins.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The catalog's custom scalars: {@code Datetime}, {@code JsonRecord} and the flat contents map. */
final class Scalars {
  static final ObjectMapper JSON = new ObjectMapper();

  private Scalars() {}

  static final GraphQLScalarType DATETIME =
      GraphQLScalarType.newScalar()
          .name("Datetime")
          .coercing(
              new Coercing<Instant, String>() {
                @Override
                public String serialize(Object v, GraphQLContext c, Locale l) {
                  return v.toString();
                }
              })
          .build();

  /** A JSON object: in from variables or literals, out from Jackson trees or maps. */
  static final GraphQLScalarType JSON_RECORD = jsonScalar("JsonRecord", true);

  /** {@code {logicalKey: {physicalKey, hash, size, meta}}}, produced only. */
  static final GraphQLScalarType CONTENTS = jsonScalar("PackageContentsFlatMap", false);

  private static GraphQLScalarType jsonScalar(String name, boolean objectsOnly) {
    return GraphQLScalarType.newScalar()
        .name(name)
        .coercing(
            new Coercing<ObjectNode, Object>() {
              @Override
              public Object serialize(Object v, GraphQLContext c, Locale l) {
                return v instanceof JsonNode n ? JSON.convertValue(n, Object.class) : v;
              }

              @Override
              public ObjectNode parseValue(Object v, GraphQLContext c, Locale l) {
                if (objectsOnly && !(v instanceof Map)) {
                  throw new CoercingParseValueException(name + " must be a JSON object");
                }
                return JSON.valueToTree(v);
              }

              @Override
              public ObjectNode parseLiteral(
                  Value<?> v, CoercedVariables vars, GraphQLContext c, Locale l) {
                Object plain = literal(v, vars);
                if (!(plain instanceof Map)) {
                  throw new CoercingParseLiteralException(name + " must be a JSON object");
                }
                return JSON.valueToTree(plain);
              }
            })
        .build();
  }

  private static Object literal(Value<?> v, CoercedVariables vars) {
    if (v instanceof ObjectValue o) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (ObjectField f : o.getObjectFields()) {
        m.put(f.getName(), literal(f.getValue(), vars));
      }
      return m;
    }
    if (v instanceof ArrayValue a) {
      List<Object> list = new ArrayList<>();
      a.getValues().forEach(x -> list.add(literal(x, vars)));
      return list;
    }
    if (v instanceof StringValue s) {
      return s.getValue();
    }
    if (v instanceof IntValue i) {
      return i.getValue();
    }
    if (v instanceof FloatValue f) {
      return f.getValue();
    }
    if (v instanceof BooleanValue b) {
      return b.isValue();
    }
    if (v instanceof VariableReference r) {
      return vars.get(r.getName());
    }
    if (v instanceof NullValue) {
      return null;
    }
    throw new CoercingParseLiteralException("not a JSON value");
  }
}
