package com.quiltdata.mcp.benchmarks.soak;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The soak's fault proxy in front of a real echo server: pass, delay, down, and back. */
class FaultProxyTest {
  private ServerSocket echo;
  private Thread echoThread;
  private FaultProxy proxy;

  @BeforeEach
  void startEcho() throws IOException {
    echo = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    echoThread =
        new Thread(
            () -> {
              while (!echo.isClosed()) {
                try {
                  Socket s = echo.accept();
                  new Thread(() -> echoOnce(s)).start();
                } catch (IOException e) {
                  return;
                }
              }
            });
    echoThread.start();
    proxy = FaultProxy.start("echo", echo.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  private static void echoOnce(Socket s) {
    try (s;
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream()) {
      byte[] b = new byte[1024];
      int n;
      while ((n = in.read(b)) >= 0) {
        out.write(b, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private byte[] roundTrip(String text) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      s.setSoTimeout(10_000);
      byte[] sent = text.getBytes(StandardCharsets.US_ASCII);
      s.getOutputStream().write(sent);
      s.getOutputStream().flush();
      byte[] got = s.getInputStream().readNBytes(sent.length);
      return got;
    }
  }

  @Test
  void pass_relaysBytesBothWays() throws IOException {
    assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), roundTrip("hello"));
    assertEquals(1, proxy.accepted());
    assertEquals(0, proxy.reset());
  }

  @Test
  void delay_holdsTheAnswerBack_thenPassHealsIt() throws IOException {
    proxy.delay(Duration.ofMillis(600));
    proxy.mode(FaultProxy.Mode.DELAY);
    long start = System.nanoTime();
    assertArrayEquals("slow".getBytes(StandardCharsets.US_ASCII), roundTrip("slow"));
    assertTrue(System.nanoTime() - start >= 600_000_000L, "the answer came back before the delay");
    assertTrue(proxy.delayed() >= 1);
    proxy.mode(FaultProxy.Mode.PASS);
    long delayed = proxy.delayed();
    assertArrayEquals("fast".getBytes(StandardCharsets.US_ASCII), roundTrip("fast"));
    assertEquals(delayed, proxy.delayed(), "nothing is held back once healed");
  }

  @Test
  void down_resetsNewAndOpenConnections_thenPassHealsIt() throws Exception {
    Socket open = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    open.setSoTimeout(10_000);
    open.getOutputStream().write('x');
    assertEquals('x', open.getInputStream().read());
    proxy.mode(FaultProxy.Mode.DOWN);
    assertThrows(IOException.class, () -> readAfterWrite(open), "an open connection is cut");
    assertThrows(IOException.class, () -> roundTripOrFail("down"), "a new connection is reset");
    assertTrue(proxy.reset() >= 1);
    proxy.mode(FaultProxy.Mode.PASS);
    assertArrayEquals("back".getBytes(StandardCharsets.US_ASCII), roundTrip("back"));
  }

  @Test
  void delay_outsideItsBounds_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> proxy.delay(Duration.ofSeconds(61)));
    assertThrows(IllegalArgumentException.class, () -> proxy.delay(Duration.ofMillis(-1)));
  }

  private static void readAfterWrite(Socket s) throws IOException {
    s.getOutputStream().write('y');
    if (s.getInputStream().read() < 0) {
      throw new IOException("closed");
    }
  }

  private void roundTripOrFail(String text) throws IOException {
    byte[] got = roundTrip(text);
    if (got.length < text.length()) {
      throw new IOException("closed after " + got.length + " bytes");
    }
  }
}
