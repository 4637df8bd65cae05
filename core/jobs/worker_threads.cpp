#include "worker_threads.h"

#include <QThreadPool>

#include <openssl/crypto.h>

namespace piton {

void joinWorkerThreads()
{
    // waitForDone() waits for the queue and removes the pool's threads (Qt 6: "Waits ... for all
    // threads to exit and removes all threads from the thread pool").
    QThreadPool::globalInstance()->waitForDone();
}

void freeThreadCryptoState()
{
    OPENSSL_thread_stop();
}

ThreadCryptoCleanup::~ThreadCryptoCleanup()
{
    freeThreadCryptoState();
}

} // namespace piton
