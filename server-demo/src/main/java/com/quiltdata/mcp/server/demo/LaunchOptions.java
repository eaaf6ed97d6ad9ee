package com.quiltdata.mcp.server.demo;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo's command line. {@code --demo} is required, so that no one starts the demo by accident
 * (for example by running the wrong jar in production).
 *
 * @param dataDirectory where the embedded S3 server keeps its buckets (created if missing)
 * @param port the MCP server's port (0: any free port)
 * @param s3Port the embedded S3 server's port (0: any free port)
 * @param registryPort the credential issuer's port (0: any free port)
 */
record LaunchOptions(Path dataDirectory, int port, int s3Port, int registryPort) {
  /** Default data directory, relative to the working directory. */
  static final Path DEFAULT_DATA_DIRECTORY = Path.of("quilt-mcp-demo-data");

  /** Default MCP port, the production server's default. */
  static final int DEFAULT_PORT = 8000;

  static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar quilt-mcp-demo.jar --demo [--data-dir DIR] [--port N] [--s3-port N]"
              + " [--registry-port N]",
          "",
          "Runs the quilt-mcp HTTP server with everything it needs on this machine, for trying it"
              + " out:",
          "an embedded S3 server (S3Proxy) with a sample bucket, a local credential issuer in"
              + " place of",
          "the Quilt registry, and a demo token. Everything binds 127.0.0.1. Demo only: never use"
              + " it in production.",
          "",
          "  --demo               required: confirms you want the demo",
          "  --data-dir DIR       where the S3 buckets live (default ./"
              + DEFAULT_DATA_DIRECTORY
              + ", kept between runs)",
          "  --port N             MCP server port (default "
              + DEFAULT_PORT
              + "; 0 picks a free port)",
          "  --s3-port N          embedded S3 port (default: a free port)",
          "  --registry-port N    credential issuer port (default: a free port)",
          "  --help               show this help",
          "",
          "Exit status: 0 after Ctrl-C, 1 a component could not start (port in use), 2 bad"
              + " command line,",
          "3 the data directory cannot be written.");

  /** The user asked for help; print {@link #USAGE} and exit 0. */
  static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HelpRequested() {
      super("help", null, false, false);
    }
  }

  /**
   * Parses the arguments ({@code --name value} or {@code --name=value}).
   *
   * @throws HelpRequested for {@code --help} or {@code -h}
   * @throws DemoStartException {@link DemoStartException#EXIT_USAGE} with a one-line reason
   */
  static LaunchOptions parse(List<String> args) {
    boolean demo = false;
    Path dataDirectory = DEFAULT_DATA_DIRECTORY;
    int port = DEFAULT_PORT;
    int s3Port = 0;
    int registryPort = 0;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        throw new HelpRequested();
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!seen.add(name)) {
        throw usage(name + " is given twice");
      }
      switch (name) {
        case "--demo":
          if (value != null) {
            throw usage("--demo takes no value");
          }
          demo = true;
          break;
        case "--data-dir":
        case "--port":
        case "--s3-port":
        case "--registry-port":
          if (value == null) {
            if (i + 1 >= args.size()) {
              throw usage(name + " needs a value");
            }
            value = args.get(++i);
          }
          if (name.equals("--data-dir")) {
            dataDirectory = directory(value);
          } else {
            int p = port(name, value);
            if (name.equals("--port")) {
              port = p;
            } else if (name.equals("--s3-port")) {
              s3Port = p;
            } else {
              registryPort = p;
            }
          }
          break;
        default:
          throw usage("unknown argument " + printable(arg));
      }
    }
    if (!demo) {
      throw usage("--demo is required: this launcher only runs the local demo");
    }
    return new LaunchOptions(dataDirectory, port, s3Port, registryPort);
  }

  private static Path directory(String value) {
    if (value.isBlank()) {
      throw usage("--data-dir must name a directory");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw usage("--data-dir is not a valid path");
    }
  }

  private static int port(String name, String value) {
    int p;
    try {
      p = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      p = -1;
    }
    if (p < 0 || p > 65535) {
      throw usage(name + " must be a port number from 0 to 65535 (0 picks a free port)");
    }
    return p;
  }

  private static String printable(String arg) {
    String cut = arg.length() > 40 ? arg.substring(0, 40) + "..." : arg;
    return "'" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "'";
  }

  private static DemoStartException usage(String message) {
    return new DemoStartException(DemoStartException.EXIT_USAGE, message);
  }
}
