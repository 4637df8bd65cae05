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

} // namespace piton
