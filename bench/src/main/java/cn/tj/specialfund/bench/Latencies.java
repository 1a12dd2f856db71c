package cn.tj.specialfund.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Latencies of one kind of operation, recorded in microseconds (three significant digits). */
final class Latencies {

    private final Histogram histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.min(Math.max(1, nanos / 1_000), histogram.getHighestTrackableValue()));
    }

    long count() {
        return histogram.getTotalCount();
    }

    double percentileMillis(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    double p50() {
        return percentileMillis(50);
    }

    double p99() {
        return percentileMillis(99);
    }

    double maxMillis() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1_000.0;
    }

    /** Count, rate over {@code seconds}, p50/p99/max in milliseconds. */
    Map<String, Object> summary(double seconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("count", count());
        s.put("seconds", round(seconds));
        s.put("perSecond", round(seconds > 0 ? count() / seconds : 0));
        s.put("p50Ms", round(p50()));
        s.put("p99Ms", round(p99()));
        s.put("maxMs", round(maxMillis()));
        return s;
    }

    static double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return Math.round(value * 100.0) / 100.0;
    }
}
