import com.quiltdata.mcp.auth.AuthenticationResult;
import com.quiltdata.mcp.auth.AuthorizationDecision;
import com.quiltdata.mcp.auth.Authenticator;
import com.quiltdata.mcp.auth.Authorizer;
import com.quiltdata.mcp.auth.PolicyAuthorizer;
import com.quiltdata.mcp.auth.Principal;
import com.quiltdata.mcp.auth.RotatingVerifierSource;
import com.quiltdata.mcp.auth.SecretSettings;
import com.quiltdata.mcp.auth.TokenAuthenticator;
import com.quiltdata.mcp.auth.ToolRequirements;
import java.util.List;
import java.util.Map;

/**
 * Embedding auth-core in a plain Java service: verify the caller's Quilt token and decide whether
 * it may read an object. No server framework, no MCP.
 *
 * <p>Run: {@code MCP_JWT_SECRET=... java -cp auth-core.jar:... EmbedAuthCore "Bearer <token>"}
 */
public final class EmbedAuthCore {
  private final Authenticator authenticator;
  private final Authorizer authorizer;

  /** Builds the pieces once, from the same environment variables the servers read. */
  public EmbedAuthCore(Map<String, String> env) {
    SecretSettings secret = SecretSettings.fromEnvironment(env); // fails closed without a secret
    this.authenticator = TokenAuthenticator.builder(RotatingVerifierSource.builder(secret).build()).build();
    // Your own table: what each operation needs from the caller's token (auth-core only supplies
    // the mechanism; the server's tool families keep their own tables).
    this.authorizer =
        PolicyAuthorizer.of(
            List.of(
                ToolRequirements.builder("read_object").action("s3:GetObject").s3Uri("s3_uri").build()));
  }

  /** Answers one request: may the caller read {@code s3Uri}? */
  public String mayRead(String authorizationHeader, String s3Uri) {
    AuthenticationResult result = authenticator.authenticate(List.of(authorizationHeader));
    if (!result.isAuthenticated()) {
      return "refused: " + result.outcome() + " (" + result.message() + ")";
    }
    Principal caller = result.principal().orElseThrow();
    AuthorizationDecision decision =
        authorizer.check(caller, "read_object", Authorizer.Arguments.single("s3_uri", s3Uri));
    return decision.allowed()
        ? "allowed for subject " + caller.subject()
        : "denied: " + decision.denial() + " (" + decision.message() + ")";
  }

  public static void main(String[] args) {
    EmbedAuthCore service = new EmbedAuthCore(System.getenv());
    System.out.println(service.mayRead(args[0], args.length > 1 ? args[1] : "s3://quilt-demo/a.csv"));
  }
}
