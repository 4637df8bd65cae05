// A line station's worker threads below the window's thread (docs/performance.md, "The Line page
// with 16 slots"). The slots mostly wait on their links; when they do compute (hashing, framing,
// SQLite), a station's window should still get a core first, so that its event loop keeps up.
#pragma once

namespace piton::line {

/** Nice increment of a station's slot threads unless PITON_LINE_SLOT_NICE says otherwise: 10,
 *  i.e. CFS weight 110 against the window thread's 1024 at nice 0 (kernel sched_prio_to_weight
 *  table). The journal-sync thread takes at most 5 (little CPU; the station's end waits for it). */
inline constexpr int DefaultSlotNice = 10;

/**
 * The nice increment for a station's worker threads: $PITON_LINE_SLOT_NICE when it holds an
 * integer 0..19 (0: the workers run level with the window), else DefaultSlotNice. Read at every
 * call, so a benchmark can compare values in one process.
 */
int slotNiceIncrement();

/**
 * Lowers the calling thread's CPU priority by `increment` nice steps (0..19; the result is capped
 * at nice 19). Linux: setpriority(PRIO_PROCESS, gettid(), ...), which acts on one thread there
 * (setpriority(2), "BUGS": the nice value is a per-thread attribute on Linux); threads the caller
 * starts later inherit it. QThread::setPriority cannot do this: under SCHED_OTHER Qt maps every
 * priority but IdlePriority to the policy's one static priority 0 (qthread_unix.cpp,
 * calculateUnixPriority), and IdlePriority means SCHED_IDLE, which a busy machine can starve.
 * Elsewhere: nothing. Returns the thread's nice value afterwards, or 0 where nothing was done
 * (other systems, or the call failed).
 */
int lowerThreadPriority(int increment);

} // namespace piton::line
