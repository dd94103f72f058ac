package org.keygate.ims.mrfc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.keygate.ims.mrfp.MrfpControlClient;
import org.keygate.ims.mrfp.MrfpControlClient.MrfpControlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MRFC's view of its MRFP (TS 23.333 5.20.2 leaves MRFP failure handling to the MRFC): owns the conference the
 * MRFC serves at the MRFP, and every {@code interval} asks the MRFP for it ({@code GET /mrfp/v1/conferences/{id}},
 * answered within the interval or {@link #MIN_POLL_TIMEOUT}, the longer). The MRFP is lost when it no longer has the conference (404: it restarted, and its
 * media state with it) or when {@link #FAILED_POLLS} polls in a row could not reach it (a killed process: connection
 * refused). Then {@code onLost} is told once, with the reason; the media of every call is gone. While lost each poll
 * creates the conference again; once that works the MRFP is back and new calls go to the new conference.
 *
 * <p>A killed MRFP (connection refused at once) is so noticed within {@code FAILED_POLLS x interval}.
 */
public final class MrfpSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MrfpSupervisor.class);
    /** Polls in a row without an answer before the MRFP counts as lost (one lost datagram is no outage). */
    public static final int FAILED_POLLS = 2;
    /** A busy MRFP (or JVM warming up) may take a moment to answer: a short interval must not read as an outage. */
    public static final Duration MIN_POLL_TIMEOUT = Duration.ofSeconds(2);

    private final MrfpControlClient mrfp;
    private final long bfcpConferenceId;
    private final List<Integer> floorIds;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mrfc-mrfp-supervisor");
        t.setDaemon(true);
        return t;
    });
    private volatile Consumer<String> onLost = reason -> { };
    private volatile String conferenceId;
    /** Empty while the MRFP holds the conference; else why not. */
    private volatile Optional<String> down = Optional.empty();
    private int failedPolls;

    /**
     * Creates the conference at the MRFP now (it must be up) and polls it every {@code interval} from then on.
     *
     * @throws MrfpControlException if the MRFP cannot be reached or refuses the conference
     */
    public MrfpSupervisor(MrfpControlClient mrfp, long bfcpConferenceId, List<Integer> floorIds, Duration interval) {
        this.mrfp = Objects.requireNonNull(mrfp, "mrfp");
        this.bfcpConferenceId = bfcpConferenceId;
        this.floorIds = List.copyOf(floorIds);
        this.interval = Objects.requireNonNull(interval, "interval");
        this.conferenceId = mrfp.createConference(bfcpConferenceId, this.floorIds);
        timer.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Told (on the supervisor's thread) each time the MRFP is lost, with the reason. */
    public MrfpSupervisor onLost(Consumer<String> listener) {
        this.onLost = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** The conference to reserve streams in; throws while the MRFP is lost (the INVITE then gets 500). */
    public String conferenceId() {
        Optional<String> reason = down;
        if (reason.isPresent()) {
            throw new IllegalStateException("MRFP unavailable: " + reason.get());
        }
        return conferenceId;
    }

    /** Empty while the MRFP holds the MRFC's conference, else the reason (for /healthz). */
    public Optional<String> down() {
        return down;
    }

    private void poll() {
        try {
            if (down.isPresent()) {
                reconnect();
                return;
            }
            mrfp.checkConference(conferenceId, interval.compareTo(MIN_POLL_TIMEOUT) > 0 ? interval : MIN_POLL_TIMEOUT);
            failedPolls = 0;
        } catch (MrfpControlException e) {
            if (e.status() == 404) {
                lost("the MRFP at " + mrfp.base() + " no longer has conference " + conferenceId + " (it restarted)");
            } else if (++failedPolls >= FAILED_POLLS) {
                lost("the MRFP at " + mrfp.base() + " did not answer " + failedPolls + " polls in a row: "
                        + e.getMessage());
            }
        } catch (RuntimeException e) {
            // the timer must keep running whatever happens in one poll
            LOG.warn("MRFP poll failed: {}", e.toString());
        }
    }

    private void lost(String reason) {
        down = Optional.of(reason);
        LOG.warn("MRFP lost: {}; ending its calls", reason);
        onLost.accept(reason);
    }

    private void reconnect() {
        try {
            String id = mrfp.createConference(bfcpConferenceId, floorIds);
            conferenceId = id;
            failedPolls = 0;
            down = Optional.empty();
            LOG.warn("MRFP at {} is back: conference {} created", mrfp.base(), id);
        } catch (MrfpControlException e) {
            LOG.debug("MRFP still unavailable: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
