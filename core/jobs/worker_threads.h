// Joining the worker threads before the program ends.
#pragma once

namespace piton {

/// Waits for every task on QThreadPool::globalInstance() (QtConcurrent::run without a pool) to
/// finish and ends the pool's idle threads, so that each thread exits while the libraries it
/// used are still initialised. Call it when the event loop has returned, before main() returns
/// (piton, piton-cli, the GUI tests' cleanupTestCase()).
///
/// Why: OpenSSL 3 keeps per-thread state (the error queue, 904 bytes on x86-64) that a thread-exit
/// handler frees; its own atexit cleanup removes that handler. Pool threads are idle for 30 s
/// before they end, so without this they outlive OpenSSL's cleanup when the pool was created
/// before OpenSSL was first used, and their state is never freed (LeakSanitizer reports it; the
/// gui.line ASan run failed on it about one run in two).
///
/// Blocks until the running tasks end; never fails. Pools owned by objects are joined by their
/// destructors (QThreadPool's destructor waits).
void joinWorkerThreads();

/**
 * Frees the calling thread's OpenSSL state (its error queue, its DRBGs: OPENSSL_thread_stop(3))
 * when it goes out of scope. Put one first in every thread body and pool task that may use
 * OpenSSL (sessions, signatures, password hashes, package checks), so the state is gone before
 * the work returns.
 *
 * Why: QThread::wait() and QThreadPool::waitForDone() return when run() has returned, before the
 * thread's exit handlers (where OpenSSL frees that state by itself) have run. A program that then
 * ends races them with OpenSSL's atexit cleanup, and a thread that loses leaks its state
 * (LeakSanitizer: 904 bytes of error queue in gui.line, 552 bytes of DRBG in piton-cli line run,
 * about one run in five under ASan). Freeing it here takes the race away. Never fails; the next
 * OpenSSL call on the thread sets the state up again.
 */
/** Frees the calling thread's OpenSSL state now (OPENSSL_thread_stop(3)); what
 *  ThreadCryptoCleanup does at the end of its scope. For a thread that runs an event loop
 *  (a worker moved to a QThread), connect it to QThread::finished with Qt::DirectConnection: it
 *  then runs on that thread as its loop ends. */
void freeThreadCryptoState();

class ThreadCryptoCleanup {
public:
    ThreadCryptoCleanup() = default;
    ~ThreadCryptoCleanup();
    ThreadCryptoCleanup(const ThreadCryptoCleanup &) = delete;
    ThreadCryptoCleanup &operator=(const ThreadCryptoCleanup &) = delete;
};

} // namespace piton
