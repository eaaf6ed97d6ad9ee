package com.quiltdata.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quiltdata.mcp.auth.ToolRequirements;
import com.quiltdata.mcp.tools.engine.McpEngine;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tool's listing and authorization facts. Immutable: schemas are deep-copied on the way in and
 * out.
 */
public final class ToolDefinition {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final String name;
  private final String title;
  private final String description;
  private final ObjectNode inputSchema;
  private final ObjectNode outputSchema;
  private final ObjectNode annotations;
  private final ToolRequirements requirements;

  private ToolDefinition(Builder b) {
    this.name = b.name;
    this.title = b.title;
    this.description = b.description;
    this.inputSchema = b.inputSchema.deepCopy();
    this.outputSchema = b.outputSchema == null ? null : b.outputSchema.deepCopy();
    this.annotations = b.annotations == null ? null : b.annotations.deepCopy();
    this.requirements = b.requirements;
  }

  /** Starts a definition for a tool name ({@code [A-Za-z0-9_.-]{1,64}}). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The tool name. */
  public String name() {
    return name;
  }

  /** A human-friendly title, if any. */
  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  /** What the tool does, for the model. */
  public String description() {
    return description;
  }

  /** The input JSON Schema (a copy). */
  public ObjectNode inputSchema() {
    return inputSchema.deepCopy();
  }

  /** The output JSON Schema (a copy), if the tool declares one. */
  public Optional<ObjectNode> outputSchema() {
    return Optional.ofNullable(outputSchema == null ? null : outputSchema.deepCopy());
  }

  /** Tool annotations ({@code readOnlyHint} and the like), if any (a copy). */
  public Optional<ObjectNode> annotations() {
    return Optional.ofNullable(annotations == null ? null : annotations.deepCopy());
  }

  /** What the caller's token must grant. */
  public ToolRequirements requirements() {
    return requirements;
  }

  @Override
  public String toString() {
    return "ToolDefinition[" + name + "]";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final String name;
    private String title;
    private String description;
    private ObjectNode inputSchema;
    private ObjectNode outputSchema;
    private ObjectNode annotations;
    private ToolRequirements requirements;

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("name must match [A-Za-z0-9_.-]{1,64}");
      }
      this.name = name;
    }

    /** Sets the title ({@code null} for none). */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /** Sets the description (required, not blank). */
    public Builder description(String description) {
      Objects.requireNonNull(description, "description");
      if (description.isBlank()) {
        throw new IllegalArgumentException("description must not be blank");
      }
      this.description = description;
      return this;
    }

    /**
     * Sets the input schema (required): an object schema ({@code "type": "object"}) using only the
     * keywords the engine validates (see {@link McpEngine}); checked when the engine is built.
     */
    public Builder inputSchema(ObjectNode inputSchema) {
      this.inputSchema = Objects.requireNonNull(inputSchema, "inputSchema");
      return this;
    }

    /** Sets the output schema ({@code null} for none). */
    public Builder outputSchema(ObjectNode outputSchema) {
      this.outputSchema = outputSchema;
      return this;
    }

    /** Sets the annotations ({@code null} for none). */
    public Builder annotations(ObjectNode annotations) {
      this.annotations = annotations;
      return this;
    }

    /**
     * Sets the requirements (required); their {@link ToolRequirements#tool()} must equal the name.
     */
    public Builder requirements(ToolRequirements requirements) {
      Objects.requireNonNull(requirements, "requirements");
      if (!requirements.tool().equals(name)) {
        throw new IllegalArgumentException("requirements.tool must equal the tool name");
      }
      this.requirements = requirements;
      return this;
    }

    /** Builds the immutable definition. */
    public ToolDefinition build() {
      if (description == null) {
        throw new IllegalStateException("description is required");
      }
      if (inputSchema == null) {
        throw new IllegalStateException("inputSchema is required");
      }
      if (requirements == null) {
        throw new IllegalStateException("requirements is required");
      }
      return new ToolDefinition(this);
    }
  }
}
