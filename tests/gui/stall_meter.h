// How long the GUI thread's event loop stalls (bench.gui_stall, gui.line, bench_line stall): a
// 2 ms timer ticks on the GUI thread; the longest gap between two ticks minus the interval is the
// longest stall (a frozen window shows up here). The gap is split by where the time went: the GUI
// thread's own CPU time (CLOCK_THREAD_CPUTIME_ID), time it was runnable but waited for a core
// (the kernel's /proc/thread-self/schedstat, field 2, ns), and the rest, asleep (blocked in a
// call: I/O, a lock). A long gap with little CPU is the thread waiting for a core; one with much
// CPU is work done on the GUI thread.
#pragma once

#include <QElapsedTimer>
#include <QEventLoop>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <fcntl.h>
#include <unistd.h>

namespace piton::guitest {

struct StallMeter {
    static constexpr int IntervalMs = 2;
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = 0, lastCpu = 0, longestGap = 0, cpuInLongestGap = 0, longestCpu = 0;
    qint64 lastWait = 0, waitInLongestGap = 0, ticks = 0;
    qint64 longestSleep = 0; ///< the most time asleep (neither running nor runnable) in any one gap, ns
    qint64 stallsOver50 = 0; ///< gaps that stalled the loop over 50 ms (the target), counted
    int schedstat = -1;

    StallMeter() = default;
    StallMeter(const StallMeter &) = delete;
    StallMeter &operator=(const StallMeter &) = delete;
    ~StallMeter()
    {
        if (schedstat >= 0)
            ::close(schedstat);
    }
    /** ns the GUI thread was runnable but waited for a core (0 where schedstat is missing). */
    qint64 runQueueWaitNs() const
    {
        char buf[96] = {};
        if (schedstat < 0 || ::pread(schedstat, buf, sizeof buf - 1, 0) <= 0)
            return 0;
        unsigned long long cpu = 0, wait = 0;
        return std::sscanf(buf, "%llu %llu", &cpu, &wait) == 2 ? qint64(wait) : 0;
    }
    static qint64 threadCpuNs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }
    /** Starts ticking; call on the GUI thread. */
    void start()
    {
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(IntervalMs);
        if (schedstat < 0)
            schedstat = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 now = clock.nsecsElapsed(), cpu = threadCpuNs(), wait = runQueueWaitNs();
            if (now - last > longestGap) {
                longestGap = now - last;
                cpuInLongestGap = cpu - lastCpu;
                waitInLongestGap = wait - lastWait;
            }
            longestCpu = std::max(longestCpu, cpu - lastCpu);
            longestSleep = std::max(longestSleep, (now - last) - (cpu - lastCpu) - (wait - lastWait));
            if (now - last > (50 + IntervalMs) * 1000000LL)
                ++stallsOver50;
            last = now;
            lastCpu = cpu;
            lastWait = wait;
            ++ticks;
        });
        clock.start();
        last = 0;
        lastCpu = threadCpuNs();
        lastWait = runQueueWaitNs();
        timer.start();
    }
    void stop() { timer.stop(); }
    double longestStallMs() const { return std::max(0.0, double(longestGap) / 1e6 - IntervalMs); }
    /** In the longest gap: the GUI thread's CPU, its wait for a core, and the rest (asleep), ms. */
    double cpuInLongestGapMs() const { return double(cpuInLongestGap) / 1e6; }
    double waitInLongestGapMs() const { return double(waitInLongestGap) / 1e6; }
    double sleptInLongestGapMs() const { return std::max(0.0, double(longestGap - cpuInLongestGap - waitInLongestGap) / 1e6); }
    /** The most CPU the GUI thread used within any one gap, ms. */
    double longestCpuMs() const { return double(longestCpu) / 1e6; }
    /** The most time the GUI thread slept (blocked in a call: I/O, a lock) within any one gap, ms,
     *  less the timer's own interval. A call that waits for a network peer shows up here whatever
     *  the machine's speed; CPU work on the thread and waits for a core do not. */
    double longestSleepMs() const { return std::max(0.0, double(longestSleep) / 1e6 - IntervalMs); }
};

/** Waits up to `timeoutMs` for `done` in a QEventLoop, as the application's own loop runs (it
 *  checks every 10 ms). QTest::qWaitFor sleeps up to 10 ms between its rounds of events, which
 *  the stall meter would count as a stall of the window. */
inline bool waitInEventLoop(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    QElapsedTimer waited;
    waited.start();
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || waited.elapsed() > timeoutMs)
            loop.quit();
    });
    check.start(10);
    loop.exec();
    return done();
}

} // namespace piton::guitest
