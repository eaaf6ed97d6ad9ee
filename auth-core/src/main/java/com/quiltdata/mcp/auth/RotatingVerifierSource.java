package com.quiltdata.mcp.auth;

import com.quiltdata.mcp.auth.AuthException.Reason;
import com.quiltdata.mcp.auth.internal.secrets.EntropyCheck;
import com.quiltdata.mcp.auth.internal.secrets.EnvKeySource;
import com.quiltdata.mcp.auth.internal.secrets.FileKeySource;
import com.quiltdata.mcp.auth.internal.secrets.KeySource;
import com.quiltdata.mcp.auth.internal.secrets.Rotation;
import com.quiltdata.mcp.auth.internal.secrets.SecretDecoding;
import com.quiltdata.mcp.auth.internal.secrets.SecretEnvironment;
import com.quiltdata.mcp.auth.internal.secrets.SourceReading;
import com.quiltdata.mcp.auth.internal.secrets.SsmKeySource;
import com.quiltdata.mcp.jwt.JwtVerifier;
import com.quiltdata.mcp.jwt.KeyRing;
import com.quiltdata.mcp.jwt.KeyRing.RetiredKey;
import com.quiltdata.mcp.jwt.SigningKey;
import com.quiltdata.mcp.jwt.VerifierConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A {@link VerifierSource} over the configured signing secret, with rotation.
 *
 * <p>Building it loads the secret and fails closed ({@link AuthException} with {@link
 * Reason#CONFIGURATION} or {@link Reason#SECRET_UNAVAILABLE}) when it cannot. {@link #refresh()}
 * re-reads a file or SSM source (a scheduler, when given, calls it every {@link
 * SecretSettings#refreshInterval()}); when the secret changed, the old key stays accepted for
 * {@link SecretSettings#gracePeriod()} and the new verifier is swapped in atomically. A failed
 * refresh keeps the last good keys and logs a warning.
 *
 * <p>Every previous key carries its own deadline, checked by the verifier against the same clock on
 * every verification: once a deadline passes, tokens signed with that key are rejected at once,
 * with or without a refresh, for every request and therefore every session.
 */
public final class RotatingVerifierSource implements VerifierSource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RotatingVerifierSource.class);

  /** What one {@link #refresh()} did. */
  public enum RefreshOutcome {
    /** The secret is the same (expired previous keys may have been dropped). */
    UNCHANGED,
    /** A new secret is current; the replaced one is accepted until the grace period ends. */
    ROTATED,
    /** The source could not be read or held an unusable secret; the last good keys stay. */
    FAILED
  }

  /**
   * The verifier in use, when its ring was loaded, and why its current key looks weak (or null).
   */
  private record State(JwtVerifier verifier, Instant loadedAt, String weakness) {}

  private final SecretSettings settings;
  private final KeySource source;
  private final Clock clock;
  private final SsmClient ownedClient;
  private final VerifierConfig template;
  private final AtomicReference<State> state = new AtomicReference<>();
  private volatile ScheduledFuture<?> task;

  private RotatingVerifierSource(Builder b, KeySource source, SsmClient ownedClient) {
    this.settings = b.settings;
    this.source = source;
    this.clock = b.clock;
    this.ownedClient = ownedClient;
    Instant now = clock.instant();
    SourceReading reading = source.read();
    try {
      Loaded loaded = load(reading.current(), settings.keyId().orElse(null), location());
      SigningKey current = loaded.key();
      List<RetiredKey> previous = new ArrayList<>();
      byte[] configured = settings.previousSecret();
      if (configured != null) {
        String where = settings.previousSecretLocation().orElse("previous secret");
        SigningKey key = key(configured, settings.previousKeyId().orElse(null), where);
        previous.add(new RetiredKey(key, now.plus(settings.gracePeriod())));
      }
      addSourcePrevious(reading, now, previous);
      KeyRing ring = Rotation.ring(current, previous, now);
      VerifierConfig.Builder config = VerifierConfig.builder(ring);
      b.verifierOptions.accept(config);
      this.template = config.keyRing(ring).clock(clock).build();
      state.set(new State(JwtVerifier.create(template), now, loaded.weakness()));
      LOG.info(
          "JWT signing key loaded from {} {}{}: {}, previous keys accepted: {}",
          settings.source().label(),
          location(),
          reading.version() == null ? "" : " (version " + reading.version() + ")",
          current,
          describePrevious(ring));
      warnIfWeak(loaded);
    } finally {
      reading.wipe();
    }
  }

  /** Starts a builder for the given settings. */
  public static Builder builder(SecretSettings settings) {
    return new Builder(settings);
  }

  @Override
  public JwtVerifier current() {
    return state.get().verifier();
  }

  @Override
  public KeyInfo keyInfo() {
    State s = state.get();
    KeyRing ring = s.verifier().config().keyRing();
    SigningKey key = ring.current();
    return new KeyInfo(
        settings.source().label(),
        location(),
        key.keyId(),
        key.length(),
        key.fingerprint(),
        Rotation.livePrevious(ring, clock.instant()),
        s.loadedAt());
  }

  /**
   * Why the current key looks weak (few distinct bytes, a repeated pattern, low estimated
   * strength), as in the warning logged when it was loaded; empty when nothing obvious is wrong.
   * The text describes the signal, never any part of the secret. For diagnostics (doctor, status
   * tools).
   */
  public Optional<String> currentKeyWeakness() {
    return Optional.ofNullable(state.get().weakness());
  }

  /**
   * Re-reads the source now. Never throws for source failures: they are logged (without any secret)
   * and the last good keys stay in use.
   */
  public synchronized RefreshOutcome refresh() {
    State old = state.get();
    KeyRing oldRing = old.verifier().config().keyRing();
    Instant now = clock.instant();
    SourceReading reading = null;
    try {
      reading = source.read();
      Loaded loaded = load(reading.current(), settings.keyId().orElse(null), location());
      SigningKey fresh = loaded.key();
      if (fresh.sameKeyAs(oldRing.current())) {
        if (Rotation.hasExpired(oldRing, now)) {
          KeyRing pruned = Rotation.ring(oldRing.current(), oldRing.previous(), now);
          swap(pruned, old.loadedAt(), old.weakness());
          LOG.info("JWT previous keys past their grace period dropped; now {}", pruned);
        }
        return RefreshOutcome.UNCHANGED;
      }
      List<RetiredKey> previous = new ArrayList<>(oldRing.previous());
      Instant deadline = now.plus(settings.gracePeriod());
      previous.add(new RetiredKey(oldRing.current(), deadline));
      addSourcePrevious(reading, now, previous);
      KeyRing ring = Rotation.ring(fresh, previous, now);
      swap(ring, now, loaded.weakness());
      LOG.info(
          "JWT signing key rotated at {} {}{}: new key {}, replaced key {} accepted until {}",
          settings.source().label(),
          location(),
          reading.version() == null ? "" : " (version " + reading.version() + ")",
          fresh,
          oldRing.current().fingerprint(),
          deadline);
      warnIfWeak(loaded);
      return RefreshOutcome.ROTATED;
    } catch (RuntimeException e) {
      LOG.warn(
          "refreshing the JWT signing secret from {} {} failed: {}; keeping key {} loaded at {}",
          settings.source().label(),
          location(),
          e instanceof AuthException ? e.getMessage() : e.getClass().getSimpleName(),
          oldRing.current().fingerprint(),
          old.loadedAt());
      return RefreshOutcome.FAILED;
    } finally {
      if (reading != null) {
        reading.wipe();
      }
    }
  }

  /** Stops scheduled refreshes and closes the SSM client this source created (if any). */
  @Override
  public void close() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
    if (ownedClient != null) {
      ownedClient.close();
    }
  }

  private void schedule(ScheduledExecutorService scheduler) {
    long millis = settings.refreshInterval().toMillis();
    task = scheduler.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void swap(KeyRing ring, Instant loadedAt, String weakness) {
    state.set(
        new State(
            JwtVerifier.create(template.toBuilder().keyRing(ring).build()), loadedAt, weakness));
  }

  /** Adds the source's own previous version (SSM history), if it decodes to a usable key. */
  private void addSourcePrevious(SourceReading reading, Instant now, List<RetiredKey> previous) {
    if (reading.previous() == null) {
      return;
    }
    Instant since = reading.currentSince();
    Instant start = since == null || since.isAfter(now) ? now : since;
    Instant deadline = start.plus(settings.gracePeriod());
    if (!now.isBefore(deadline)) {
      return;
    }
    try {
      SigningKey key = key(reading.previous(), settings.keyId().orElse(null), location());
      previous.add(new RetiredKey(key, deadline));
    } catch (AuthException e) {
      LOG.warn(
          "the previous version of {} is not usable and is ignored: {}",
          location(),
          e.getMessage());
    }
  }

  private SigningKey key(byte[] raw, String keyId, String where) {
    return load(raw, keyId, where).key();
  }

  /** A decoded key and, if it looks weak, why. */
  private record Loaded(SigningKey key, String weakness) {}

  private Loaded load(byte[] raw, String keyId, String where) {
    byte[] bytes = SecretDecoding.decode(raw, settings.encoding(), where);
    try {
      return new Loaded(SigningKey.of(keyId, bytes), EntropyCheck.weakness(bytes).orElse(null));
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private void warnIfWeak(Loaded loaded) {
    if (loaded.weakness() != null) {
      LOG.warn(
          "the JWT signing secret from {} {} (fingerprint {}) looks weak: {}. Anyone who guesses"
              + " it can forge tokens; generate a random one with: openssl rand -base64 48",
          settings.source().label(),
          location(),
          loaded.key().fingerprint(),
          loaded.weakness());
    }
  }

  private String location() {
    return settings.location();
  }

  private static String describePrevious(KeyRing ring) {
    if (ring.previous().isEmpty()) {
      return "none";
    }
    StringBuilder out = new StringBuilder();
    for (RetiredKey r : ring.previous()) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(r.key().fingerprint()).append(" until ").append(r.acceptedUntil());
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "RotatingVerifierSource[" + settings.source().label() + " " + location() + "]";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final SecretSettings settings;
    private Consumer<VerifierConfig.Builder> verifierOptions = b -> {};
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private SsmClient ssmClient;

    private Builder(SecretSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Sets the verification options (issuers, audiences, skew, lifetime, limits) applied to every
     * key ring. The key ring and clock set here are replaced by this source's.
     */
    public Builder verifierOptions(Consumer<VerifierConfig.Builder> verifierOptions) {
      this.verifierOptions = Objects.requireNonNull(verifierOptions, "verifierOptions");
      return this;
    }

    /** Sets the clock of rotation deadlines and of the verifiers. Default: system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the scheduler that calls {@link #refresh()} every refresh interval for file and SSM
     * sources. Without one, nothing refreshes on its own. The scheduler is not shut down by {@link
     * RotatingVerifierSource#close()}.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Sets the SSM client (tests, custom endpoints, other credentials; {@link SsmClientFactory}
     * builds one with the server's timeouts); the caller closes it. Without one, a client for
     * {@link SecretSettings#ssmRegion()} with the default AWS credentials chain is created.
     */
    public Builder ssmClient(SsmClient ssmClient) {
      this.ssmClient = Objects.requireNonNull(ssmClient, "ssmClient");
      return this;
    }

    /**
     * Loads the secret and builds the source.
     *
     * @throws AuthException {@link Reason#CONFIGURATION} or {@link Reason#SECRET_UNAVAILABLE} when
     *     no usable secret can be loaded
     */
    public RotatingVerifierSource build() {
      SsmClient owned = null;
      KeySource source;
      switch (settings.source()) {
        case ENV:
          source = new EnvKeySource(settings.inlineSecret());
          break;
        case FILE:
          source = new FileKeySource(settings.file(), SecretSettings.MAX_SECRET_VALUE_BYTES);
          break;
        case SSM:
          SsmClient client = ssmClient;
          if (client == null) {
            owned = defaultClient();
            client = owned;
          }
          source = new SsmKeySource(client, settings.location());
          break;
        default:
          throw new IllegalStateException("unknown source " + settings.source());
      }
      RotatingVerifierSource built;
      try {
        built = new RotatingVerifierSource(this, source, owned);
      } catch (RuntimeException e) {
        if (owned != null) {
          owned.close();
        }
        throw e;
      }
      if (scheduler != null && source.refreshable()) {
        built.schedule(scheduler);
      }
      return built;
    }

    private SsmClient defaultClient() {
      String region =
          settings
              .ssmRegion()
              .orElseThrow(
                  () ->
                      new AuthException(
                          Reason.CONFIGURATION,
                          "the SSM parameter "
                              + settings.location()
                              + " needs a region: set "
                              + SecretEnvironment.REGION
                              + " (or "
                              + SecretEnvironment.DEFAULT_REGION
                              + ")"));
      return SsmClientFactory.create(
          Region.of(region),
          DefaultCredentialsProvider.builder().build(),
          settings.ssmEndpoint().orElse(null));
    }
  }
}
