// Worker threads and OpenSSL's per-thread state.
#pragma once

namespace piton {

/** Frees the calling thread's OpenSSL state now: the decoder context the key readers keep per
 *  thread (freeThreadKeyReaders(), package/keys.h), then OpenSSL's own (OPENSSL_thread_stop(3));
 *  what ThreadCryptoCleanup does at the end of its scope. For a thread that runs an event loop
 *  (a worker moved to a QThread), connect it to QThread::finished with Qt::DirectConnection: it
 *  then runs on that thread as its loop ends. */
void freeThreadCryptoState();

/**
 * Frees the calling thread's OpenSSL state (the key readers' decoder context, its error queue,
 * its DRBGs: freeThreadCryptoState()) when it goes out of scope. Put one first in every thread
 * body and pool task that may use OpenSSL (sessions, signatures, password hashes, package
 * checks), so the state is gone before the work returns.
 *
 * Why: QThread::wait() and QThreadPool::waitForDone() return when run() has returned, before the
 * thread's exit handlers (where OpenSSL frees that state by itself) have run. A program that then
 * ends races them with OpenSSL's atexit cleanup, and a thread that loses leaks its state
 * (LeakSanitizer: 904 bytes of error queue in gui.line, 552 bytes of DRBG in piton-cli line run,
 * about one run in five under ASan). The same holds for the PEM decoder context
 * PrivateKey::fromPem keeps per thread, which a thread_local destructor would otherwise free at
 * thread exit. Freeing it here takes the race away. Never fails; the next OpenSSL call on the
 * thread sets the state up again.
 */
class ThreadCryptoCleanup {
public:
    ThreadCryptoCleanup() = default;
    ~ThreadCryptoCleanup();
    ThreadCryptoCleanup(const ThreadCryptoCleanup &) = delete;
    ThreadCryptoCleanup &operator=(const ThreadCryptoCleanup &) = delete;
};

} // namespace piton
