package com.quiltdata.mcp.session.redis.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificate authorities of a PEM file (one or more X.509 certificates), as the only trust the
 * TLS connection to Redis accepts. Bounded: a file over {@link #MAX_BYTES} or with more than {@link
 * #MAX_CERTIFICATES} certificates is refused. Messages name the field ({@code caFile}), never the
 * file's content.
 */
public final class CaTrust {
  /** Largest CA file read. */
  public static final int MAX_BYTES = 1024 * 1024;

  /** Most certificates in one CA file. */
  public static final int MAX_CERTIFICATES = 200;

  private CaTrust() {}

  /**
   * Reads the file and builds trust managers that trust exactly its certificates.
   *
   * @throws IllegalArgumentException when the file is unreadable, too large, or holds no
   *     certificate
   */
  public static TrustManagerFactory fromPem(Path file) {
    Collection<? extends Certificate> certificates = read(file);
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate c : certificates) {
        store.setCertificateEntry("ca-" + n++, c);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "caFile could not be used as a trust store: " + e.getClass().getSimpleName());
    }
  }

  private static Collection<? extends Certificate> read(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new IllegalArgumentException("caFile must be a readable file (" + file + ")");
    }
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("caFile must be at most " + MAX_BYTES + " bytes");
    }
    Collection<? extends Certificate> certificates;
    try {
      certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(bytes));
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "caFile must hold PEM X.509 certificates (-----BEGIN CERTIFICATE-----)");
    }
    if (certificates.isEmpty() || certificates.size() > MAX_CERTIFICATES) {
      throw new IllegalArgumentException(
          "caFile must hold 1 to " + MAX_CERTIFICATES + " PEM X.509 certificates");
    }
    return certificates;
  }
}
